package dev.dcosnative.agent.containerizer;

/**
 * The resources a container may use, enforced by cgroups when the containerizer isolates.
 *
 * @param cpus CPU share: {@code cpu.shares = 1024 * cpus} (at least 2); with {@code cpuHardLimit} also a CFS quota
 *        of {@code cpus * 100000} µs per 100000 µs period (at least 1000 µs). Zero or less leaves the CPU unlimited.
 * @param memoryBytes memory limit ({@code memory.limit_in_bytes}, and {@code memory.memsw.limit_in_bytes} where swap
 *        is accounted); exceeding it gets the task OOM-killed and the termination reason
 *        {@link Termination.Reason#MEMORY_LIMIT}. Zero or less: unlimited.
 * @param maxPids most processes and threads at once ({@code pids.max}); zero or less: unlimited
 * @param cpuHardLimit whether to cap CPU time with a CFS quota, not only weigh it with shares
 */
public record Limits(double cpus, long memoryBytes, long maxPids, boolean cpuHardLimit) {

    /** No limit at all. */
    public static final Limits NONE = new Limits(0, 0, 0, false);

    public Limits {
        if (Double.isNaN(cpus) || Double.isInfinite(cpus)) {
            throw new IllegalArgumentException("cpus must be a finite number: " + cpus);
        }
    }
}
