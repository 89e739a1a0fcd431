package dev.dcosnative.master.mesos.task;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.Task;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.jboss.logging.Logger;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.mesos.agent.AgentService;
import dev.dcosnative.master.mesos.agent.core.AgentStatus;
import dev.dcosnative.master.mesos.framework.FrameworkService;
import dev.dcosnative.master.mesos.framework.core.Framework;
import dev.dcosnative.master.mesos.offer.core.AcceptPlan;
import dev.dcosnative.master.mesos.operator.OperatorEvents;
import dev.dcosnative.master.mesos.scheduler.core.SchedulerEvents;
import dev.dcosnative.master.mesos.state.core.OperatorViews;
import dev.dcosnative.master.mesos.task.core.TaskBook;
import dev.dcosnative.master.mesos.task.core.TaskStatuses;
import dev.dcosnative.shared.agentapi.AgentEvent;
import dev.dcosnative.shared.mesos.MesosTime;

/**
 * The tasks: launching them on agents, applying the agents' status updates and forwarding them to frameworks (whose
 * acknowledgements go back to the agents), kills, reconciliation, and what agent loss and return do to tasks. Runs on
 * the master actor. Methods return the changes that ended tasks, so the caller can give their resources back.
 */
@ApplicationScoped
public class TaskService {

    private static final Logger LOG = Logger.getLogger(TaskService.class);

    private final TaskBook book;
    private final AgentService agents;
    private final FrameworkService frameworks;
    private final OperatorEvents events;
    private final Clock clock;

