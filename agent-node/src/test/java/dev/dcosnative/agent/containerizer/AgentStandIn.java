package dev.dcosnative.agent.containerizer;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A stand-in agent for {@link ProcessRecoveryTest}: a JVM of its own that launches one container, prints
 * {@code launched <task pid>} and waits to be SIGKILLed.
 * <p>
 * Arguments: isolation, cgroup parent, container id, sandbox, run directory, shell command.
 */
public final class AgentStandIn {

    private AgentStandIn() {
    }

    public static void main(String[] args) throws Exception {
        ProcessContainerizer containerizer = new ProcessContainerizer(args[0], ContainerFixture.CGROUP_ROOT, args[1]);
        Container container = containerizer.launch(new LaunchSpec(args[2], Path.of(args[3]), Path.of(args[4]),
                List.of("/bin/sh", "-c", args[5]), ContainerFixture.ENV, Optional.empty(),
                new Limits(0.5, 64 * 1024 * 1024, 100, false)));
        System.out.println("launched " + container.pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
