package dev.dcosnative.agent.containerizer.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.dcosnative.agent.containerizer.Limits;

class CgroupSettingsTest {

    private static final long UNLIMITED = 9223372036854771712L; // what a new v1 memory cgroup reports
    private static final long MB = 1024 * 1024;

    @Test
    void sharesAre1024PerCpuAndAtLeastTwo() {
        assertThat(CgroupSettings.cpuShares(1)).isEqualTo(1024);
        assertThat(CgroupSettings.cpuShares(0.5)).isEqualTo(512);
        assertThat(CgroupSettings.cpuShares(2.25)).isEqualTo(2304);
        assertThat(CgroupSettings.cpuShares(0.001)).isEqualTo(2);
    }

    @Test
    void theQuotaIsCpusTimesThePeriodAndAtLeastOneMillisecond() {
        assertThat(CgroupSettings.cfsQuotaUs(0.5)).isEqualTo(50_000);
        assertThat(CgroupSettings.cfsQuotaUs(4)).isEqualTo(400_000);
        assertThat(CgroupSettings.cfsQuotaUs(0.001)).isEqualTo(1_000);
    }

    @Test
    void aNewCgroupGetsItsMemoryLimitBeforeMemsw() {
        assertThat(CgroupSettings.writes(new Limits(0.5, 64 * MB, 100, true), true, UNLIMITED)).containsExactly(
                new CgroupWrite("cpu", "cpu.shares", "512"),
                new CgroupWrite("cpu", "cpu.cfs_period_us", "100000"),
                new CgroupWrite("cpu", "cpu.cfs_quota_us", "50000"),
                new CgroupWrite("memory", "memory.limit_in_bytes", Long.toString(64 * MB)),
                new CgroupWrite("memory", "memory.memsw.limit_in_bytes", Long.toString(64 * MB)),
                new CgroupWrite("pids", "pids.max", "100"));
    }

    @Test
    void raisingTheMemoryLimitRaisesMemswFirst() {
        assertThat(CgroupSettings.writes(new Limits(0, 256 * MB, 0, false), true, 64 * MB)).containsExactly(
                new CgroupWrite("memory", "memory.memsw.limit_in_bytes", Long.toString(256 * MB)),
                new CgroupWrite("memory", "memory.limit_in_bytes", Long.toString(256 * MB)),
                new CgroupWrite("pids", "pids.max", "max"));
    }

    @Test
    void withoutSwapAccountingOnlyTheLimitIsWritten() {
        assertThat(CgroupSettings.writes(new Limits(1, 32 * MB, 0, false), false, UNLIMITED)).containsExactly(
                new CgroupWrite("cpu", "cpu.shares", "1024"),
                new CgroupWrite("memory", "memory.limit_in_bytes", Long.toString(32 * MB)),
                new CgroupWrite("pids", "pids.max", "max"));
    }

    @Test
    void noLimitsLeaveEverythingButPidsAlone() {
        assertThat(CgroupSettings.writes(Limits.NONE, true, UNLIMITED))
                .containsExactly(new CgroupWrite("pids", "pids.max", "max"));
    }

    @Test
    void statsAreParsed() {
        assertThat(CgroupStats.oomKills("oom_kill_disable 0\nunder_oom 0\noom_kill 2\n")).isEqualTo(2);
        assertThat(CgroupStats.oomKills("oom_kill_disable 0\nunder_oom 0\n")).isZero();
        assertThat(CgroupStats.cpuSeconds("1500000000\n")).isEqualTo(1.5);
        assertThat(CgroupStats.number("max\n")).isEqualTo(Long.MAX_VALUE);
        assertThat(CgroupStats.number("4096\n")).isEqualTo(4096);
        assertThat(CgroupStats.pids("12\n345\n")).containsExactly(12, 345);
        assertThat(CgroupStats.pids("")).isEmpty();
    }
}
