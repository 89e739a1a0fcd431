package dev.dcosnative.agent.containerizer;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jboss.logging.Logger;

import dev.dcosnative.agent.containerizer.core.CgroupSettings;
import dev.dcosnative.agent.containerizer.core.CgroupStats;
import dev.dcosnative.agent.containerizer.core.CgroupWrite;
import dev.dcosnative.agent.containerizer.core.Checkpoint;
import dev.dcosnative.agent.containerizer.core.MemoryOutcome;

/**
 * cgroups v1 isolation: each container gets {@code <parent>/<containerId>} in the memory, cpu, cpuacct, pids and
 * freezer hierarchies (cpu.shares and an optional CFS quota, memory and memsw limits, pids.max), plus, where the
 * cgroup2 hierarchy is mounted at {@code <root>/unified}, a directory there whose {@code cgroup.kill} kills the whole
 * container at once. Without it, a kill freezes the container, SIGKILLs every process and thaws it, until none is left.
 */
final class CgroupsV1Isolator implements Isolator {

    private static final Logger LOG = Logger.getLogger(CgroupsV1Isolator.class);

    /** The v1 hierarchies every container joins. */
    static final List<String> CONTROLLERS = List.of("memory", "cpu", "cpuacct", "pids", "freezer");

    private final Path root;
    private final String parent;

    /**
     * @param root where the hierarchies are mounted ({@code /sys/fs/cgroup})
     * @param parent the cgroup all containers are created under ({@code dcos})
     */
    CgroupsV1Isolator(Path root, String parent) {
        this.root = root;
        this.parent = parent;
    }

