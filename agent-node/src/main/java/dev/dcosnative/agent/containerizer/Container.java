package dev.dcosnative.agent.containerizer;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A launched (or recovered) container: the task's main process and everything it started. Thread-safe. */
public interface Container {

    /** The container id it was launched with ({@link LaunchSpec#containerId()}). */
    String id();

    /** The pid of the task's main process (the process that exec'ed {@link LaunchSpec#argv()}). */
    long pid();

    /**
     * Completes exactly once, when the task's main process has ended and every other process of the container is gone
     * (left-overs are killed when the main process ends) and its cgroups are removed. Never completes exceptionally.
     */
    CompletableFuture<Termination> termination();

    /**
     * Kills the container: SIGTERM to every process of the container now, then SIGKILL to all that remain after
     * {@code grace} (at once when {@code grace} is zero or negative). Returns at once; {@link #termination()} completes
     * later with {@link Termination#killed()} true. Idempotent: a second call can only bring the SIGKILL forward; after
     * the container ended it does nothing. A kill survives an agent restart ({@link Containerizer#recover} resumes it).
     */
    void kill(Duration grace);

    /**
     * What the container uses now: CPU seconds (cpuacct), memory bytes charged to it (memory cgroup, page cache
     * included), number of processes (pids cgroup). {@link ResourceUsage#ZERO} without cgroups or once it ended.
     */
    ResourceUsage usage();
}
