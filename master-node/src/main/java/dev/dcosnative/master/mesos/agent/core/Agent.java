package dev.dcosnative.master.mesos.agent.core;

import java.time.Instant;
import java.util.List;

import org.apache.mesos.v1.Protos.AgentInfo;

/**
 * What the master knows of one agent.
 *
 * @param info as the agent registered, with its id
 * @param status where it stands with the master
 * @param version the Mesos version the agent speaks
 * @param capabilities the agent's capabilities
 * @param pid the libprocess-style pid, {@code slave(1)@ip:port}
 * @param registeredTime first admission
 * @param reregisteredTime last re-admission, or null
 * @param lastSeen last sign of life (registration or pong); for a recovered agent, the recovery
 * @param connected whether its event stream is open
 * @param unreachableTime when it was marked unreachable, or null
 */
public record Agent(AgentInfo info, AgentStatus status, String version, List<AgentInfo.Capability> capabilities,
        String pid, Instant registeredTime, Instant reregisteredTime, Instant lastSeen, boolean connected,
        Instant unreachableTime) {

    public Agent {
        capabilities = List.copyOf(capabilities);
    }

    public String id() {
        return info.getId().getValue();
    }

    /** Registered and connected: the agent's resources can be offered. */
    public boolean active() {
        return status == AgentStatus.REGISTERED && connected;
    }

    /** The address agents are told apart by when one re-registers without its id. */
    public String address() {
        return info.getHostname() + ":" + info.getPort();
    }

    Agent withLastSeen(Instant time) {
        return new Agent(info, status, version, capabilities, pid, registeredTime, reregisteredTime, time, connected,
                unreachableTime);
    }

    Agent withConnected(boolean value) {
        return new Agent(info, status, version, capabilities, pid, registeredTime, reregisteredTime, lastSeen, value,
                unreachableTime);
    }

    Agent unreachable(Instant time) {
        return new Agent(info, AgentStatus.UNREACHABLE, version, capabilities, pid, registeredTime, reregisteredTime,
                lastSeen, false, time);
    }
}