    public TaskService(MasterConfig config, AgentService agents, FrameworkService frameworks, OperatorEvents events,
            Clock clock) {
        this.book = new TaskBook(config.maxCompletedTasksPerFramework());
        this.agents = agents;
        this.frameworks = frameworks;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Records the launch's tasks (TASK_STAGING) and sends them to the agent. When the agent cannot be reached, the
     * tasks are lost at once and returned as terminal changes.
     */
    public List<TaskBook.Change> launch(Framework framework, AcceptPlan.Launch launch, String agentId) {
        launch.tasks().forEach(task -> {
            book.add(task);
            events.publish(OperatorViews.taskAdded(task));
        });
        AgentEvent event = launch.isGroup()
                ? AgentEvent.runTaskGroup(framework.info(), launch.executor(), launch.group())
                : AgentEvent.runTask(framework.info(), launch.task());
        if (agents.send(agentId, event)) {
            launch.tasks().forEach(t -> LOG.debugf("Launching task %s of framework %s on agent %s",
                    t.getTaskId().getValue(), framework.id(), agentId));
            return List.of();
        }
        List<TaskBook.Change> lost = new ArrayList<>();
        TaskState state = framework.partitionAware() ? TaskState.TASK_DROPPED : TaskState.TASK_LOST;
        for (Task task : launch.tasks()) {
            TaskStatus status = TaskStatuses.master(task, state, TaskStatus.Reason.REASON_AGENT_DISCONNECTED,
                    "Agent " + agentId + " is not connected", clock.instant());
            book.update(framework.id(), status).ifPresent(change -> {
                forward(framework.id(), change.update());
                lost.add(change);
            });
        }
        return lost;
    }

    /** Tells the framework about tasks refused at ACCEPT (TASK_ERROR, TASK_DROPPED, ...). */
    public void refused(String frameworkId, Collection<TaskStatus> statuses) {
        statuses.forEach(status -> forward(frameworkId, status));
    }

    /**
     * A status update from an agent: applied, told to operators, forwarded to the framework (which acknowledges it
     * through the master). An update for a framework that no longer exists is acknowledged here, so the agent stops
     * resending it.
     */
    public Optional<TaskBook.Change> statusUpdate(String agentId, FrameworkID frameworkId, TaskStatus status) {
        String framework = frameworkId.getValue();
        if (frameworks.get(framework).isEmpty()) {
            if (status.hasUuid()) {
                agents.send(agentId, AgentEvent.acknowledge(frameworkId, status.getTaskId(),
                        Base64.getEncoder().encodeToString(status.getUuid().toByteArray())));
            }
            return Optional.empty();
        }
        Optional<TaskBook.Change> change = book.update(framework, status);
        change.ifPresent(c -> events.publish(OperatorViews.taskUpdated(framework, status, c.task().getState())));
        frameworks.send(framework, SchedulerEvents.update(status));
        return change.filter(TaskBook.Change::terminal);
    }

    /** The framework acknowledged an update: tell the agent. */
    public void acknowledge(String frameworkId, Call.Acknowledge ack) {
        agents.send(ack.getAgentId().getValue(), AgentEvent.acknowledge(FrameworkID.newBuilder()
                .setValue(frameworkId)
                .build(), ack.getTaskId(), Base64.getEncoder().encodeToString(ack.getUuid().toByteArray())));
    }

    /**
     * KILL: a known task is killed by its agent (its kill policy, or the call's); an unknown one is answered with a
     * reconciliation update (TASK_UNKNOWN for partition-aware frameworks, else TASK_LOST), as Mesos does.
     */
    public void kill(Framework framework, Call.Kill kill) {
        Optional<Task> task = book.get(framework.id(), kill.getTaskId().getValue());
        if (task.isEmpty()) {
            TaskState state = framework.partitionAware() ? TaskState.TASK_UNKNOWN : TaskState.TASK_LOST;
            TaskStatus.Builder status = TaskStatus.newBuilder()
                    .setTaskId(kill.getTaskId())
                    .setState(state)
                    .setSource(TaskStatus.Source.SOURCE_MASTER)
                    .setReason(TaskStatus.Reason.REASON_RECONCILIATION)
                    .setMessage("Attempted to kill an unknown task")
                    .setTimestamp(MesosTime.seconds(clock.instant()));
            if (kill.hasAgentId()) {
                status.setAgentId(kill.getAgentId());
            }
            forward(framework.id(), status.build());
            return;
        }
        KillPolicy policy = kill.hasKillPolicy() ? kill.getKillPolicy() : null;
        if (!agents.send(task.get().getAgentId().getValue(),
                AgentEvent.killTask(framework.info().getId(), kill.getTaskId(), policy))) {
            LOG.warnf("Cannot kill task %s now: agent %s is not connected; it will be killed when the framework "
                    + "asks again or reconciles", kill.getTaskId().getValue(), task.get().getAgentId().getValue());
        }
    }

    /**
     * RECONCILE: explicit (the listed tasks) or implicit (no tasks: every task of the framework). Unknown tasks get
     * TASK_UNKNOWN / TASK_LOST, tasks on an unreachable agent TASK_UNREACHABLE.
     */
    public void reconcile(Framework framework, Call.Reconcile reconcile) {
        Instant now = clock.instant();
        if (reconcile.getTasksCount() == 0) {
            for (Task task : book.ofFramework(framework.id())) {
                forward(framework.id(), TaskStatuses.reconciliation(task, now));
            }
            return;
        }
        for (Call.Reconcile.Task asked : reconcile.getTasksList()) {
            Optional<Task> task = book.get(framework.id(), asked.getTaskId().getValue());
            if (task.isPresent()) {
                forward(framework.id(), TaskStatuses.reconciliation(task.get(), now));
                continue;
            }
            boolean agentUnreachable = asked.hasAgentId() && agents.get(asked.getAgentId().getValue())
                    .map(a -> a.status() == AgentStatus.UNREACHABLE)
                    .orElse(false);
            TaskState state = agentUnreachable && framework.partitionAware() ? TaskState.TASK_UNREACHABLE
                    : framework.partitionAware() ? TaskState.TASK_UNKNOWN : TaskState.TASK_LOST;
            TaskStatus.Builder status = TaskStatus.newBuilder()
                    .setTaskId(asked.getTaskId())
                    .setState(state)
                    .setSource(TaskStatus.Source.SOURCE_MASTER)
                    .setReason(TaskStatus.Reason.REASON_RECONCILIATION)
                    .setMessage("Reconciliation: Task is unknown")
                    .setTimestamp(MesosTime.seconds(now));
            if (asked.hasAgentId()) {
                status.setAgentId(asked.getAgentId());
            }
            forward(framework.id(), status.build());
        }
    }

    /** The agent is unreachable: its tasks become TASK_UNREACHABLE or TASK_LOST (returned: the lost ones). */
    public List<TaskBook.Change> agentUnreachable(String agentId) {
        return apply(book.agentUnreachable(agentId, frameworks::partitionAware, clock.instant()));
    }

    /** The unreachable agent is removed for good: its unreachable tasks are gone (returned). */
    public List<TaskBook.Change> agentGone(String agentId) {
        return apply(book.agentGone(agentId, clock.instant()));
    }

    /**
     * The agent (re-)registered reporting these tasks: reconcile (see {@link TaskBook#agentReregistered}); tasks of
     * frameworks that were torn down or are unknown are killed on the agent (frameworks only known from the agent are
     * recovered before this is called).
     *
     * @return the reported tasks taken back, and the changes that ended tasks
     */
    public TaskBook.Reconciled agentReregistered(String agentId, List<Task> reported) {
        Set<String> goneFrameworks = new TreeSet<>();
        List<Task> keep = new ArrayList<>();
        for (Task task : reported) {
            if (frameworks.get(task.getFrameworkId().getValue()).isPresent()) {
                keep.add(task);
            } else {
                goneFrameworks.add(task.getFrameworkId().getValue());
            }
        }
        for (String framework : goneFrameworks) {
            agents.send(agentId, AgentEvent.shutdownFramework(FrameworkID.newBuilder().setValue(framework).build()));
        }
        TaskBook.Reconciled reconciled = book.agentReregistered(agentId, keep, frameworks::partitionAware,
                clock.instant());
        reconciled.adopted().forEach(task -> events.publish(OperatorViews.taskAdded(task)));
        return new TaskBook.Reconciled(apply(reconciled.changes()), reconciled.adopted());
    }

    /** The framework is gone: the agents kill its tasks; returns the tasks that were live. */
    public List<Task> removeFramework(String frameworkId) {
        List<Task> removed = book.removeFramework(frameworkId, clock.instant());
        Set<String> agentIds = new TreeSet<>();
        removed.forEach(t -> agentIds.add(t.getAgentId().getValue()));
        for (String agentId : agentIds) {
            agents.send(agentId, AgentEvent.shutdownFramework(FrameworkID.newBuilder().setValue(frameworkId)
                    .build()));
        }
        return removed;
    }

    public TaskBook book() {
        return book;
    }

    public void reset() {
        book.clear();
    }

    /** Tells frameworks and operators about changes; returns the terminal ones. */
    private List<TaskBook.Change> apply(List<TaskBook.Change> changes) {
        List<TaskBook.Change> terminal = new ArrayList<>();
        for (TaskBook.Change change : changes) {
            String framework = change.task().getFrameworkId().getValue();
            events.publish(OperatorViews.taskUpdated(framework, change.update(), change.task().getState()));
            frameworks.send(framework, SchedulerEvents.update(change.update()));
            if (change.terminal()) {
                terminal.add(change);
            }
        }
        return terminal;
    }

    private void forward(String frameworkId, TaskStatus status) {
        frameworks.send(frameworkId, SchedulerEvents.update(status));
    }
}
