package dev.dcosnative.agent.containerizer;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to launch.
 *
 * @param containerId unique container id; letters, digits, {@code . _ -} only (it names the cgroup
 *        {@code dcos/<containerId>} and files)
 * @param sandbox the task's working directory; created if missing; receives {@code stdout} and {@code stderr}
 *        (appended to, created if missing). Owned by {@code user} when one is given.
 * @param runDir where the containerizer keeps its checkpoint, scripts and the recorded exit status of this container
 *        (one directory per container, outside the sandbox so the task cannot tamper with it); created if missing
 * @param argv the final command line, exec'ed as is ({@code argv[0]} is looked up on the {@code PATH} of
 *        {@code environment}, or {@code /bin:/usr/bin}); a shell command must already be {@code /bin/sh -c <cmd>}
 * @param environment exactly the task's environment: nothing is added (the caller builds {@code MESOS_SANDBOX},
 *        {@code PATH}, ...)
 * @param user the user to run the task as; empty runs it as the agent's user. Switching users needs root.
 * @param limits the resources to enforce (when the containerizer isolates)
 */
public record LaunchSpec(String containerId, Path sandbox, Path runDir, List<String> argv,
        Map<String, String> environment, Optional<String> user, Limits limits) {

    public LaunchSpec {
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(runDir, "runDir");
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(limits, "limits");
    }
}
