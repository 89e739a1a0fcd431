package dev.dcosnative.agent.containerizer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Run by {@link ProcessContainerizerTest} in a JVM of its own as an unprivileged user: prints what an agent that is
 * not root gets from {@code auto} isolation. Argument: a directory that user may write to.
 */
public final class NonRootProbe {

    private NonRootProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        ProcessContainerizer containerizer = new ProcessContainerizer("auto", ContainerFixture.CGROUP_ROOT,
                ContainerFixture.CGROUP_PARENT);
        System.out.println("isolation: " + containerizer.isolation());
        try {
            containerizer.launch(spec(dir, "as-root", Optional.of("root")));
            System.out.println("user switch: allowed");
        } catch (ContainerException e) {
            System.out.println("user switch: " + e.getMessage());
        }
        Container container = containerizer.launch(spec(dir, "plain", Optional.empty()));
        System.out.println("termination: " + container.termination().get(10, TimeUnit.SECONDS));
        System.out.println("stdout: " + Files.readString(dir.resolve("plain").resolve("stdout")).trim());
        System.out.println("usage: " + container.usage());
    }

    private static LaunchSpec spec(Path dir, String name, Optional<String> user) {
        return new LaunchSpec(name, dir.resolve(name), dir.resolve("run-" + name),
                List.of("/bin/sh", "-c", "echo \"$FOO as $(id -u)\""), ContainerFixture.ENV, user,
                new Limits(1, 64 * 1024 * 1024, 10, true));
    }
}
