package dev.dcosnative.agent.containerizer;

/**
 * What a container uses at one moment.
 *
 * @param cpuSeconds CPU time consumed since it started, user and system (cpuacct.usage)
 * @param memoryBytes memory charged to it now, page cache included (memory.usage_in_bytes)
 * @param pids processes and threads it has now (pids.current)
 */
public record ResourceUsage(double cpuSeconds, long memoryBytes, long pids) {

    /** Nothing measured: a container without cgroups, or one that ended. */
    public static final ResourceUsage ZERO = new ResourceUsage(0, 0, 0);
}
