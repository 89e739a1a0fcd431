package dev.dcosnative.shared.agentapi;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.MasterInfo;

/** An event the master sends down an agent's subscription stream (RecordIO of JSON). */
public record AgentEvent(Type type, Registered registered, Error error) {

    public enum Type {
        /** First event of a stream: the agent is admitted, with its (possibly new) id. */
        REGISTERED,
        /** The master's heartbeat; the agent answers with a {@code PONG} call. */
        PING,
        /** The master refuses the subscription; the stream ends after it. */
        ERROR
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

    public static AgentEvent registered(Registered registered) {
        return new AgentEvent(Type.REGISTERED, registered, null);
    }

    public static AgentEvent ping() {
        return new AgentEvent(Type.PING, null, null);
    }

    public static AgentEvent error(String message) {
        return new AgentEvent(Type.ERROR, null, new Error(message));
    }
}
