package dev.dcosnative.agent.containerizer;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The agent's containerizer (Mesos' "mesos containerizer", process flavour): runs a task's command as a container of
 * processes in its sandbox, isolated as far as the machine allows, in a way that survives the agent itself.
 * <p>
 * Every container is started through a small supervisor process that lives in its own session, outside the container,
 * and records how the task ended in the container's run directory; so a task keeps running when the agent JVM dies
 * (even by SIGKILL), and a restarted agent learns how it ended through {@link #recover(Path)}.
 * <p>
 * All methods block (they start processes and read and write files): call them off the event loop. Implementations are
 * thread-safe.
 */
public interface Containerizer {

    /**
     * Starts the container and returns once its task process runs (in its cgroups when this containerizer isolates).
     * Nothing stays behind when it throws: no process, no cgroup.
     *
     * @param spec what to run, where, as whom and within which limits
     * @return the running container; its {@link Container#termination()} completes when it ends
     * @throws ContainerException with a message meant for the task's status (unknown user, user switch without root,
     *         executable not found, cgroup not creatable, run directory in use, exec failed, ...)
     */
    Container launch(LaunchSpec spec) throws ContainerException;

    /**
     * Re-attaches to a container started by an earlier run of the agent (whose JVM may have been SIGKILLed meanwhile),
     * from the checkpoint files in {@code runDir}.
     *
     * @param runDir the {@link LaunchSpec#runDir()} the container was launched with
     * @return empty if nothing was ever launched there; otherwise the container, whose {@link Container#termination()}
     *         completes when it ends, or is already complete (with the recorded exit status when there is one) if it
     *         ended while the agent was down. A container found ended is destroyed (left-over processes killed,
     *         cgroups removed) before this returns.
     * @throws ContainerException when the checkpoint exists but cannot be read
     */
    Optional<Container> recover(Path runDir) throws ContainerException;

    /**
     * What isolation this containerizer applies, for logs and the agent's state: for example
     * {@code "cgroups/v1 (cpu,cpuacct,memory,pids,freezer)"} or {@code "none (not root)"}.
     */
    String isolation();
}
