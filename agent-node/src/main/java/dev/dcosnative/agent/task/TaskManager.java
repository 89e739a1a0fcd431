package dev.dcosnative.agent.task;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ContainerInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.Task;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskResourceLimitation;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.jboss.logging.Logger;

import com.google.protobuf.ByteString;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

import dev.dcosnative.agent.AgentConfig;
import dev.dcosnative.agent.AgentState;
import dev.dcosnative.agent.containerizer.Container;
import dev.dcosnative.agent.containerizer.ContainerException;
import dev.dcosnative.agent.containerizer.Containerizer;
import dev.dcosnative.agent.containerizer.LaunchSpec;
import dev.dcosnative.agent.containerizer.Limits;
import dev.dcosnative.agent.containerizer.Termination;
import dev.dcosnative.agent.fetcher.FetchException;
import dev.dcosnative.agent.fetcher.Fetcher;
import dev.dcosnative.agent.health.HealthChecks;
import dev.dcosnative.agent.health.core.HealthCheckSpec;
import dev.dcosnative.agent.health.core.HealthTracker;
import dev.dcosnative.agent.registration.MasterLink;
import dev.dcosnative.agent.task.core.SandboxLayout;
import dev.dcosnative.agent.task.core.StatusUpdateStream;
import dev.dcosnative.agent.task.core.TaskCommand;
import dev.dcosnative.shared.agentapi.AgentEvent;

/**
 * The agent's tasks, run the way Mesos' command executor and default executor run them: a task (or each task of a
 * group) is a container launched by the {@link Containerizer} in its sandbox; it goes STARTING → RUNNING → FINISHED /
 * FAILED / KILLED (KILLING first when the framework understands it); a task that breaks its memory limit fails with
 * REASON_CONTAINER_LIMITATION_MEMORY; a failing task of a group takes its siblings down. Its URIs are fetched into
 * its sandbox first ({@link Fetcher}: a failure is a launch failure), and its health check runs next to it once it
 * runs ({@link HealthChecks}: the health is reported as TASK_RUNNING updates, an unhealthy task is killed). Every
 * update goes through {@link StatusUpdates} (checkpointed, delivered at least once). Everything is checkpointed, so
 * an agent killed with SIGKILL finds its tasks again, still running or with their exit status, and reports them.
 * State lives on the {@link AgentActor}; fetches and launches run on small pools of their own.
 */
@ApplicationScoped
public class TaskManager {

    private static final Logger LOG = Logger.getLogger(TaskManager.class);
    private static final int MAX_COMPLETED = 1000;

    /** One task on this agent. */
    static final class RunningTask {
        final FrameworkInfo framework;
        final ExecutorInfo executor;
        final TaskInfo task;
        final String executorId;
        final String runId;
        final String containerId;
        final Path sandbox;
        final Path metaRun;
        Container container;
        boolean launching;
        boolean killRequested;
        /** The consecutive health check failures that made the agent kill the task (0: not killed for health). */
        int healthFailures;
        /** The fetch of the task's URIs while it runs. */
        Fetcher.Cancellation fetch;
        /** The task's health checks while they run. */
        HealthChecks.Handle health;
        /** Whether its health checks got it killed: its last updates say healthy=false. */
        boolean killedUnhealthy;
        List<String> group = List.of();

        RunningTask(FrameworkInfo framework, ExecutorInfo executor, TaskInfo task, String executorId, String runId,
                String containerId, Path sandbox, Path metaRun) {
            this.framework = framework;
            this.executor = executor;
            this.task = task;
            this.executorId = executorId;
            this.runId = runId;
            this.containerId = containerId;
            this.sandbox = sandbox;
            this.metaRun = metaRun;
        }

        String frameworkId() {
            return framework.getId().getValue();
        }

        String key() {
            return StatusUpdates.key(frameworkId(), task.getTaskId().getValue());
        }
    }

    /** What the agent reports when it (re-)registers. */
    public record Report(List<Task> tasks, List<FrameworkInfo> frameworks) {
    }

