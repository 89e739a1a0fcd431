package dev.dcosnative.shared.agentapi;

import java.util.List;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.AgentInfo;

/**
 * A call from an agent to the leading master, posted to {@link AgentProtocol#PATH}. {@code SUBSCRIBE} opens the
 * agent's event stream (a registration, or a re-registration when {@code agent_info.id} is set); every other call
 * carries the agent id and the stream id of its subscription.
 */
public record AgentCall(Type type, AgentID agentId, Subscribe subscribe) {

    public enum Type {
        SUBSCRIBE,
        /** The answer to a master's {@code PING}: the agent is alive. */
        PONG
    }

    /**
     * The agent as it registers: its {@link AgentInfo} (hostname, port, resources, attributes and, when it
     * re-registers, its id), its software version and its capabilities.
     */
    public record Subscribe(AgentInfo agentInfo, String version, List<AgentInfo.Capability> capabilities) {
    }

    public static AgentCall subscribe(AgentInfo info, String version, List<AgentInfo.Capability> capabilities) {
        return new AgentCall(Type.SUBSCRIBE, info.hasId() ? info.getId() : null,
                new Subscribe(info, version, capabilities));
    }

    public static AgentCall pong(AgentID agentId) {
        return new AgentCall(Type.PONG, agentId, null);
    }
}