    /** Why cgroups v1 cannot be used here; empty when they can (root, every hierarchy mounted and writable). */
    static Optional<String> unavailable(Path root, String parent) {
        if (!Procs.isRoot()) {
            return Optional.of("not root");
        }
        for (String controller : CONTROLLERS) {
            Path hierarchy = root.resolve(controller);
            if (!Files.isRegularFile(hierarchy.resolve("cgroup.procs"))) {
                return Optional.of("no cgroup v1 " + controller + " hierarchy at " + hierarchy);
            }
            try {
                Files.createDirectories(hierarchy.resolve(parent));
            } catch (IOException e) {
                return Optional.of("cannot create cgroups under " + hierarchy + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    @Override
    public String describe() {
        boolean unified = Files.isRegularFile(root.resolve("unified").resolve("cgroup.procs"));
        return "cgroups/v1 (" + String.join(",", CONTROLLERS) + ")" + (unified ? " + cgroup2 cgroup.kill" : "");
    }

    @Override
    public Isolation prepare(String containerId, Limits limits) throws ContainerException {
        String name = parent + "/" + containerId;
        boolean wantUnified = Files.isRegularFile(root.resolve("unified").resolve("cgroup.procs"));
        CgroupIsolation isolation = new CgroupIsolation(root, name, wantUnified);
        List<Long> squatters = isolation.pids();
        if (!squatters.isEmpty()) {
            // left by something else: not ours to take over or remove
            throw new ContainerException("the cgroup " + name + " already holds processes " + squatters);
        }
        try {
            for (Path dir : isolation.dirs()) {
                Files.createDirectories(dir);
            }
            if (wantUnified && !Files.isRegularFile(isolation.unifiedDir().resolve("cgroup.kill"))) {
                isolation.dropUnified();
            }
            Path memory = isolation.dir("memory");
            boolean memsw = Files.exists(memory.resolve("memory.memsw.limit_in_bytes"));
            long current = CgroupStats.number(Files.readString(memory.resolve("memory.limit_in_bytes")));
            for (CgroupWrite write : CgroupSettings.writes(limits, memsw, current)) {
                Path file = isolation.dir(write.controller()).resolve(write.file());
                try {
                    Files.writeString(file, write.value());
                } catch (IOException e) {
                    throw new ContainerException(
                            "cannot write " + write.value() + " to " + file + ": " + message(e), e);
                }
            }
            return isolation;
        } catch (IOException | ContainerException | RuntimeException e) {
            isolation.cleanup();
            if (e instanceof ContainerException ce) {
                throw ce;
            }
            throw new ContainerException("cannot create the cgroup " + name + ": " + message(e), e);
        }
    }

    /** The isolation of a container launched by an earlier run, from its checkpoint. */
    static Isolation recover(Checkpoint checkpoint) {
        return new CgroupIsolation(Path.of(checkpoint.cgroupRoot()), checkpoint.cgroup(), checkpoint.unified());
    }

    private static String message(Exception e) {
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /** One container's cgroups. */
    static final class CgroupIsolation implements Isolation {

        private final Path root;
        private final String name;
        private final Map<String, Path> dirs = new LinkedHashMap<>();
        private volatile boolean unified;

        CgroupIsolation(Path root, String name, boolean unified) {
            this.root = root;
            this.name = name;
            this.unified = unified;
            for (String controller : CONTROLLERS) {
                dirs.put(controller, hierarchy(root, controller).resolve(name));
            }
        }

        /** A co-mounted hierarchy (cpu,cpuacct) shows up once, under its real path. */
        private static Path hierarchy(Path root, String controller) {
            Path mount = root.resolve(controller);
            try {
                return mount.toRealPath();
            } catch (IOException e) {
                return mount;
            }
        }

        Path dir(String controller) {
            return dirs.get(controller);
        }

        Path unifiedDir() {
            return root.resolve("unified").resolve(name);
        }

        /** Every directory of the container: distinct v1 ones, then the unified one. */
        List<Path> dirs() {
            Set<Path> all = new LinkedHashSet<>(dirs.values());
            if (unified) {
                all.add(unifiedDir());
            }
            return new ArrayList<>(all);
        }

        void dropUnified() {
            rmdir(unifiedDir(), Duration.ZERO);
            unified = false;
        }

        @Override
        public String kind() {
            return Checkpoint.CGROUPS_V1;
        }

        @Override
        public String cgroupRoot() {
            return root.toString();
        }

        @Override
        public String cgroup() {
            return name;
        }

        @Override
        public boolean unified() {
            return unified;
        }

        @Override
        public List<String> procsFiles() {
            return dirs().stream().map(d -> d.resolve("cgroup.procs").toString()).toList();
        }

        @Override
        public void attach(long taskPid, long taskStartTicks) {
            // the cgroups say which processes belong to the container
        }

        @Override
        public List<Long> pids() {
            Set<Long> pids = new LinkedHashSet<>();
            for (Path dir : dirs()) {
                try {
                    for (long pid : CgroupStats.pids(Files.readString(dir.resolve("cgroup.procs")))) {
                        pids.add(pid);
                    }
                } catch (IOException e) {
                    // gone: nothing in it
                }
            }
            return new ArrayList<>(pids);
        }

        @Override
        public void terminate() {
            pids().forEach(pid -> Procs.signal(pid, false));
        }

        @Override
        public boolean killAll(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            long pause = 2;
            while (true) {
                List<Long> pids = pids();
                if (pids.isEmpty()) {
                    return true;
                }
                if (!unified || !write(unifiedDir().resolve("cgroup.kill"), "1")) {
                    freezeAndKill();
                }
                if (System.nanoTime() > deadline) {
                    LOG.warnf("Processes %s of cgroup %s survived SIGKILL for %s", pids, name, timeout);
                    return false;
                }
                sleep(pause);
                pause = Math.min(pause * 2, 100);
            }
        }

        /** Freezes the container so nothing forks meanwhile, SIGKILLs each process, thaws it so they die. */
        private void freezeAndKill() {
            Path state = dir("freezer").resolve("freezer.state");
            boolean frozen = write(state, "FROZEN");
            for (int i = 0; frozen && i < 200 && !read(state).equals("FROZEN"); i++) {
                sleep(1);
            }
            pids().forEach(pid -> Procs.signal(pid, true));
            if (frozen) {
                write(state, "THAWED");
            }
        }

        @Override
        public ResourceUsage usage() {
            try {
                double cpu = CgroupStats.cpuSeconds(Files.readString(dir("cpuacct").resolve("cpuacct.usage")));
                long memory = CgroupStats.number(Files.readString(dir("memory").resolve("memory.usage_in_bytes")));
                long pids = CgroupStats.number(Files.readString(dir("pids").resolve("pids.current")));
                return new ResourceUsage(cpu, memory, pids);
            } catch (IOException | RuntimeException e) {
                return ResourceUsage.ZERO;
            }
        }

        @Override
        public MemoryOutcome memoryOutcome(long limitBytes) {
            try {
                Path memory = dir("memory");
                long oomKills = CgroupStats.oomKills(Files.readString(memory.resolve("memory.oom_control")));
                long max = CgroupStats.number(Files.readString(memory.resolve("memory.max_usage_in_bytes")));
                return new MemoryOutcome(oomKills, limitBytes, max);
            } catch (IOException | RuntimeException e) {
                return new MemoryOutcome(0, limitBytes, 0);
            }
        }

        @Override
        public void cleanup() {
            for (Path dir : dirs()) {
                rmdir(dir, Duration.ofSeconds(5));
            }
        }

        /** Removes a cgroup directory, retrying while the kernel still counts processes in it. */
        private static void rmdir(Path dir, Duration patience) {
            long deadline = System.nanoTime() + patience.toNanos();
            while (true) {
                try {
                    Files.delete(dir);
                    return;
                } catch (NoSuchFileException e) {
                    return;
                } catch (DirectoryNotEmptyException e) {
                    LOG.warnf("Cannot remove the cgroup %s: it has child cgroups", dir);
                    return;
                } catch (IOException e) {
                    if (System.nanoTime() > deadline) {
                        LOG.warnf("Cannot remove the cgroup %s: %s", dir, message(e));
                        return;
                    }
                    sleep(10);
                }
            }
        }

        private static boolean write(Path file, String value) {
            try {
                Files.writeString(file, value);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        private static String read(Path file) {
            try {
                return Files.readString(file).trim();
            } catch (IOException e) {
                return "";
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
