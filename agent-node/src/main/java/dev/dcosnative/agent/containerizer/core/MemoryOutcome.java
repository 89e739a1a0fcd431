package dev.dcosnative.agent.containerizer.core;

/**
 * What the memory cgroup says about a container when it ends.
 *
 * @param oomKills OOM kills counted in the container's cgroup ({@code oom_kill} of {@code memory.oom_control})
 * @param limitBytes the limit it was given; zero when unlimited
 * @param maxUsageBytes the most it ever used ({@code memory.max_usage_in_bytes})
 */
public record MemoryOutcome(long oomKills, long limitBytes, long maxUsageBytes) {

    /** No memory cgroup, or nothing to report. */
    public static final MemoryOutcome NONE = new MemoryOutcome(0, 0, 0);
}
