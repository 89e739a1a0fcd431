package dev.dcosnative.shared.agentapi;

import java.util.List;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Task;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * A call from an agent to the leading master, posted to {@link AgentProtocol#PATH}. {@code SUBSCRIBE} opens the
 * agent's event stream (a registration, or a re-registration when {@code agent_info.id} is set); every other call
 * carries the agent id and the stream id of its subscription.
 */
public record AgentCall(Type type, AgentID agentId, Subscribe subscribe, StatusUpdate statusUpdate) {

    public enum Type {
        SUBSCRIBE,
        /** The answer to a master's {@code PING}: the agent is alive. */
        PONG,
        /** A task's status changed; sent until the master forwards the framework's acknowledgement. */
        STATUS_UPDATE
    }

    /**
     * The agent as it registers: its {@link AgentInfo} (hostname, port, resources, attributes and, when it
     * re-registers, its id), its software version, its capabilities, and — when it re-registers — the tasks it runs
     * (each with its latest state) and the frameworks they belong to, so a new or forgetful master can reconcile.
     */
    public record Subscribe(AgentInfo agentInfo, String version, List<AgentInfo.Capability> capabilities,
            List<Task> tasks, List<FrameworkInfo> frameworks) {
    }

    /** One status update of a task; {@code status.uuid} identifies it for the acknowledgement. */
    public record StatusUpdate(FrameworkID frameworkId, TaskStatus status) {
    }

    public static AgentCall subscribe(AgentInfo info, String version, List<AgentInfo.Capability> capabilities,
            List<Task> tasks, List<FrameworkInfo> frameworks) {
        return new AgentCall(Type.SUBSCRIBE, info.hasId() ? info.getId() : null,
                new Subscribe(info, version, capabilities, tasks, frameworks), null);
    }

    public static AgentCall pong(AgentID agentId) {
        return new AgentCall(Type.PONG, agentId, null, null);
    }

    public static AgentCall statusUpdate(AgentID agentId, FrameworkID frameworkId, TaskStatus status) {
        return new AgentCall(Type.STATUS_UPDATE, agentId, null, new StatusUpdate(frameworkId, status));
    }
}
