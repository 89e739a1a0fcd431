package dev.dcosnative.master.mesos.task.core;

import java.time.Instant;

import org.apache.mesos.v1.Protos.Task;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

import dev.dcosnative.shared.mesos.MesosTime;

/** Status updates the master makes itself (source MASTER, no uuid: nothing to acknowledge). */
public final class TaskStatuses {

    private TaskStatuses() {
    }

    public static TaskStatus master(Task task, TaskState state, TaskStatus.Reason reason, String message,
            Instant now) {
        TaskStatus.Builder status = TaskStatus.newBuilder()
                .setTaskId(task.getTaskId())
                .setState(state)
                .setSource(TaskStatus.Source.SOURCE_MASTER)
                .setReason(reason)
                .setMessage(message)
                .setAgentId(task.getAgentId())
                .setTimestamp(MesosTime.seconds(now));
        if (task.hasExecutorId()) {
            status.setExecutorId(task.getExecutorId());
        }
        return status.build();
    }

    /** The latest status of a task (its last recorded one, or one made from its state), without uuid. */
    public static TaskStatus latest(Task task, Instant now) {
        if (task.getStatusesCount() > 0) {
            return task.getStatuses(task.getStatusesCount() - 1).toBuilder().clearUuid().build();
        }
        TaskStatus.Builder status = TaskStatus.newBuilder()
                .setTaskId(task.getTaskId())
                .setState(task.getState())
                .setSource(TaskStatus.Source.SOURCE_MASTER)
                .setAgentId(task.getAgentId())
                .setTimestamp(MesosTime.seconds(now));
        return status.build();
    }

    /** The answer to an explicit or implicit reconciliation of a task the master knows. */
    public static TaskStatus reconciliation(Task task, Instant now) {
        return latest(task, now).toBuilder()
                .setState(task.getState())
                .setSource(TaskStatus.Source.SOURCE_MASTER)
                .setReason(TaskStatus.Reason.REASON_RECONCILIATION)
                .clearMessage()
                .setTimestamp(MesosTime.seconds(now))
                .build();
    }
}
