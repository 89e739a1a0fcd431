package dev.dcosnative.agent.containerizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import dev.dcosnative.agent.containerizer.core.Checkpoint;
import dev.dcosnative.agent.containerizer.core.SupervisorScripts;

/**
 * Real containers for tests: a temporary directory for sandboxes and run directories, containerizers whose cgroups
 * live under a parent of their own ({@code dcos-test-<pid>}, so tests never touch the agent's {@code dcos}), and a
 * {@link #close()} that leaves nothing behind even when a test failed half-way: every task's process tree killed,
 * every supervisor gone, every cgroup removed.
 */
final class ContainerFixture implements AutoCloseable {

    static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");
    static final String CGROUP_PARENT = "dcos-test-" + ProcessHandle.current().pid();
    static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin", "FOO", "bar");

    final Path dir;
    private final List<ProcessContainerizer> containerizers = new ArrayList<>();
    private final List<Path> runDirs = new ArrayList<>();

    ContainerFixture() throws IOException {
        this.dir = Files.createTempDirectory("containerizer-test-");
    }

    /** Whether cgroups v1 can be used here (root, writable hierarchies). */
    static boolean cgroupsAvailable() {
        return CgroupsV1Isolator.unavailable(CGROUP_ROOT, CGROUP_PARENT).isEmpty();
    }

    /** A containerizer with isolation {@code cgroups} (the test is skipped without them) or {@code none}. */
    ProcessContainerizer containerizer(String isolation) {
        if (isolation.equals("cgroups")) {
            Assumptions.assumeTrue(cgroupsAvailable(), "cgroups v1 are not usable here (not root?)");
        }
        ProcessContainerizer containerizer = new ProcessContainerizer(isolation, CGROUP_ROOT, CGROUP_PARENT);
        containerizers.add(containerizer);
        return containerizer;
    }

    /** A spec running {@code /bin/sh -c command} in a fresh sandbox and run directory. */
    LaunchSpec shell(String command, Limits limits) {
        return shell(command, limits, Optional.empty());
    }

    LaunchSpec shell(String command, Limits limits, Optional<String> user) {
        String id = "c-" + UUID.randomUUID();
        Path runDir = dir.resolve("run").resolve(id);
        runDirs.add(runDir);
        return new LaunchSpec(id, dir.resolve("sandboxes").resolve(id), runDir, List.of("/bin/sh", "-c", command),
                ENV, user, limits);
    }

    /** The container's cgroup directory in one hierarchy. */
    static Path cgroupDir(String controller, String containerId) {
        return CGROUP_ROOT.resolve(controller).resolve(CGROUP_PARENT).resolve(containerId);
    }

    /** The termination, waited for at most {@code seconds}. */
    static Termination await(Container container, int seconds) throws Exception {
        return container.termination().get(seconds, TimeUnit.SECONDS);
    }

    static String read(Path file) throws IOException {
        return Files.readString(file);
    }

    /** Whether a process with this pid still runs (zombies do not count). */
    static boolean running(long pid) {
        return Procs.stat(pid).map(s -> s.running()).orElse(false);
    }

    /** Waits until {@code condition} holds, at most {@code timeout}. */
    static void eventually(Duration timeout, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within %s", timeout).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws Exception {
        for (ProcessContainerizer containerizer : containerizers) {
            containerizer.abandon();
        }
        // every task's process tree, however the test ended
        for (Path runDir : runDirs) {
            Path file = runDir.resolve(SupervisorScripts.CHECKPOINT);
            if (!Files.exists(file)) {
                continue;
            }
            Checkpoint checkpoint = Checkpoint.parse(Files.readString(file));
            long taskPid = checkpoint.taskPid() > 0 ? checkpoint.taskPid()
                    : ProcessContainerizer.readPid(runDir.resolve(SupervisorScripts.TASK_PID)).orElse(0L);
            Isolator.Isolation isolation = checkpoint.isolation().equals(Checkpoint.CGROUPS_V1)
                    ? CgroupsV1Isolator.recover(checkpoint)
                    : ProcessGroupIsolator.recover(checkpoint);
            isolation.attach(taskPid, checkpoint.taskStartTicks());
            isolation.killAll(Duration.ofSeconds(5));
            isolation.cleanup();
            long supervisorPid = checkpoint.supervisorPid() > 0 ? checkpoint.supervisorPid()
                    : ProcessContainerizer.readPid(runDir.resolve(SupervisorScripts.SUPERVISOR_PID)).orElse(0L);
            // a supervisor ends once its task is gone; one that does not is ended here
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (Procs.isRunning(supervisorPid, 0, runDir.resolve(SupervisorScripts.SUPERVISOR).toString())
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (Procs.isRunning(supervisorPid, 0, runDir.resolve(SupervisorScripts.SUPERVISOR).toString())) {
                Procs.signal(supervisorPid, true);
            }
        }
        // any cgroup left under the test parent
        for (String controller : List.of("memory", "cpu", "cpuacct", "pids", "freezer", "unified")) {
            Path parent = CGROUP_ROOT.resolve(controller).resolve(CGROUP_PARENT);
            if (!Files.isDirectory(parent)) {
                continue;
            }
            try (Stream<Path> children = Files.list(parent)) {
                for (Path child : children.filter(Files::isDirectory).toList()) {
                    new CgroupsV1Isolator.CgroupIsolation(CGROUP_ROOT, CGROUP_PARENT + "/" + child.getFileName(),
                            Files.isDirectory(CGROUP_ROOT.resolve("unified").resolve(CGROUP_PARENT)
                                    .resolve(child.getFileName())))
                            .killAll(Duration.ofSeconds(5));
                    Files.deleteIfExists(child);
                }
            }
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Removes the test parent cgroups themselves (after all tests of a class). */
    static void removeParentCgroups() {
        for (String controller : List.of("memory", "cpu", "cpuacct", "pids", "freezer", "unified")) {
            try {
                Files.deleteIfExists(CGROUP_ROOT.resolve(controller).resolve(CGROUP_PARENT));
            } catch (IOException e) {
                // still in use by another test class running meanwhile, or not ours to remove
            }
        }
    }
}
