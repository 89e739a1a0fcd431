package dev.dcosnative.agent.containerizer;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import dev.dcosnative.agent.containerizer.Isolator.Isolation;
import dev.dcosnative.agent.containerizer.core.Checkpoint;
import dev.dcosnative.agent.containerizer.core.ContainerIds;
import dev.dcosnative.agent.containerizer.core.ExitStatus;
import dev.dcosnative.agent.containerizer.core.SupervisorScripts;
import dev.dcosnative.agent.containerizer.core.SupervisorScripts.TaskUser;
import dev.dcosnative.agent.containerizer.core.SupervisorScripts.Tools;

/**
 * The process containerizer: each container is a task process started through a supervisor script
 * ({@link SupervisorScripts}) in its own session, isolated with cgroups v1 when the agent runs as root and the
 * hierarchies are writable, else not at all (process groups).
 * <p>
 * The agent JVM is never the process that has to wait for a task: it learns that a container ended when its
 * supervisor ends (its own child's exit for containers it launched, a 250 ms poll of {@code /proc} for recovered
 * ones), then reads the recorded status, kills what is left of the container, removes its cgroups and completes the
 * container's termination. While containers run it also watches their memory cgroups, and kills a container as soon
 * as the kernel OOM-killed one of its processes (as Mesos does).
 */
public final class ProcessContainerizer implements Containerizer {

    private static final Logger LOG = Logger.getLogger(ProcessContainerizer.class);

    /** How long a launch waits for the task to run inside its cgroups. */
    static final Duration LAUNCH_TIMEOUT = Duration.ofSeconds(30);
    /** How long SIGKILLs are repeated before a container is given up on (processes stuck in the kernel). */
    static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    /** How often recovered supervisors and the memory cgroups of running containers are looked at. */
    static final Duration WATCH_INTERVAL = Duration.ofMillis(250);

    private static final String DEFAULT_PATH = "/bin:/usr/bin";
    private static final String TOOL_PATH = "/usr/sbin:/usr/bin:/sbin:/bin";

    private final Isolator isolator;
    private final Tools tools;
    private final boolean root;
    final ScheduledExecutorService timers;
    final ExecutorService workers;
    private final Set<ProcessContainer> running = ConcurrentHashMap.newKeySet();
    private volatile boolean abandoned;

    /**
     * @param isolation {@code auto} (cgroups when possible, else none), {@code cgroups} (fails when they cannot be
     *        used) or {@code none}
     * @throws IllegalArgumentException for another value
     * @throws IllegalStateException when {@code cgroups} cannot be used, or sh, setsid or env are missing
     */
    public ProcessContainerizer(String isolation) {
        this(isolation, Path.of("/sys/fs/cgroup"), "dcos");
    }

