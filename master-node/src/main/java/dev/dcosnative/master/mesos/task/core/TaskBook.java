package dev.dcosnative.master.mesos.task.core;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Task;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

import dev.dcosnative.shared.mesos.MesosTime;
import dev.dcosnative.shared.mesos.TaskStates;

/**
 * The master's book of tasks: live ones (staging to killing), those on unreachable agents, and a bounded list of
 * completed ones per framework. Applies status updates and the master's own transitions when agents become
 * unreachable, are removed, or re-register. Pure; owned by the master actor.
 */
public final class TaskBook {

    /** A task changed; {@code update} is the status to tell its framework about. */
    public record Change(Task task, TaskStatus update, boolean terminal) {
    }

    private final Map<TaskKey, Task> live = new LinkedHashMap<>();
    private final Map<TaskKey, Task> unreachable = new LinkedHashMap<>();
    private final Map<String, Deque<Task>> completed = new HashMap<>();
    private final int maxCompletedPerFramework;

    public TaskBook(int maxCompletedPerFramework) {
        this.maxCompletedPerFramework = maxCompletedPerFramework;
    }

    /** A task launched through an accepted offer: TASK_STAGING. */
    public void add(Task task) {
        TaskKey key = TaskKey.of(task);
        if (live.containsKey(key) || unreachable.containsKey(key)) {
            throw new IllegalArgumentException("task " + key + " already exists");
        }
        live.put(key, task);
    }

    /** True when a task with this id is live or unreachable for the framework. */
    public boolean exists(String frameworkId, String taskId) {
        TaskKey key = new TaskKey(frameworkId, taskId);
        return live.containsKey(key) || unreachable.containsKey(key);
    }

    /**
     * Applies a status update (from an agent, or made by the master). Empty when the task is not live or
     * unreachable (an update for a completed or unknown task changes nothing).
     */
    public Optional<Change> update(String frameworkId, TaskStatus status) {
        TaskKey key = new TaskKey(frameworkId, status.getTaskId().getValue());
        Task task = live.remove(key);
        if (task == null) {
            task = unreachable.remove(key);
        }
        if (task == null) {
            return Optional.empty();
        }
        Task updated = applied(task, status);
        boolean terminal = TaskStates.terminal(status.getState());
        if (terminal) {
            complete(updated);
        } else if (status.getState() == TaskState.TASK_UNREACHABLE) {
            unreachable.put(key, updated);
        } else {
            live.put(key, updated);
        }
        return Optional.of(new Change(updated, status, terminal));
    }

    /**
     * The agent became unreachable: its tasks become TASK_UNREACHABLE for partition-aware frameworks (kept, they may
     * come back) and TASK_LOST for the others (completed).
     */
    public List<Change> agentUnreachable(String agentId, Predicate<String> partitionAware, Instant now) {
        List<Change> changes = new ArrayList<>();
        for (Task task : onAgent(agentId)) {
            String frameworkId = task.getFrameworkId().getValue();
            boolean aware = partitionAware.test(frameworkId);
            TaskStatus status = TaskStatuses.master(task, aware ? TaskState.TASK_UNREACHABLE : TaskState.TASK_LOST,
                    TaskStatus.Reason.REASON_AGENT_REMOVED, "Agent " + agentId + " is unreachable", now)
                    .toBuilder()
                    .setUnreachableTime(MesosTime.timeInfo(now))
                    .build();
            update(frameworkId, status).ifPresent(changes::add);
        }
        return changes;
    }

    /** The unreachable agent is removed for good: its unreachable tasks are gone. */
    public List<Change> agentGone(String agentId, Instant now) {
        List<Change> changes = new ArrayList<>();
        for (Task task : List.copyOf(unreachable.values())) {
            if (task.getAgentId().getValue().equals(agentId)) {
                TaskStatus status = TaskStatuses.master(task, TaskState.TASK_GONE,
                        TaskStatus.Reason.REASON_AGENT_REMOVED, "Agent " + agentId + " was removed", now);
                update(task.getFrameworkId().getValue(), status).ifPresent(changes::add);
            }
        }
        return changes;
    }

