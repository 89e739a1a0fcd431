package dev.dcosnative.master.mesos.agent.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/**
 * The master's book of agents: admission (registration and re-registration), liveness, and the transitions to and from
 * unreachable. Pure: no I/O, time passed in. The caller makes each {@link Admission} durable in the registry before it
 * {@link #commit commits} it, so a crash between the two loses nothing. Not thread-safe: owned by the master actor.
 */
public final class AgentTable {

    private final AgentTimeouts timeouts;
    private final Map<String, Agent> agents = new LinkedHashMap<>();

    public AgentTable(AgentTimeouts timeouts) {
        this.timeouts = timeouts;
    }

    /**
     * Decides how a subscribing agent is admitted. An agent that sends an id re-registers under it, whatever the
     * master knew of it (registered, recovered, unreachable or nothing: a registry may have been lost); one without an
     * id gets {@code newId}. Changes nothing.
     *
     * @throws InvalidAgentException when the AgentInfo is unusable
     */
    public Admission admit(AgentInfo info, String version, List<AgentInfo.Capability> capabilities, Instant now,
            Supplier<String> newId) {
        validate(info);
        boolean reregistration = info.hasId();
        AgentInfo withId = reregistration ? info
                : info.toBuilder().setId(AgentID.newBuilder().setValue(newId.get()))
                        .build();
        String id = withId.getId().getValue();
        Agent known = agents.get(id);
        Instant registered = known != null ? known.registeredTime() : now;
        Instant reregistered = known != null || reregistration ? now : null;
        Agent agent = new Agent(withId, AgentStatus.REGISTERED, version, capabilities,
                "slave(1)@" + withId.getHostname() + ":" + withId.getPort(), registered, reregistered, now, true, null);
        List<Agent> replaced = new ArrayList<>();
        for (Agent other : agents.values()) {
            if (!other.id().equals(id) && other.status() != AgentStatus.UNREACHABLE
                    && other.address().equals(agent.address())) {
                replaced.add(other);
            }
        }
        return new Admission(agent, reregistration, known == null ? null : known.status(), replaced);
    }

    /** Records an admission made durable. */
    public void commit(Admission admission) {
        admission.replaced().forEach(r -> agents.remove(r.id()));
        agents.put(admission.agent().id(), admission.agent());
    }

    /** A sign of life (pong). Empty when the agent is not registered. */
    public Optional<Agent> heartbeat(String id, Instant now) {
        Agent agent = agents.get(id);
        if (agent == null || agent.status() != AgentStatus.REGISTERED) {
            return Optional.empty();
        }
        Agent updated = agent.withLastSeen(now).withConnected(true);
        agents.put(id, updated);
        return Optional.of(updated);
    }

    /** The agent's stream closed: it stays registered but inactive until it subscribes again or times out. */
    public Optional<Agent> disconnected(String id) {
        Agent agent = agents.get(id);
        if (agent == null || agent.status() != AgentStatus.REGISTERED) {
            return Optional.empty();
        }
        Agent updated = agent.withConnected(false);
        agents.put(id, updated);
        return Optional.of(updated);
    }

    /**
     * Agents to mark unreachable at {@code now}: registered ones silent longer than the ping timeouts allow, recovered
     * ones that did not re-register within the re-registration timeout.
     */
    public List<Agent> overdue(Instant now) {
        List<Agent> overdue = new ArrayList<>();
        for (Agent agent : agents.values()) {
            boolean late = switch (agent.status()) {
                case REGISTERED -> agent.lastSeen().plus(timeouts.silenceAllowed()).isBefore(now);
                case RECOVERED -> agent.lastSeen().plus(timeouts.reregisterTimeout()).isBefore(now);
                case UNREACHABLE -> false;
            };
            if (late) {
                overdue.add(agent);
            }
        }
        return overdue;
    }

    /** The agent as it will be recorded once marked unreachable at {@code now}. Changes nothing. */
    public Agent unreachable(Agent agent, Instant now) {
        return agent.unreachable(now);
    }

    /** Records an agent's new state made durable (e.g. marked unreachable). */
    public void commit(Agent agent) {
        agents.put(agent.id(), agent);
    }

    /** Forgets an agent. */
    public void remove(String id) {
        agents.remove(id);
    }

    /**
     * Rebuilds the book from the registry after an election: admitted agents become {@link AgentStatus#RECOVERED}
     * (their re-registration clock starts now), unreachable ones stay unreachable.
     */
    public void recover(Collection<RegistryRecord> records, Instant now) {
        agents.clear();
        for (RegistryRecord record : records) {
            AgentInfo info = record.info();
            String pid = "slave(1)@" + info.getHostname() + ":" + info.getPort();
            Agent agent = record.unreachableTime() == null
                    ? new Agent(info, AgentStatus.RECOVERED, "", List.of(), pid, now, null, now, false, null)
                    : new Agent(info, AgentStatus.UNREACHABLE, "", List.of(), pid, now, null, now, false,
                            record.unreachableTime());
            agents.put(agent.id(), agent);
        }
    }

    /** Forgets everything (the master lost the lead). */
    public void clear() {
        agents.clear();
    }

    public Optional<Agent> get(String id) {
        return Optional.ofNullable(agents.get(id));
    }

    public List<Agent> withStatus(AgentStatus status) {
        return agents.values().stream().filter(a -> a.status() == status).toList();
    }

    public List<Agent> all() {
        return List.copyOf(agents.values());
    }

    private static void validate(AgentInfo info) {
        if (info.getHostname().isBlank()) {
            throw new InvalidAgentException("Expecting 'agent_info.hostname' to be present");
        }
        if (info.getPort() < 1 || info.getPort() > 65535) {
            throw new InvalidAgentException("'agent_info.port' must be within 1-65535, not " + info.getPort());
        }
        if (info.hasId() && !info.getId().getValue().matches("[A-Za-z0-9._-]{1,128}")) {
            throw new InvalidAgentException("'agent_info.id' is not a valid agent id: '" + info.getId().getValue()
                    + "'");
        }
        for (Resource resource : info.getResourcesList()) {
            if (resource.getName().isBlank()) {
                throw new InvalidAgentException("A resource of the agent has no name");
            }
            if (resource.getType() == Value.Type.SCALAR
                    && (!(resource.getScalar().getValue() >= 0) || Double.isInfinite(resource.getScalar().getValue()))) {
                throw new InvalidAgentException("Resource '" + resource.getName() + "' must be a non-negative number");
            }
            if (resource.getType() == Value.Type.RANGES) {
                for (Value.Range range : resource.getRanges().getRangeList()) {
                    if (range.getBegin() > range.getEnd()) {
                        throw new InvalidAgentException("Resource '" + resource.getName() + "' has an empty range "
                                + range.getBegin() + "-" + range.getEnd());
                    }
                }
            }
        }
    }
}
