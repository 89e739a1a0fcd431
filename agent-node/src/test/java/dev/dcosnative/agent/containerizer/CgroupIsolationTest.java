package dev.dcosnative.agent.containerizer;

import static dev.dcosnative.agent.containerizer.ContainerFixture.await;
import static dev.dcosnative.agent.containerizer.ContainerFixture.cgroupDir;
import static dev.dcosnative.agent.containerizer.ContainerFixture.eventually;
import static dev.dcosnative.agent.containerizer.ContainerFixture.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.dcosnative.agent.containerizer.Termination.Reason;
import dev.dcosnative.agent.containerizer.core.SupervisorScripts;

/** cgroups v1 isolation on the real kernel; every test is skipped when cgroups cannot be used (not root). */
class CgroupIsolationTest {

    private static final long MB = 1024 * 1024;
    private static final List<String> HIERARCHIES = List.of("memory", "cpu", "cpuacct", "pids", "freezer");

    private ContainerFixture fixture;
    private ProcessContainerizer containerizer;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new ContainerFixture();
        containerizer = fixture.containerizer("cgroups");
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @AfterAll
    static void removeParentCgroups() {
        ContainerFixture.removeParentCgroups();
    }

    @Test
    void limitsAreWrittenAsComputedAndTheCgroupsGoAwayWithTheContainer() throws Exception {
        LaunchSpec spec = fixture.shell("sleep 600", new Limits(0.5, 64 * MB, 100, true));
        Container container = containerizer.launch(spec);
        String id = spec.containerId();

        assertThat(read(cgroupDir("cpu", id).resolve("cpu.shares")).trim()).isEqualTo("512");
        assertThat(read(cgroupDir("cpu", id).resolve("cpu.cfs_period_us")).trim()).isEqualTo("100000");
        assertThat(read(cgroupDir("cpu", id).resolve("cpu.cfs_quota_us")).trim()).isEqualTo("50000");
        assertThat(read(cgroupDir("memory", id).resolve("memory.limit_in_bytes")).trim())
                .isEqualTo(Long.toString(64 * MB));
        assertThat(read(cgroupDir("memory", id).resolve("memory.memsw.limit_in_bytes")).trim())
                .isEqualTo(Long.toString(64 * MB));
        assertThat(read(cgroupDir("pids", id).resolve("pids.max")).trim()).isEqualTo("100");
        long supervisor = ProcessContainerizer.readPid(spec.runDir().resolve(SupervisorScripts.SUPERVISOR_PID))
                .orElseThrow();
        for (String hierarchy : HIERARCHIES) {
            // the task is inside; its supervisor stays outside, out of reach of cgroup-wide kills
            List<String> procs = read(cgroupDir(hierarchy, id).resolve("cgroup.procs")).lines().toList();
            assertThat(procs).contains(Long.toString(container.pid()))
                    .doesNotContain(Long.toString(supervisor));
        }
        assertThat(containerizer.isolation()).startsWith("cgroups/v1 (memory,cpu,cpuacct,pids,freezer)");
        assertThat(supervisor).isNotEqualTo(container.pid());
        ResourceUsage usage = container.usage();
        assertThat(usage.pids()).isBetween(1L, 2L); // sh, and sleep unless sh exec'ed it
        assertThat(usage.memoryBytes()).isPositive();

        container.kill(Duration.ofSeconds(1));
        assertThat(await(container, 10).signal()).isEqualTo(15);

        for (String hierarchy : HIERARCHIES) {
            assertThat(cgroupDir(hierarchy, id)).doesNotExist();
        }
        assertThat(ContainerFixture.CGROUP_ROOT.resolve("unified").resolve(ContainerFixture.CGROUP_PARENT).resolve(id))
                .doesNotExist();
    }

    @Test
    void withoutAHardLimitOnlySharesAreSet() throws Exception {
        LaunchSpec spec = fixture.shell("sleep 600", new Limits(0.001, 0, 0, false));
        Container container = containerizer.launch(spec);

        assertThat(read(cgroupDir("cpu", spec.containerId()).resolve("cpu.shares")).trim()).isEqualTo("2");
        assertThat(read(cgroupDir("cpu", spec.containerId()).resolve("cpu.cfs_quota_us")).trim()).isEqualTo("-1");
        assertThat(read(cgroupDir("pids", spec.containerId()).resolve("pids.max")).trim()).isEqualTo("max");
        container.kill(Duration.ZERO);
        assertThat(await(container, 10).signal()).isEqualTo(9);
    }

    @Test
    void exceedingTheMemoryLimitIsReportedAsMemoryLimit() throws Exception {
        LaunchSpec spec = fixture.shell(
                "exec /usr/bin/python3 -c 'a = bytearray(100 * 1024 * 1024); import time; time.sleep(5)'",
                new Limits(0.5, 32 * MB, 0, false));

        Termination termination = await(containerizer.launch(spec), 15);

        assertThat(termination.reason()).isEqualTo(Reason.MEMORY_LIMIT);
        assertThat(termination.signal()).isEqualTo(9);
        assertThat(termination.killed()).isFalse();
        assertThat(termination.message()).isEqualTo("Memory limit exceeded: requested 32MB, maximum usage 32MB");
    }

