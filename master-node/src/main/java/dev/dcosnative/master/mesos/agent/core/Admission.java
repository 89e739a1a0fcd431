package dev.dcosnative.master.mesos.agent.core;

import java.util.List;

/**
 * The decision to admit a subscribing agent, before it is made durable: the agent as it will be recorded, whether it
 * re-registers with a known id, its status before, and the agents it replaces (same address, other id: the old one
 * lost its checkpoint and restarted as a new agent).
 */
public record Admission(Agent agent, boolean reregistration, AgentStatus previousStatus, List<Agent> replaced) {

    public Admission {
        replaced = List.copyOf(replaced);
    }

    /** True when the agent was not registered a moment ago: operators see it added. */
    public boolean added() {
        return previousStatus != AgentStatus.REGISTERED;
    }
}
