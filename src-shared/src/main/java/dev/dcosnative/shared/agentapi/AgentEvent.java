package dev.dcosnative.shared.agentapi;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;

/** An event the master sends down an agent's subscription stream (RecordIO of JSON). */
public record AgentEvent(Type type, Registered registered, Error error, RunTask runTask, RunTaskGroup runTaskGroup,
        KillTask killTask, Acknowledge acknowledge, ShutdownFramework shutdownFramework) {

    public enum Type {
        /** First event of a stream: the agent is admitted, with its (possibly new) id. */
        REGISTERED,
        /** The master's heartbeat; the agent answers with a {@code PONG} call. */
        PING,
        /** The master refuses the subscription; the stream ends after it. */
        ERROR,
        /** Launch a task (command executor). */
        RUN_TASK,
        /** Launch a task group with the default executor (LAUNCH_GROUP). */
        RUN_TASK_GROUP,
        /** Kill a task, with its kill policy. */
        KILL_TASK,
        /** The framework acknowledged a status update: stop resending it. */
        ACKNOWLEDGE,
        /** The framework is gone: kill all its tasks. */
        SHUTDOWN_FRAMEWORK
    }

    /**
     * @param pingIntervalSeconds how often the master pings
     * @param maxMissedPings after this many intervals without a ping the agent considers the master lost and
     *        subscribes again
     */
    public record Registered(AgentID agentId, MasterInfo masterInfo, double pingIntervalSeconds, int maxMissedPings) {
    }

    public record Error(String message) {
    }

    public record RunTask(FrameworkInfo framework, TaskInfo task) {
    }

    public record RunTaskGroup(FrameworkInfo framework, ExecutorInfo executor, TaskGroupInfo taskGroup) {
    }

    /** @param killPolicy overrides the task's own kill policy when set */
    public record KillTask(FrameworkID frameworkId, TaskID taskId, KillPolicy killPolicy) {
    }

    /** @param uuid the acknowledged update's uuid, base64 as in the Mesos JSON */
    public record Acknowledge(FrameworkID frameworkId, TaskID taskId, String uuid) {
    }

    public record ShutdownFramework(FrameworkID frameworkId) {
    }

    public static AgentEvent registered(Registered registered) {
        return new AgentEvent(Type.REGISTERED, registered, null, null, null, null, null, null);
    }

    public static AgentEvent ping() {
        return new AgentEvent(Type.PING, null, null, null, null, null, null, null);
    }

    public static AgentEvent error(String message) {
        return new AgentEvent(Type.ERROR, null, new Error(message), null, null, null, null, null);
    }

    public static AgentEvent runTask(FrameworkInfo framework, TaskInfo task) {
        return new AgentEvent(Type.RUN_TASK, null, null, new RunTask(framework, task), null, null, null, null);
    }

    public static AgentEvent runTaskGroup(FrameworkInfo framework, ExecutorInfo executor, TaskGroupInfo group) {
        return new AgentEvent(Type.RUN_TASK_GROUP, null, null, null, new RunTaskGroup(framework, executor, group),
                null, null, null);
    }

    public static AgentEvent killTask(FrameworkID frameworkId, TaskID taskId, KillPolicy killPolicy) {
        return new AgentEvent(Type.KILL_TASK, null, null, null, null, new KillTask(frameworkId, taskId, killPolicy),
                null, null);
    }

    public static AgentEvent acknowledge(FrameworkID frameworkId, TaskID taskId, String uuid) {
        return new AgentEvent(Type.ACKNOWLEDGE, null, null, null, null, null,
                new Acknowledge(frameworkId, taskId, uuid), null);
    }

    public static AgentEvent shutdownFramework(FrameworkID frameworkId) {
        return new AgentEvent(Type.SHUTDOWN_FRAMEWORK, null, null, null, null, null, null,
                new ShutdownFramework(frameworkId));
    }
}