    private final AgentActor actor;
    private final AgentState state;
    private final AgentConfig config;
    private final Containerizer containerizer;
    private final SandboxLayout layout;
    private final TaskCheckpoint checkpoint;
    private final StatusUpdates updates;
    private final HealthChecks healthChecks;
    private final Fetcher fetcher;
    private final ExecutorService fetchers = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "task-fetcher");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService launcher = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "task-launcher");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, RunningTask> tasks = new LinkedHashMap<>();
    private final Map<String, FrameworkInfo> frameworks = new LinkedHashMap<>();
    private final Deque<Snapshot.Entry> completed = new ArrayDeque<>();

    public TaskManager(AgentActor actor, AgentState state, AgentConfig config, Containerizer containerizer,
            MasterLink link, HealthChecks healthChecks, Vertx vertx) {
        this.actor = actor;
        this.state = state;
        this.config = config;
        this.containerizer = containerizer;
        this.healthChecks = healthChecks;
        this.fetcher = new Fetcher(config.fetcher().maxBytes(), config.fetcher().timeout());
        this.layout = new SandboxLayout(config.workDir());
        this.checkpoint = new TaskCheckpoint(layout);
        this.updates = new StatusUpdates(checkpoint, link, config.statusUpdateRetryInterval(),
                config.statusUpdateRetryMax(), this::acknowledged);
        vertx.setPeriodic(1000, id -> actor.tell(updates::retry));
    }

    /** Before the agent registers: recover the tasks of a previous run from the checkpoints. */
    void onStart(@Observes @Priority(10) StartupEvent event) {
        LOG.infof("Task isolation: %s", containerizer.isolation());
        actor.submit(() -> {
            recover();
            return null;
        }).join();
    }

    // ------------------------------------------------------------------------------------------ events of the master

    void onMasterEvent(@Observes AgentEvent event) {
        actor.tell(() -> {
            switch (event.type()) {
                case RUN_TASK -> runTask(event.runTask().framework(), event.runTask().task());
                case RUN_TASK_GROUP -> runGroup(event.runTaskGroup().framework(), event.runTaskGroup().executor(),
                        event.runTaskGroup().taskGroup());
                case KILL_TASK -> kill(event.killTask().frameworkId().getValue(),
                        event.killTask().taskId().getValue(), event.killTask().killPolicy());
                case ACKNOWLEDGE -> updates.acknowledge(event.acknowledge().frameworkId().getValue(),
                        event.acknowledge().taskId().getValue(),
                        ByteString.copyFrom(Base64.getDecoder().decode(event.acknowledge().uuid())));
                case SHUTDOWN_FRAMEWORK -> shutdown(event.shutdownFramework().frameworkId().getValue());
                default -> {
                }
            }
        });
    }

    void onConnected(@Observes MasterLink.Connected connected) {
        actor.tell(updates::resendAll);
    }

    /** What to report to the master on (re-)registration: tasks not yet acknowledged as over, and their frameworks. */
    public CompletableFuture<Report> report() {
        return actor.submit(() -> {
            List<Task> reported = new ArrayList<>();
            for (RunningTask task : tasks.values()) {
                reported.add(describe(task));
            }
            List<FrameworkInfo> reportedFrameworks = new ArrayList<>();
            tasks.values().stream().map(t -> t.frameworkId()).distinct()
                    .forEach(id -> reportedFrameworks.add(frameworks.get(id)));
            return new Report(reported, reportedFrameworks);
        });
    }

    /** The tasks as the agent's state endpoints show them: live ones by framework, and the completed ones. */
    public CompletableFuture<Snapshot> snapshot() {
        return actor.submit(() -> {
            List<Snapshot.Entry> live = new ArrayList<>();
            for (RunningTask task : tasks.values()) {
                live.add(new Snapshot.Entry(task.framework, task.executorId, task.sandbox, describe(task)));
            }
            return new Snapshot(live, List.copyOf(completed), List.copyOf(frameworks.values()));
        });
    }

    /** A consistent view of the agent's tasks for its state endpoints. */
    public record Snapshot(List<Entry> live, List<Entry> completed, List<FrameworkInfo> frameworks) {
        /** A live task with where it runs. */
        public record Entry(FrameworkInfo framework, String executorId, Path sandbox, Task task) {
        }
    }

    // ------------------------------------------------------------------------------------------------------- launch

    private void runTask(FrameworkInfo framework, TaskInfo task) {
        if (tasks.containsKey(StatusUpdates.key(framework.getId().getValue(), task.getTaskId().getValue()))) {
            LOG.warnf("Ignoring a second launch of task %s", task.getTaskId().getValue());
            return;
        }
        String runId = UUID.randomUUID().toString();
        RunningTask running = prepare(framework, null, task, task.getTaskId().getValue(), runId, runId, null);
        start(running);
    }

    private void runGroup(FrameworkInfo framework, ExecutorInfo executor, TaskGroupInfo group) {
        String executorId = executor.getExecutorId().getValue();
        String runId = UUID.randomUUID().toString();
        String agentId = agentId();
        checkpoint.executor(agentId, framework.getId().getValue(), executor);
        Path executorSandbox = layout.sandbox(agentId, framework.getId().getValue(), executorId, runId);
        List<RunningTask> members = new ArrayList<>();
        for (TaskInfo task : group.getTasksList()) {
            if (tasks.containsKey(StatusUpdates.key(framework.getId().getValue(), task.getTaskId().getValue()))) {
                LOG.warnf("Ignoring a second launch of task %s", task.getTaskId().getValue());
                return;
            }
        }
        for (TaskInfo task : group.getTasksList()) {
            members.add(prepare(framework, executor, task, executorId, runId, UUID.randomUUID().toString(),
                    layout.taskSandbox(executorSandbox, task.getTaskId().getValue())));
        }
        List<String> keys = members.stream().map(RunningTask::key).toList();
        members.forEach(m -> m.group = keys);
        members.forEach(this::start);
    }

    private RunningTask prepare(FrameworkInfo framework, ExecutorInfo executor, TaskInfo task, String executorId,
            String runId, String containerId, Path taskSandbox) {
        String agentId = agentId();
        String frameworkId = framework.getId().getValue();
        frameworks.put(frameworkId, framework);
        checkpoint.framework(agentId, framework);
        Path runSandbox = layout.sandbox(agentId, frameworkId, executorId, runId);
        Path metaRun = layout.metaRun(agentId, frameworkId, executorId, runId);
        RunningTask running = new RunningTask(framework, executor, task, executorId, runId, containerId,
                taskSandbox == null ? runSandbox : taskSandbox, metaRun);
        checkpoint.task(metaRun, task, containerId);
        tasks.put(running.key(), running);
        return running;
    }

    private void start(RunningTask running) {
        String refusal = unsupported(running.task);
        if (refusal != null) {
            submit(running, status(running, TaskState.TASK_FAILED)
                    .setReason(TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED)
                    .setMessage(refusal));
            return;
        }
        LaunchSpec spec;
        try {
            createSandbox(running);
            spec = spec(running);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            submit(running, status(running, TaskState.TASK_FAILED)
                    .setReason(TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED)
                    .setMessage(e.getMessage()));
            return;
        }
        submit(running, status(running, TaskState.TASK_STARTING));
        running.launching = true;
        List<CommandInfo.URI> uris = running.task.getCommand().getUrisList();
        if (uris.isEmpty()) {
            launch(running, spec);
            return;
        }
        Fetcher.Cancellation cancellation = new Fetcher.Cancellation();
        running.fetch = cancellation;
        fetchers.execute(() -> {
            try {
                fetcher.fetch(running.containerId, uris, running.sandbox, spec.user(), cancellation);
                actor.tell(() -> fetched(running, spec, null));
            } catch (FetchException e) {
                actor.tell(() -> fetched(running, spec, e.getMessage()));
            } catch (RuntimeException e) {
                actor.tell(() -> fetched(running, spec, "Failed to fetch all URIs for container '"
                        + running.containerId + "': " + e));
            }
        });
    }

    /** The task's URIs are in its sandbox, or could not all be fetched ({@code failure}). */
    private void fetched(RunningTask running, LaunchSpec spec, String failure) {
        running.fetch = null;
        if (isOver(running)) {
            return; // killed meanwhile
        }
        if (failure != null) {
            launchFailed(running, failure);
            return;
        }
        launch(running, spec);
    }

    private void launch(RunningTask running, LaunchSpec spec) {
        launcher.execute(() -> {
            try {
                Container container = containerizer.launch(spec);
                actor.tell(() -> launched(running, container));
            } catch (ContainerException | RuntimeException e) {
                actor.tell(() -> launchFailed(running, e.getMessage()));
            }
        });
    }

    private void launched(RunningTask running, Container container) {
        running.launching = false;
        running.container = container;
        if (running.killRequested) {
            container.kill(killGrace(running, null));
        } else {
            submit(running, status(running, TaskState.TASK_RUNNING));
            startHealthChecks(running);
        }
        watch(running);
    }

    private void launchFailed(RunningTask running, String message) {
        running.launching = false;
        LOG.warnf("Task %s failed to launch: %s", running.task.getTaskId().getValue(), message);
        submit(running, status(running, TaskState.TASK_FAILED)
                .setReason(TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED)
                .setMessage("Failed to launch the container: " + message));
        killSiblings(running);
    }

    private void watch(RunningTask running) {
        running.container.termination().whenComplete((termination, error) -> actor.tell(() -> {
            Termination ended = termination != null ? termination
                    : new Termination(null, null, false, Termination.Reason.LAUNCH_FAILED,
                            "The container could not be watched: " + error.getMessage());
            terminated(running, ended);
        }));
    }

    private void terminated(RunningTask running, Termination termination) {
        stopHealthChecks(running);
        TaskStatus.Builder status;
        if (termination.reason() == Termination.Reason.MEMORY_LIMIT) {
            status = status(running, TaskState.TASK_FAILED)
                    .setReason(TaskStatus.Reason.REASON_CONTAINER_LIMITATION_MEMORY)
                    .setMessage(termination.message())
                    .setLimitation(TaskResourceLimitation.newBuilder().addAllResources(
                            running.task.getResourcesList().stream().filter(r -> r.getName().equals("mem"))
                                    .toList()));
        } else if (running.killRequested || termination.killed()) {
            String signal = "Command terminated with signal "
                    + (termination.signal() == null ? "SIGKILL" : "" + termination.signal());
            status = status(running, TaskState.TASK_KILLED).setMessage(running.killedUnhealthy
                    ? "Health check failed " + running.healthFailures + " consecutive time(s); " + signal
                    : signal);
        } else if (termination.reason() == Termination.Reason.LAUNCH_FAILED) {
            status = status(running, TaskState.TASK_FAILED)
                    .setReason(TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED)
                    .setMessage(termination.message());
        } else if (termination.exitCode() != null && termination.exitCode() == 0) {
            status = status(running, TaskState.TASK_FINISHED).setMessage("Command exited with status 0");
        } else {
            status = status(running, TaskState.TASK_FAILED).setMessage(termination.exitCode() != null
                    ? "Command exited with status " + termination.exitCode()
                    : "Command terminated with signal " + termination.signal());
        }
        if (running.killedUnhealthy) {
            status.setHealthy(false);
        }
        submit(running, status);
        TaskState state = status.getState();
        if (state == TaskState.TASK_FAILED || state == TaskState.TASK_KILLED) {
            killSiblings(running);
        }
    }

    private void killSiblings(RunningTask running) {
        for (String key : running.group) {
            RunningTask sibling = tasks.get(key);
            if (sibling != null && sibling != running && !isOver(sibling)) {
                kill(sibling.frameworkId(), sibling.task.getTaskId().getValue(), null);
            }
        }
    }

    // -------------------------------------------------------------------------------------------------------- kill

    private void kill(String frameworkId, String taskId, KillPolicy policy) {
        RunningTask running = tasks.get(StatusUpdates.key(frameworkId, taskId));
        if (running == null || isOver(running)) {
            LOG.debugf("Ignoring the kill of task %s: not running here", taskId);
            return;
        }
        if (running.killRequested) {
            return;
        }
        running.killRequested = true;
        stopHealthChecks(running);
        if (running.framework.getCapabilitiesList().stream()
                .anyMatch(c -> c.getType() == FrameworkInfo.Capability.Type.TASK_KILLING_STATE)) {
            TaskStatus.Builder killing = status(running, TaskState.TASK_KILLING);
            if (running.killedUnhealthy) {
                killing.setHealthy(false);
            }
            submit(running, killing);
        }
        if (running.container != null) {
            running.container.kill(killGrace(running, policy));
        } else if (running.fetch != null) {
            // the fetch stops; its outcome is ignored
            running.fetch.cancel();
            running.fetch = null;
            running.launching = false;
            submit(running, status(running, TaskState.TASK_KILLED).setMessage("Killed before it was launched"));
        } else if (!running.launching) {
            submit(running, status(running, TaskState.TASK_KILLED).setMessage("Killed before it was launched"));
        }
    }

    private void shutdown(String frameworkId) {
        for (RunningTask running : List.copyOf(tasks.values())) {
            if (running.frameworkId().equals(frameworkId)) {
                kill(frameworkId, running.task.getTaskId().getValue(), null);
            }
        }
    }

    private Duration killGrace(RunningTask running, KillPolicy policy) {
        KillPolicy effective = policy != null && policy.hasGracePeriod() ? policy
                : running.task.hasKillPolicy() ? running.task.getKillPolicy() : null;
        if (effective != null && effective.hasGracePeriod()) {
            return Duration.ofNanos(Math.max(0, effective.getGracePeriod().getNanoseconds()));
        }
        return config.killGracePeriod();
    }

    // -------------------------------------------------------------------------------------------------- recovery

    private void recover() {
        Optional<String> agentId = state.id().map(id -> id.getValue());
        if (agentId.isEmpty()) {
            return;
        }
        List<TaskCheckpoint.Recovered> found = checkpoint.recover(agentId.get());
        int running = 0;
        for (TaskCheckpoint.Recovered r : found) {
            frameworks.put(r.framework().getId().getValue(), r.framework());
            Path runSandbox = layout.sandbox(agentId.get(), r.framework().getId().getValue(), r.executorId(),
                    r.runId());
            Path sandbox = r.executor() == null ? runSandbox
                    : layout.taskSandbox(runSandbox, r.task().getTaskId().getValue());
            RunningTask task = new RunningTask(r.framework(), r.executor(), r.task(), r.executorId(), r.runId(),
                    r.containerId(), sandbox, r.metaRun());
            tasks.put(task.key(), task);
            updates.recovered(task.frameworkId(), r.task().getTaskId().getValue(), r.metaRun(), r.updates());
            if (r.updates().terminated()) {
                continue;
            }
            try {
                Optional<Container> container = containerizer.recover(layout.containerDir(r.metaRun(),
                        r.containerId()));
                if (container.isPresent()) {
                    task.container = container.get();
                    Optional<TaskStatus> latest = r.updates().latest();
                    if (latest.isPresent() && latest.get().getState() == TaskState.TASK_KILLING) {
                        // a kill under way (the containerizer carries it through); health checks are over
                        task.killedUnhealthy = latest.get().hasHealthy() && !latest.get().getHealthy();
                    } else if (!task.container.termination().isDone()) {
                        // health starts over: the grace period counts from the recovery
                        startHealthChecks(task);
                    }
                    watch(task);
                    running++;
                } else {
                    submit(task, status(task, TaskState.TASK_FAILED)
                            .setReason(TaskStatus.Reason.REASON_AGENT_RESTARTED)
                            .setMessage("The agent restarted before the task's container was launched"));
                }
            } catch (ContainerException e) {
                submit(task, status(task, TaskState.TASK_FAILED)
                        .setReason(TaskStatus.Reason.REASON_AGENT_RESTARTED)
                        .setMessage("Cannot recover the task's container: " + e.getMessage()));
            }
        }
        for (RunningTask task : tasks.values()) {
            if (task.executor != null) {
                task.group = tasks.values().stream()
                        .filter(t -> t.runId.equals(task.runId))
                        .map(RunningTask::key)
                        .toList();
            }
        }
        if (!found.isEmpty()) {
            LOG.infof("Recovered %d task(s) from the checkpoints, %d still running", found.size(), running);
        }
    }

    // ------------------------------------------------------------------------------------------------------ health

    /** Starts the task's health checks, if it has one that can run; counted from now. */
    private void startHealthChecks(RunningTask running) {
        if (!running.task.hasHealthCheck() || running.health != null) {
            return;
        }
        HealthCheckSpec spec;
        Map<String, String> environment;
        try {
            spec = HealthCheckSpec.of(running.task.getHealthCheck());
            environment = environment(running);
        } catch (IllegalArgumentException e) {
            // as Mesos' executors: the task runs on, without health checks
            LOG.warnf("Task %s runs without health checks: %s", running.task.getTaskId().getValue(),
                    e.getMessage());
            return;
        }
        HealthChecks.Target target = new HealthChecks.Target(running.task.getTaskId().getValue(), spec, state.ip(),
                environment, running.sandbox, user(running));
        HealthChecks.Handle[] handle = new HealthChecks.Handle[1];
        handle[0] = healthChecks.start(target, Instant.now(),
                verdict -> actor.tell(() -> healthVerdict(running, handle[0], verdict)));
        running.health = handle[0];
    }

    /**
     * A check's verdict: the health goes to the master as a TASK_RUNNING update with {@code healthy} and reason
     * REASON_TASK_HEALTH_CHECK_STATUS_UPDATED (only when it changed); too many failures kill the task.
     */
    private void healthVerdict(RunningTask running, HealthChecks.Handle handle, HealthTracker.Verdict verdict) {
        if (running.health != handle || running.killRequested || isOver(running)) {
            return;
        }
        verdict.report().ifPresent(healthy -> {
            TaskStatus.Builder status = status(running, TaskState.TASK_RUNNING)
                    .setHealthy(healthy)
                    .setReason(TaskStatus.Reason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED);
            if (!healthy && !verdict.message().isEmpty()) {
                status.setMessage("Health check failed: " + verdict.message());
            }
            submit(running, status);
        });
        if (verdict.kill()) {
            LOG.infof("Killing task %s: its health check failed %d consecutive time(s)", running.task.getTaskId()
                    .getValue(), verdict.consecutiveFailures());
            running.killedUnhealthy = true;
            running.healthFailures = verdict.consecutiveFailures();
            kill(running.frameworkId(), running.task.getTaskId().getValue(), null);
        }
    }

    private void stopHealthChecks(RunningTask running) {
        if (running.health != null) {
            running.health.stop();
            running.health = null;
        }
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    private void acknowledged(String key) {
        RunningTask task = tasks.remove(key);
        if (task == null) {
            return;
        }
        completed.addLast(new Snapshot.Entry(task.framework, task.executorId, task.sandbox, describe(task)));
        while (completed.size() > MAX_COMPLETED) {
            completed.removeFirst();
        }
        boolean runOver = tasks.values().stream().noneMatch(t -> t.runId.equals(task.runId));
        if (runOver) {
            checkpoint.forget(task.metaRun);
        }
    }

    private void submit(RunningTask running, TaskStatus.Builder status) {
        updates.submit(running.frameworkId(), running.metaRun, status.build());
    }

    private TaskStatus.Builder status(RunningTask running, TaskState taskState) {
        TaskStatus.Builder status = TaskStatus.newBuilder()
                .setTaskId(running.task.getTaskId())
                .setState(taskState)
                .setSource(TaskStatus.Source.SOURCE_EXECUTOR)
                .setAgentId(state.info().getId())
                .setExecutorId(ExecutorID.newBuilder().setValue(running.executorId));
        return status;
    }

    private boolean isOver(RunningTask running) {
        StatusUpdateStream stream = updates.stream(running.frameworkId(), running.task.getTaskId().getValue());
        return stream != null && stream.terminated();
    }

    private Task describe(RunningTask running) {
        StatusUpdateStream stream = updates.stream(running.frameworkId(), running.task.getTaskId().getValue());
        Optional<TaskStatus> latest = stream == null ? Optional.empty() : stream.latest();
        Task.Builder task = Task.newBuilder()
                .setName(running.task.getName())
                .setTaskId(running.task.getTaskId())
                .setFrameworkId(running.framework.getId())
                .setAgentId(state.info().getId())
                .setState(latest.map(TaskStatus::getState).orElse(TaskState.TASK_STAGING))
                .addAllResources(running.task.getResourcesList())
                .setUser(running.task.getCommand().hasUser() ? running.task.getCommand().getUser()
                        : running.framework.getUser());
        latest.ifPresent(task::addStatuses);
        if (stream != null) {
            stream.head().ifPresent(head -> task.setStatusUpdateState(head.getState())
                    .setStatusUpdateUuid(head.getUuid()));
        }
        if (running.executor != null) {
            task.setExecutorId(running.executor.getExecutorId());
        }
        if (running.task.hasLabels()) {
            task.setLabels(running.task.getLabels());
        }
        if (running.task.hasDiscovery()) {
            task.setDiscovery(running.task.getDiscovery());
        }
        if (running.task.hasContainer()) {
            task.setContainer(running.task.getContainer());
        }
        if (running.task.hasHealthCheck()) {
            task.setHealthCheck(running.task.getHealthCheck());
        }
        if (running.task.hasKillPolicy()) {
            task.setKillPolicy(running.task.getKillPolicy());
        }
        return task.build();
    }

    private LaunchSpec spec(RunningTask running) {
        TaskInfo task = running.task;
        List<String> argv = TaskCommand.argv(task.getCommand());
        double cpus = TaskCommand.scalar(task.getResourcesList(), "cpus");
        long memory = (long) (TaskCommand.scalar(task.getResourcesList(), "mem") * 1024 * 1024);
        Limits limits = new Limits(cpus, memory, config.taskMaxPids(), config.cgroupsEnableCfs());
        return new LaunchSpec(running.containerId, running.sandbox, layout.containerDir(running.metaRun,
                running.containerId), argv, environment(running), user(running), limits);
    }

    /** The task's environment (its command's, and its health check commands'). */
    private Map<String, String> environment(RunningTask running) {
        return TaskCommand.environment(running.task, running.frameworkId(), agentId(), running.executorId,
                state.hostname(), running.sandbox, System.getenv().getOrDefault("PATH",
                        "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
    }

    /** The user the task runs as: its command's, else its framework's; empty for the agent's. */
    private static Optional<String> user(RunningTask running) {
        String user = running.task.getCommand().hasUser() ? running.task.getCommand().getUser()
                : running.framework.getUser();
        return user.isEmpty() ? Optional.empty() : Optional.of(user);
    }

    private void createSandbox(RunningTask running) {
        try {
            Files.createDirectories(running.sandbox);
            Path runs = layout.sandbox(agentId(), running.frameworkId(), running.executorId, running.runId)
                    .getParent();
            Path latest = runs.resolve("latest");
            Path tmp = runs.resolve("latest.tmp-" + running.containerId);
            Files.deleteIfExists(tmp);
            Files.createSymbolicLink(tmp, Path.of(running.runId));
            Files.move(tmp, latest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the sandbox " + running.sandbox + ": " + e.getMessage(), e);
        }
    }

    /** Why this agent cannot run the task, or null. */
    private static String unsupported(TaskInfo task) {
        if (!task.hasCommand()) {
            return "The task has no command; custom executors are not supported by this agent";
        }
        if (task.hasContainer()) {
            ContainerInfo container = task.getContainer();
            if (container.getType() == ContainerInfo.Type.DOCKER || container.hasDocker()) {
                return "Container images are not supported by this agent yet (docker image '"
                        + container.getDocker().getImage() + "'); run the task as a command without an image";
            }
            if (container.hasMesos() && container.getMesos().hasImage()) {
                return "Container images are not supported by this agent yet; run the task as a command without an"
                        + " image";
            }
        }
        return null;
    }

    private String agentId() {
        return state.id().orElseThrow(() -> new IllegalStateException("the agent has no id yet")).getValue();
    }

    @PreDestroy
    void stop() {
        fetchers.shutdownNow();
        launcher.shutdownNow();
        fetcher.close();
    }
}