    @Test
    void anOomKillOfAChildProcessEndsTheWholeContainer() throws Exception {
        LaunchSpec spec = fixture.shell("/usr/bin/python3 -c 'a = bytearray(100 * 1024 * 1024)'; sleep 600",
                new Limits(0.5, 32 * MB, 0, false));

        Termination termination = await(containerizer.launch(spec), 10);

        assertThat(termination.reason()).isEqualTo(Reason.MEMORY_LIMIT);
        assertThat(termination.message()).startsWith("Memory limit exceeded: requested 32MB");
    }

    @Test
    void pidsMaxStopsAForkLoop() throws Exception {
        LaunchSpec spec = fixture.shell("i=0; while [ $i -lt 50 ]; do sleep 30 & i=$((i + 1)); done; echo all forked",
                new Limits(0.5, 0, 10, false));

        Termination termination = await(containerizer.launch(spec), 10);

        assertThat(termination.exitCode()).isNotNull().isNotZero();
        assertThat(read(spec.sandbox().resolve("stderr"))).contains("Cannot fork");
        assertThat(read(spec.sandbox().resolve("stdout"))).doesNotContain("all forked");
        for (String hierarchy : HIERARCHIES) {
            assertThat(cgroupDir(hierarchy, spec.containerId())).doesNotExist();
        }
    }

    @Test
    void usageCountsCpuTime() throws Exception {
        LaunchSpec spec = fixture.shell("while :; do :; done", new Limits(1, 0, 0, false));
        Container container = containerizer.launch(spec);

        eventually(Duration.ofSeconds(5), () -> container.usage().cpuSeconds() > 0.2);

        container.kill(Duration.ZERO);
        await(container, 10);
        assertThat(container.usage()).isEqualTo(ResourceUsage.ZERO);
    }

    @Test
    void aTinyMemoryLimitEndsTheTaskAsMemoryLimit() throws Exception {
        Termination termination = await(
                containerizer.launch(fixture.shell("echo never", new Limits(0.5, 64 * 1024, 0, false))), 10);

        assertThat(termination.reason()).isEqualTo(Reason.MEMORY_LIMIT);
    }

    @Test
    void aCgroupHoldingProcessesIsNotTakenOver() throws Exception {
        LaunchSpec spec = fixture.shell("true", Limits.NONE);
        Path squatted = cgroupDir("pids", spec.containerId());
        Files.createDirectories(squatted);
        Process squatter = new ProcessBuilder("/bin/sh", "-c",
                "echo $$ > " + squatted.resolve("cgroup.procs") + " && exec sleep 30").start();
        try {
            eventually(Duration.ofSeconds(5), () -> readQuietly(squatted.resolve("cgroup.procs")).contains(
                    Long.toString(squatter.pid())));

            assertThatThrownBy(() -> containerizer.launch(spec)).isInstanceOf(ContainerException.class)
                    .hasMessage("the cgroup " + ContainerFixture.CGROUP_PARENT + "/" + spec.containerId()
                            + " already holds processes [" + squatter.pid() + "]");
            assertThat(squatter.isAlive()).isTrue();
            assertThat(cgroupDir("memory", spec.containerId())).doesNotExist();
        } finally {
            squatter.destroyForcibly().waitFor();
            eventually(Duration.ofSeconds(5), () -> readQuietly(squatted.resolve("cgroup.procs")).isEmpty());
            Files.delete(squatted);
        }
    }

    @Test
    void withoutCgroupKillTheFreezerStopsAForkingTree() throws Exception {
        String name = ContainerFixture.CGROUP_PARENT + "/freezer-" + System.nanoTime();
        CgroupsV1Isolator.CgroupIsolation isolation = new CgroupsV1Isolator.CgroupIsolation(
                ContainerFixture.CGROUP_ROOT, name, false);
        for (Path dir : isolation.dirs()) {
            Files.createDirectories(dir);
        }
        StringBuilder join = new StringBuilder();
        isolation.procsFiles().forEach(f -> join.append("echo $$ > ").append(f).append("; "));
        Process tree = new ProcessBuilder("/bin/sh", "-c",
                join + "while :; do sleep 600 & sleep 0.01; done").start();
        try {
            eventually(Duration.ofSeconds(5), () -> isolation.pids().size() > 5);

            assertThat(isolation.killAll(Duration.ofSeconds(5))).isTrue();

            assertThat(isolation.pids()).isEmpty();
            assertThat(tree.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(read(isolation.dir("freezer").resolve("freezer.state")).trim()).isEqualTo("THAWED");
        } finally {
            tree.destroyForcibly();
            isolation.killAll(Duration.ofSeconds(5));
            isolation.cleanup();
        }
        for (Path dir : isolation.dirs()) {
            assertThat(dir).doesNotExist();
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
