package dev.dcosnative.master.mesos.agent.core;

import java.time.Instant;

import org.apache.mesos.v1.Protos.AgentInfo;

/**
 * What the registry keeps of one agent (one znode each): its AgentInfo, and when it was marked unreachable if it is.
 */
public record RegistryRecord(AgentInfo info, Instant unreachableTime) {

    public static RegistryRecord of(Agent agent) {
        return new RegistryRecord(agent.info(), agent.unreachableTime());
    }

    public String id() {
        return info.getId().getValue();
    }
}
