package dev.dcosnative.agent.task.core;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import org.apache.mesos.v1.Protos.TaskStatus;

import com.google.protobuf.ByteString;

import dev.dcosnative.shared.mesos.TaskStates;

/**
 * The status updates of one task, delivered at least once and in order, as Mesos' status update manager does: the
 * oldest unacknowledged update is sent (and resent) until the framework's acknowledgement for its uuid comes back,
 * then the next. Pure; replayed from the task's checkpoint after an agent restart.
 */
public final class StatusUpdateStream {

    private final Deque<TaskStatus> pending = new ArrayDeque<>();
    private TaskStatus latest;
    private boolean terminated;
    private boolean terminalAcknowledged;

    /**
     * Adds an update (it must carry a uuid). Nothing follows a terminal update: later ones are refused (false).
     */
    public boolean add(TaskStatus status) {
        if (!status.hasUuid()) {
            throw new IllegalArgumentException("status updates need a uuid");
        }
        if (terminated) {
            return false;
        }
        pending.addLast(status);
        latest = status;
        terminated = TaskStates.terminal(status.getState());
        return true;
    }

    /** The update to send now, if any. */
    public Optional<TaskStatus> head() {
        return Optional.ofNullable(pending.peekFirst());
    }

    /**
     * The acknowledgement of {@code uuid}: true when it was the head's (which is then done). Duplicates and stale
     * acknowledgements change nothing.
     */
    public boolean acknowledge(ByteString uuid) {
        TaskStatus head = pending.peekFirst();
        if (head == null || !head.getUuid().equals(uuid)) {
            return false;
        }
        pending.removeFirst();
        if (TaskStates.terminal(head.getState())) {
            terminalAcknowledged = true;
        }
        return true;
    }

    /** The latest update added (the task's current state), if any. */
    public Optional<TaskStatus> latest() {
        return Optional.ofNullable(latest);
    }

    /** True once a terminal update was added: the task is over. */
    public boolean terminated() {
        return terminated;
    }

    /** True once the terminal update was acknowledged: nothing more to deliver. */
    public boolean completed() {
        return terminalAcknowledged;
    }

    public int pendingCount() {
        return pending.size();
    }
}
