package dev.dcosnative.agent.containerizer.core;

/** Parses the cgroup v1 statistics files the containerizer reads. */
public final class CgroupStats {

    private CgroupStats() {
    }

    /**
     * The number of OOM kills in the cgroup, from {@code memory.oom_control} (the {@code oom_kill N} line; v1 has no
     * {@code memory.events}). Zero when the kernel does not report it.
     */
    public static long oomKills(String oomControl) {
        for (String line : oomControl.split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2 && parts[0].equals("oom_kill")) {
                return Long.parseLong(parts[1]);
            }
        }
        return 0;
    }

    /** CPU seconds from {@code cpuacct.usage} (nanoseconds). */
    public static double cpuSeconds(String cpuacctUsage) {
        return number(cpuacctUsage) / 1e9;
    }

    /** A one-number control file ({@code memory.usage_in_bytes}, {@code pids.current}); "max" is Long.MAX_VALUE. */
    public static long number(String content) {
        String value = content.trim();
        return value.equals("max") ? Long.MAX_VALUE : Long.parseLong(value);
    }

    /** The pids listed in a {@code cgroup.procs} file. */
    public static long[] pids(String cgroupProcs) {
        return cgroupProcs.lines().map(String::trim).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
    }
}