    /** With another cgroup mount point or parent cgroup (tests keep theirs apart). */
    ProcessContainerizer(String isolation, Path cgroupRoot, String cgroupParent) {
        this.tools = findTools();
        this.root = Procs.isRoot();
        this.isolator = switch (isolation) {
            case "none" -> new ProcessGroupIsolator("disabled by configuration");
            case "cgroups" -> {
                Optional<String> why = CgroupsV1Isolator.unavailable(cgroupRoot, cgroupParent);
                if (why.isPresent()) {
                    throw new IllegalStateException("cgroups isolation is not available: " + why.get());
                }
                yield new CgroupsV1Isolator(cgroupRoot, cgroupParent);
            }
            case "auto" -> CgroupsV1Isolator.unavailable(cgroupRoot, cgroupParent)
                    .<Isolator> map(ProcessGroupIsolator::new)
                    .orElseGet(() -> new CgroupsV1Isolator(cgroupRoot, cgroupParent));
            default -> throw new IllegalArgumentException(
                    "unknown isolation '" + isolation + "': expected auto, cgroups or none");
        };
        if (isolator instanceof ProcessGroupIsolator) {
            LOG.warnf("Containers are not isolated: %s. CPU, memory and process limits are not enforced",
                    isolator.describe());
        } else {
            LOG.infof("Containers are isolated with %s", isolator.describe());
        }
        this.timers = Executors.newSingleThreadScheduledExecutor(daemon("containerizer-timer"));
        this.workers = Executors.newCachedThreadPool(daemon("containerizer-worker"));
        long interval = WATCH_INTERVAL.toMillis();
        timers.scheduleWithFixedDelay(this::watch, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public String isolation() {
        return isolator.describe();
    }

    @Override
    public Container launch(LaunchSpec spec) throws ContainerException {
        validate(spec);
        Optional<TaskUser> user = taskUser(spec.user());
        Path sandbox = spec.sandbox().toAbsolutePath().normalize();
        Path runDir = spec.runDir().toAbsolutePath().normalize();
        checkExecutable(spec.argv().get(0), spec.environment(), sandbox);
        prepareRunDir(runDir);
        prepareSandbox(sandbox, user);

        Isolation isolation = isolator.prepare(spec.containerId(), spec.limits());
        Process supervisor = null;
        try {
            Checkpoint checkpoint = new Checkpoint(spec.containerId(), isolation.kind(), isolation.cgroupRoot(),
                    isolation.cgroup(), isolation.unified(), Math.max(0, spec.limits().memoryBytes()), Procs.bootId(),
                    0, 0, 0, 0);
            writeAtomically(runDir.resolve(SupervisorScripts.CHECKPOINT), checkpoint.render());
            writeAtomically(runDir.resolve(SupervisorScripts.TASK),
                    SupervisorScripts.task(spec.containerId(), runDir.toString(), sandbox.toString(),
                            isolation.procsFiles(), user, spec.environment(), spec.argv(), tools));
            writeAtomically(runDir.resolve(SupervisorScripts.SUPERVISOR),
                    SupervisorScripts.supervisor(spec.containerId(), runDir.toString(), tools));

            ProcessBuilder builder = new ProcessBuilder(tools.setsid(), tools.shell(),
                    runDir.resolve(SupervisorScripts.SUPERVISOR).toString()).directory(runDir.toFile())
                    .redirectInput(new File("/dev/null"))
                    .redirectOutput(ProcessBuilder.Redirect
                            .appendTo(runDir.resolve(SupervisorScripts.SUPERVISOR_LOG).toFile()))
                    .redirectErrorStream(true);
            Map<String, String> env = builder.environment();
            env.clear();
            env.put("PATH", TOOL_PATH);
            env.put("LC_ALL", "C");
            supervisor = builder.start();

            long taskPid = awaitTask(runDir, supervisor);
            long supervisorPid = readPid(runDir.resolve(SupervisorScripts.SUPERVISOR_PID)).orElse(supervisor.pid());
            long supervisorTicks = Procs.stat(supervisorPid).map(s -> s.startTicks()).orElse(0L);
            long taskTicks = Procs.stat(taskPid).map(s -> s.startTicks()).orElse(0L);
            isolation.attach(taskPid, taskTicks);
            Checkpoint started = checkpoint.started(supervisorPid, supervisorTicks, taskPid, taskTicks);
            writeAtomically(runDir.resolve(SupervisorScripts.CHECKPOINT), started.render());

            boolean child = supervisor.pid() == supervisorPid;
            ProcessContainer container = new ProcessContainer(this, runDir, started, isolation, !child);
            running.add(container);
            if (child) {
                supervisor.onExit().thenRunAsync(container::supervisorEnded, workers);
            }
            LOG.infof("Launched container %s: task pid %d, supervisor pid %d, %s", spec.containerId(), taskPid,
                    supervisorPid, isolation.kind());
            return container;
        } catch (ContainerException | IOException | RuntimeException e) {
            abortLaunch(runDir, isolation, supervisor);
            if (e instanceof ContainerException ce) {
                throw ce;
            }
            throw new ContainerException("cannot launch container " + spec.containerId() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Container> recover(Path runDirectory) throws ContainerException {
        Path runDir = runDirectory.toAbsolutePath().normalize();
        Path file = runDir.resolve(SupervisorScripts.CHECKPOINT);
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.parse(Files.readString(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            throw new ContainerException("cannot read the container checkpoint " + file + ": " + e.getMessage(), e);
        }
        // the pids may be missing from the checkpoint when the agent died during the launch: the files tell them
        long supervisorPid = checkpoint.supervisorPid() > 0 ? checkpoint.supervisorPid()
                : readPid(runDir.resolve(SupervisorScripts.SUPERVISOR_PID)).orElse(0L);
        long taskPid = checkpoint.taskPid() > 0 ? checkpoint.taskPid()
                : readPid(runDir.resolve(SupervisorScripts.TASK_PID)).orElse(0L);
        checkpoint = checkpoint.started(supervisorPid, checkpoint.supervisorStartTicks(), taskPid,
                checkpoint.taskStartTicks());

        boolean sameBoot = checkpoint.bootId().equals(Procs.bootId());
        Isolation isolation = checkpoint.isolation().equals(Checkpoint.CGROUPS_V1)
                ? CgroupsV1Isolator.recover(checkpoint)
                : ProcessGroupIsolator.recover(checkpoint);
        if (sameBoot) {
            isolation.attach(taskPid, checkpoint.taskStartTicks());
        }
        ProcessContainer container = new ProcessContainer(this, runDir, checkpoint, isolation, true);
        boolean supervising = sameBoot && supervisorRunning(runDir, checkpoint);
        if (!supervising || readStatus(runDir).isPresent()) {
            container.finish(sameBoot);
            LOG.infof("Recovered container %s, which ended while the agent was away: %s", checkpoint.containerId(),
                    container.termination().join());
            return Optional.of(container);
        }
        running.add(container);
        container.resumeKill();
        LOG.infof("Recovered running container %s: task pid %d, supervisor pid %d", checkpoint.containerId(), taskPid,
                supervisorPid);
        return Optional.of(container);
    }

    /**
     * Stops watching every container without touching it, as if this agent had died: what a test does to play a
     * SIGKILLed agent inside one JVM. The containerizer is unusable afterwards.
     */
    void abandon() {
        abandoned = true;
        timers.shutdownNow();
        workers.shutdown();
    }

    boolean abandoned() {
        return abandoned;
    }

    void forget(ProcessContainer container) {
        running.remove(container);
    }

    /** Every 250 ms: recovered supervisors that ended, and containers the kernel OOM-killed in. */
    private void watch() {
        for (ProcessContainer container : running) {
            try {
                if (container.polled() && !supervisorRunning(container.runDir(), container.checkpoint())) {
                    workers.execute(container::supervisorEnded);
                } else {
                    container.checkMemory();
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "Cannot watch container %s", container.id());
            }
        }
    }

    private static boolean supervisorRunning(Path runDir, Checkpoint checkpoint) {
        return Procs.isRunning(checkpoint.supervisorPid(), checkpoint.supervisorStartTicks(),
                runDir.resolve(SupervisorScripts.SUPERVISOR).toString());
    }

    // ---- launch steps ----

    private static void validate(LaunchSpec spec) throws ContainerException {
        String problem = ContainerIds.problem(spec.containerId());
        if (problem != null) {
            throw new ContainerException(problem);
        }
        if (spec.argv().isEmpty() || spec.argv().get(0).isEmpty()) {
            throw new ContainerException("the command line is empty");
        }
        if (spec.argv().get(0).contains("=")) {
            throw new ContainerException("the command '" + spec.argv().get(0) + "' must not contain '='");
        }
        for (String arg : spec.argv()) {
            if (arg.indexOf('\0') >= 0) {
                throw new ContainerException("a command line argument holds a NUL character");
            }
        }
        for (Map.Entry<String, String> variable : spec.environment().entrySet()) {
            String name = variable.getKey();
            if (name.isEmpty() || name.contains("=") || name.indexOf('\0') >= 0
                    || variable.getValue().indexOf('\0') >= 0) {
                throw new ContainerException("invalid environment variable '" + name + "'");
            }
        }
        for (Path path : List.of(spec.sandbox(), spec.runDir())) {
            String text = path.toAbsolutePath().toString();
            if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                throw new ContainerException("the path '" + text + "' holds a line break");
            }
        }
    }

    /** The user to switch to; empty when the task runs as the agent's user. */
    private Optional<TaskUser> taskUser(Optional<String> name) throws ContainerException {
        return TaskProcesses.resolve(name, root, tools.setpriv());
    }

    /** execvp's lookup, done first so that a missing command fails the launch, not the task. */
    private static void checkExecutable(String command, Map<String, String> environment, Path sandbox)
            throws ContainerException {
        if (command.contains("/")) {
            Path path = sandbox.resolve(command);
            if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
                throw new ContainerException("cannot execute '" + command + "': no such executable file");
            }
            return;
        }
        String path = environment.getOrDefault("PATH", DEFAULT_PATH);
        for (String dir : path.split(":", -1)) {
            Path candidate = sandbox.resolve(dir.isEmpty() ? "." : dir).resolve(command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return;
            }
        }
        throw new ContainerException("cannot execute '" + command + "': not found on PATH " + path);
    }

    /** A run directory is used by one container at a time; the files of one that ended are cleared. */
    private static void prepareRunDir(Path runDir) throws ContainerException {
        try {
            Files.createDirectories(runDir);
            Path file = runDir.resolve(SupervisorScripts.CHECKPOINT);
            if (Files.exists(file)) {
                Checkpoint previous = Checkpoint.parse(Files.readString(file));
                if (previous.bootId().equals(Procs.bootId()) && supervisorRunning(runDir, previous)) {
                    throw new ContainerException("the run directory " + runDir + " belongs to the running container "
                            + previous.containerId());
                }
            }
            for (String name : List.of(SupervisorScripts.CHECKPOINT, SupervisorScripts.STATUS,
                    SupervisorScripts.SUPERVISOR_PID, SupervisorScripts.TASK_PID, SupervisorScripts.LAUNCH_FAILED,
                    SupervisorScripts.SETSID_ERR, SupervisorScripts.KILL)) {
                Files.deleteIfExists(runDir.resolve(name));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new ContainerException("cannot prepare the run directory " + runDir + ": " + e.getMessage(), e);
        }
    }

    /** Creates the sandbox and its stdout and stderr, owned by the task's user. */
    private static void prepareSandbox(Path sandbox, Optional<TaskUser> user) throws ContainerException {
        try {
            Files.createDirectories(sandbox);
            for (String name : List.of("stdout", "stderr")) {
                try (OutputStream out = Files.newOutputStream(sandbox.resolve(name), StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND)) {
                    out.flush();
                }
            }
            if (user.isPresent()) {
                try (Stream<Path> tree = Files.walk(sandbox)) {
                    for (Path path : (Iterable<Path>) tree::iterator) {
                        Files.setAttribute(path, "unix:uid", (int) user.get().uid(), LinkOption.NOFOLLOW_LINKS);
                        Files.setAttribute(path, "unix:gid", (int) user.get().gid(), LinkOption.NOFOLLOW_LINKS);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new ContainerException("cannot prepare the sandbox " + sandbox + ": " + e.getMessage(), e);
        }
    }

    /** Waits until the task runs in its cgroups (it wrote task.pid); its pid. */
    private static long awaitTask(Path runDir, Process supervisor) throws ContainerException {
        long deadline = System.nanoTime() + LAUNCH_TIMEOUT.toNanos();
        long pause = 1;
        while (true) {
            boolean supervisorGone = !supervisor.isAlive();
            Optional<Long> taskPid = readPid(runDir.resolve(SupervisorScripts.TASK_PID));
            if (taskPid.isPresent()) {
                return taskPid.get();
            }
            Optional<ExitStatus> status = readStatus(runDir);
            if (status.isPresent()) {
                if (status.get() instanceof ExitStatus.LaunchFailed failed) {
                    throw new ContainerException(failed.message());
                }
                throw new ContainerException(
                        "the task script ended before the task started (" + status.get() + "): " + tail(runDir,
                                SupervisorScripts.LAUNCH_LOG));
            }
            if (supervisorGone) {
                throw new ContainerException("the container's supervisor ended at once (exit "
                        + supervisor.exitValue() + "): " + tail(runDir, SupervisorScripts.SUPERVISOR_LOG));
            }
            if (System.nanoTime() > deadline) {
                throw new ContainerException("the task did not start within " + LAUNCH_TIMEOUT.toSeconds() + " s");
            }
            CgroupsV1Isolator.sleep(pause);
            pause = Math.min(pause * 2, 20);
        }
    }

    /**
     * Undoes a launch that failed half-way: kills whatever started, waits for the supervisor, removes the cgroups and
     * the checkpoint (so that {@link #recover} finds nothing there; the logs stay for diagnosis).
     */
    private static void abortLaunch(Path runDir, Isolation isolation, Process supervisor) {
        try {
            readPid(runDir.resolve(SupervisorScripts.TASK_PID)).ifPresent(pid -> isolation.attach(pid, 0));
            isolation.killAll(KILL_TIMEOUT);
            if (supervisor != null && !supervisor.waitFor(5, TimeUnit.SECONDS)) {
                supervisor.destroyForcibly();
                supervisor.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            isolation.cleanup();
        }
        try {
            Files.deleteIfExists(runDir.resolve(SupervisorScripts.CHECKPOINT));
        } catch (IOException e) {
            LOG.warnf("Cannot remove the checkpoint of a failed launch in %s: %s", runDir, e.getMessage());
        }
    }

    // ---- files ----

    /** A pid file's pid, once completely written (a newline ends it). */
    static Optional<Long> readPid(Path file) {
        try {
            String content = Files.readString(file);
            if (!content.endsWith("\n")) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(content.trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The status the supervisor recorded; empty while the task runs. */
    static Optional<ExitStatus> readStatus(Path runDir) {
        try {
            return ExitStatus.parse(Files.readString(runDir.resolve(SupervisorScripts.STATUS)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The last lines of a run directory file, for error messages. */
    static String tail(Path runDir, String name) {
        try {
            List<String> lines = Files.readAllLines(runDir.resolve(name));
            return String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size())).trim();
        } catch (IOException e) {
            return "(no " + name + ")";
        }
    }

    /** Writes a file completely or not at all (temporary file, then rename). */
    static void writeAtomically(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Tools findTools() {
        return new Tools(Path.of("/bin/sh").toString(), require("setsid"), find("setpriv").orElse("/usr/bin/setpriv"),
                require("env"));
    }

    private static String require(String program) {
        return find(program).orElseThrow(
                () -> new IllegalStateException("the containerizer needs " + program + " on " + TOOL_PATH));
    }

    private static Optional<String> find(String program) {
        for (String dir : TOOL_PATH.split(":")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