    /**
     * The agent re-registered and reported its tasks. Reported tasks the master did not know (a new master) are taken
     * back with their reported state; those it had as unreachable, or had completed itself (TASK_LOST while the agent
     * was unreachable), come back with their reported state and their framework is told (source MASTER,
     * REASON_AGENT_REREGISTERED), as Mesos does. Tasks the master had on that agent, live or unreachable, that the
     * agent does not report are lost (TASK_DROPPED for partition-aware frameworks, TASK_LOST for the others).
     *
     * @return the changes to tell frameworks about, and the reported tasks taken back ({@link Reconciled#adopted()})
     */
    public Reconciled agentReregistered(String agentId, Collection<Task> reported, Predicate<String> partitionAware,
            Instant now) {
        List<Change> changes = new ArrayList<>();
        List<Task> adopted = new ArrayList<>();
        Set<TaskKey> reportedKeys = new HashSet<>();
        for (Task task : reported) {
            TaskKey key = TaskKey.of(task);
            reportedKeys.add(key);
            if (TaskStates.terminal(task.getState())) {
                continue;
            }
            Task back = unreachable.remove(key);
            if (back == null) {
                back = removeCompleted(key);
            }
            if (back != null) {
                TaskStatus status = TaskStatuses.latest(task, now).toBuilder()
                        .setSource(TaskStatus.Source.SOURCE_MASTER)
                        .setReason(TaskStatus.Reason.REASON_AGENT_REREGISTERED)
                        .setMessage("Agent " + agentId + " re-registered")
                        .clearUuid()
                        .build();
                Task revived = applied(back, status);
                live.put(key, revived);
                changes.add(new Change(revived, status, false));
                adopted.add(revived);
            } else if (!live.containsKey(key)) {
                live.put(key, task);
                adopted.add(task);
            }
        }
        List<Task> known = new ArrayList<>(onAgent(agentId));
        unreachable.values().stream().filter(t -> t.getAgentId().getValue().equals(agentId)).forEach(known::add);
        for (Task task : known) {
            if (!reportedKeys.contains(TaskKey.of(task))) {
                boolean aware = partitionAware.test(task.getFrameworkId().getValue());
                TaskStatus status = TaskStatuses.master(task, aware ? TaskState.TASK_DROPPED : TaskState.TASK_LOST,
                        TaskStatus.Reason.REASON_AGENT_REREGISTERED,
                        "Task was not found on agent " + agentId + " when it re-registered", now);
                update(task.getFrameworkId().getValue(), status).ifPresent(changes::add);
            }
        }
        return new Reconciled(changes, adopted);
    }

    /** What {@link #agentReregistered} did. */
    public record Reconciled(List<Change> changes, List<Task> adopted) {
    }

    /**
     * A torn-down framework's live and unreachable tasks end as TASK_KILLED (REASON_FRAMEWORK_REMOVED) among its
     * completed tasks, as in Mesos; the agents kill them. Returns them.
     */
    public List<Task> removeFramework(String frameworkId, Instant now) {
        List<Task> removed = new ArrayList<>();
        for (Map<TaskKey, Task> map : List.of(live, unreachable)) {
            for (Task task : List.copyOf(map.values())) {
                if (task.getFrameworkId().getValue().equals(frameworkId)) {
                    map.remove(TaskKey.of(task));
                    Task killed = applied(task, TaskStatuses.master(task, TaskState.TASK_KILLED,
                            TaskStatus.Reason.REASON_FRAMEWORK_REMOVED, "Framework " + frameworkId + " removed", now));
                    complete(killed);
                    removed.add(killed);
                }
            }
        }
        return removed;
    }

    public Optional<Task> get(String frameworkId, String taskId) {
        TaskKey key = new TaskKey(frameworkId, taskId);
        Task task = live.get(key);
        return Optional.ofNullable(task != null ? task : unreachable.get(key));
    }

    /** Live tasks on an agent (not those on it that are unreachable). */
    public List<Task> onAgent(String agentId) {
        return live.values().stream().filter(t -> t.getAgentId().getValue().equals(agentId)).toList();
    }

    public List<Task> live() {
        return List.copyOf(live.values());
    }

    public List<Task> unreachable() {
        return List.copyOf(unreachable.values());
    }

    public List<Task> completed() {
        List<Task> all = new ArrayList<>();
        completed.values().forEach(all::addAll);
        return all;
    }

    public List<Task> ofFramework(String frameworkId) {
        List<Task> tasks = new ArrayList<>();
        for (Task task : live.values()) {
            if (task.getFrameworkId().getValue().equals(frameworkId)) {
                tasks.add(task);
            }
        }
        for (Task task : unreachable.values()) {
            if (task.getFrameworkId().getValue().equals(frameworkId)) {
                tasks.add(task);
            }
        }
        return tasks;
    }

    public List<Task> completedOf(String frameworkId) {
        return List.copyOf(completed.getOrDefault(frameworkId, new ArrayDeque<>()));
    }

    public void clear() {
        live.clear();
        unreachable.clear();
        completed.clear();
    }

    /** Takes a task out of its framework's completed ones (it turned out not to be terminal). */
    private Task removeCompleted(TaskKey key) {
        Deque<Task> done = completed.get(key.frameworkId());
        if (done == null) {
            return null;
        }
        for (Iterator<Task> it = done.descendingIterator(); it.hasNext();) {
            Task task = it.next();
            if (task.getTaskId().getValue().equals(key.taskId())) {
                it.remove();
                return task;
            }
        }
        return null;
    }

    private void complete(Task task) {
        Deque<Task> done = completed.computeIfAbsent(task.getFrameworkId().getValue(), f -> new ArrayDeque<>());
        done.addLast(task);
        while (done.size() > maxCompletedPerFramework) {
            done.removeFirst();
        }
    }

    private static Task applied(Task task, TaskStatus status) {
        Task.Builder builder = task.toBuilder().setState(status.getState()).addStatuses(status)
                .setStatusUpdateState(status.getState());
        if (status.hasUuid()) {
            builder.setStatusUpdateUuid(status.getUuid());
        }
        if (!status.hasAgentId()) {
            return builder.build();
        }
        return builder.setAgentId(AgentID.newBuilder(status.getAgentId())).build();
    }

    /** A task's identity: framework id and task id. */
    public record TaskKey(String frameworkId, String taskId) {
        static TaskKey of(Task task) {
            return new TaskKey(task.getFrameworkId().getValue(), task.getTaskId().getValue());
        }
    }
}
