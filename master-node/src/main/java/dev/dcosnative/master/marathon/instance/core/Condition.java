package dev.dcosnative.master.marathon.instance.core;

import org.apache.mesos.v1.Protos.TaskState;

/**
 * An instance's condition, Marathon's names for where its task is ({@code instance_changed_event.condition}).
 */
public enum Condition {
    Provisioned,
    Staging,
    Starting,
    Running,
    Killing,
    Unreachable,
    UnreachableInactive,
    Killed,
    Failed,
    Finished,
    Error,
    Gone,
    Dropped,
    Unknown;

    /** The condition of a task in {@code state}. */
    public static Condition of(TaskState state) {
        return switch (state) {
            case TASK_STAGING -> Staging;
            case TASK_STARTING -> Starting;
            case TASK_RUNNING -> Running;
            case TASK_KILLING -> Killing;
            case TASK_FINISHED -> Finished;
            case TASK_FAILED -> Failed;
            case TASK_KILLED -> Killed;
            case TASK_ERROR -> Error;
            case TASK_LOST, TASK_GONE_BY_OPERATOR -> Gone;
            case TASK_UNREACHABLE -> Unreachable;
            case TASK_DROPPED -> Dropped;
            case TASK_GONE -> Gone;
            case TASK_UNKNOWN -> Unknown;
        };
    }

    /** The task is over: the instance holds no resources and will not come back by itself. */
    public boolean isTerminal() {
        return switch (this) {
            case Killed, Failed, Finished, Error, Gone, Dropped, Unknown -> true;
            default -> false;
        };
    }

    /** The task was launched and is not over nor out of reach: it holds resources on its agent. */
    public boolean isActive() {
        return switch (this) {
            case Provisioned, Staging, Starting, Running, Killing -> true;
            default -> false;
        };
    }

    /** The Mesos state name Marathon's task JSON shows for this condition. */
    public String mesosState() {
        return switch (this) {
            case Provisioned, Staging -> "TASK_STAGING";
            case Starting -> "TASK_STARTING";
            case Running -> "TASK_RUNNING";
            case Killing -> "TASK_KILLING";
            case Unreachable, UnreachableInactive -> "TASK_UNREACHABLE";
            case Killed -> "TASK_KILLED";
            case Failed -> "TASK_FAILED";
            case Finished -> "TASK_FINISHED";
            case Error -> "TASK_ERROR";
            case Gone -> "TASK_GONE";
            case Dropped -> "TASK_DROPPED";
            case Unknown -> "TASK_UNKNOWN";
        };
    }
}
