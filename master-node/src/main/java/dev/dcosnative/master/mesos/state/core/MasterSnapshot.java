package dev.dcosnative.master.mesos.state.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.mesos.v1.Protos.MasterInfo;

import dev.dcosnative.master.mesos.agent.core.Agent;
import dev.dcosnative.master.mesos.agent.core.AgentStatus;

/**
 * A consistent view of the master's state, taken on the master actor, from which every state endpoint (v1 operator
 * calls and the legacy JSON endpoints) renders its answer.
 *
 * @param self this master
 * @param leader the leading master, possibly this one, or null
 * @param electedTime when this master was elected, or null when it does not lead
 * @param flags the master's configuration under Mesos flag names
 */
public record MasterSnapshot(MasterInfo self, MasterInfo leader, Instant startTime, Instant electedTime,
        String cluster, Map<String, String> flags, List<Agent> agents) {

    public MasterSnapshot {
        flags = Map.copyOf(flags);
        agents = List.copyOf(agents);
    }

    public List<Agent> withStatus(AgentStatus status) {
        return agents.stream().filter(a -> a.status() == status).toList();
    }
}
