package dev.dcosnative.agent.containerizer.core;

import java.util.ArrayList;
import java.util.List;

import dev.dcosnative.agent.containerizer.Limits;

/** Turns {@link Limits} into cgroup v1 control-file writes, as Mesos' cgroups isolators compute them. */
public final class CgroupSettings {

    /** {@code cpu.shares} per CPU. */
    public static final long SHARES_PER_CPU = 1024;
    /** The kernel's smallest {@code cpu.shares}. */
    public static final long MIN_SHARES = 2;
    /** The CFS period, µs. */
    public static final long CFS_PERIOD_US = 100_000;
    /** The smallest CFS quota the kernel accepts, µs. */
    public static final long MIN_CFS_QUOTA_US = 1_000;

    private CgroupSettings() {
    }

    /** {@code cpu.shares} for {@code cpus}: 1024 per CPU, at least 2. */
    public static long cpuShares(double cpus) {
        return Math.max(MIN_SHARES, (long) (SHARES_PER_CPU * cpus));
    }

    /** {@code cpu.cfs_quota_us} for {@code cpus} per {@link #CFS_PERIOD_US}: {@code cpus * period}, at least 1 ms. */
    public static long cfsQuotaUs(double cpus) {
        return Math.max(MIN_CFS_QUOTA_US, (long) (cpus * CFS_PERIOD_US));
    }

    /**
     * The writes that apply {@code limits}, in the order they must happen.
     *
     * @param limits what to enforce
     * @param memswAccounted whether {@code memory.memsw.limit_in_bytes} exists (swap accounting)
     * @param currentMemoryLimit the cgroup's {@code memory.limit_in_bytes} now (a new cgroup: the kernel's maximum).
     *        The kernel refuses a memsw limit below the memory limit, so when the limit goes up memsw is raised first,
     *        and when it goes down the memory limit is lowered first.
     */
    public static List<CgroupWrite> writes(Limits limits, boolean memswAccounted, long currentMemoryLimit) {
        List<CgroupWrite> writes = new ArrayList<>();
        if (limits.cpus() > 0) {
            writes.add(new CgroupWrite("cpu", "cpu.shares", Long.toString(cpuShares(limits.cpus()))));
            if (limits.cpuHardLimit()) {
                writes.add(new CgroupWrite("cpu", "cpu.cfs_period_us", Long.toString(CFS_PERIOD_US)));
                writes.add(new CgroupWrite("cpu", "cpu.cfs_quota_us", Long.toString(cfsQuotaUs(limits.cpus()))));
            }
        }
        if (limits.memoryBytes() > 0) {
            String bytes = Long.toString(limits.memoryBytes());
            CgroupWrite limit = new CgroupWrite("memory", "memory.limit_in_bytes", bytes);
            CgroupWrite memsw = new CgroupWrite("memory", "memory.memsw.limit_in_bytes", bytes);
            if (!memswAccounted) {
                writes.add(limit);
            } else if (limits.memoryBytes() > currentMemoryLimit) {
                writes.add(memsw);
                writes.add(limit);
            } else {
                writes.add(limit);
                writes.add(memsw);
            }
        }
        writes.add(new CgroupWrite("pids", "pids.max", limits.maxPids() > 0 ? Long.toString(limits.maxPids()) : "max"));
        return writes;
    }
}
