package dev.dcosnative.master.mesos.agent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.apache.mesos.v1.Protos.AgentInfo;
import org.jboss.logging.Logger;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.mesos.MasterActor;
import dev.dcosnative.master.mesos.MasterIdentity;
import dev.dcosnative.master.mesos.agent.core.Admission;
import dev.dcosnative.master.mesos.agent.core.Agent;
import dev.dcosnative.master.mesos.agent.core.AgentStatus;
import dev.dcosnative.master.mesos.agent.core.AgentTable;
import dev.dcosnative.master.mesos.agent.core.AgentTimeouts;
import dev.dcosnative.master.mesos.agent.core.InvalidAgentException;
import dev.dcosnative.master.mesos.agent.core.RegistryRecord;
import dev.dcosnative.master.mesos.operator.OperatorEvents;
import dev.dcosnative.master.mesos.registry.AgentRegistryStore;
import dev.dcosnative.master.mesos.state.core.OperatorViews;
import dev.dcosnative.shared.agentapi.AgentCall;
import dev.dcosnative.shared.agentapi.AgentEvent;
import dev.dcosnative.shared.agentapi.AgentProtocol;
import dev.dcosnative.shared.http.MesosHttpException;
import dev.dcosnative.shared.mesos.Resources;
import dev.dcosnative.shared.vertx.RecordIOSink;

/**
 * The agents' side of the kernel: registration and re-registration (made durable in the registry before they count),
 * the pings that keep agents alive, and the transitions to unreachable and back. Every method runs on the master
 * actor; callers go through {@link dev.dcosnative.master.mesos.MesosMaster}.
 */
@ApplicationScoped
public class AgentService {

    private static final Logger LOG = Logger.getLogger(AgentService.class);

    /** An agent's open event stream. */
    private record Stream(String id, RecordIOSink sink) {
    }

    private final MasterActor actor;
    private final AgentRegistryStore registry;
    private final OperatorEvents events;
    private final MasterIdentity identity;
    private final MasterConfig config;
    private final Clock clock;
    private final Event<AgentDisconnected> disconnectedEvent;
    private final AgentTable table;
    private final Map<String, Stream> streams = new HashMap<>();
    private final AtomicLong nextAgentNumber = new AtomicLong();

    public AgentService(MasterActor actor, AgentRegistryStore registry, OperatorEvents events, MasterIdentity identity,
            MasterConfig config, Clock clock, Event<AgentDisconnected> disconnectedEvent) {
        this.actor = actor;
        this.registry = registry;
        this.events = events;
        this.identity = identity;
        this.config = config;
        this.clock = clock;
        this.disconnectedEvent = disconnectedEvent;
        this.table = new AgentTable(new AgentTimeouts(config.agentPingTimeout(), config.maxAgentPingTimeouts(),
                config.agentReregisterTimeout()));
    }

    /**
     * Admits a subscribing agent: durable in the registry first, then in memory, then the REGISTERED event down its
     * new stream and AGENT_ADDED to operators.
     *
     * @throws MesosHttpException 400 when the agent's info is unusable
     */
    public Admission subscribe(AgentCall.Subscribe subscribe, String streamId, RecordIOSink sink) {
        if (subscribe.agentInfo() == null) {
            throw MesosHttpException.badRequest("Expecting 'subscribe.agent_info' to be present");
        }
        Instant now = clock.instant();
        Admission admission;
        try {
            admission = table.admit(subscribe.agentInfo(), subscribe.version() == null ? "" : subscribe.version(),
                    subscribe.capabilities() == null ? List.of() : subscribe.capabilities(), now,
                    () -> identity.id() + "-S" + nextAgentNumber.getAndIncrement());
        } catch (InvalidAgentException e) {
            throw MesosHttpException.badRequest(e.getMessage());
        }
        Agent agent = admission.agent();
        registry.write(List.of(RegistryRecord.of(agent)), admission.replaced().stream().map(Agent::id).toList());
        table.commit(admission);
        for (Agent replaced : admission.replaced()) {
            LOG.infof("Agent %s at %s replaced by %s (the old one lost its checkpoint)", replaced.id(),
                    replaced.address(), agent.id());
            closeStream(replaced.id());
            events.publish(OperatorViews.agentRemoved(replaced.id()));
        }
        Stream previous = streams.put(agent.id(), new Stream(streamId, sink));
        if (previous != null) {
            previous.sink().close();
        }
        sink.onClose(() -> actor.tell(() -> disconnected(agent.id(), streamId)));
        AgentEvent.Registered registered = new AgentEvent.Registered(agent.info().getId(), identity.masterInfo(),
                config.agentPingTimeout().toMillis() / 1000.0, config.maxAgentPingTimeouts());
        // the stream's status line and headers go out with this first record
        sink.send(AgentProtocol.encode(AgentEvent.registered(registered)));
        LOG.infof("%s agent %s at %s (%s) with %s", admission.reregistration() ? "Re-registered" : "Registered",
                agent.id(), agent.address(), roleOf(agent.info()), Resources.describe(agent.info().getResourcesList()));
        if (admission.added()) {
            events.publish(OperatorViews.agentAdded(agent));
        }
        return admission;
    }

    /**
     * An agent's answer to a ping.
     *
     * @throws MesosHttpException 403 when the call does not come from the agent's current stream
     */
    public void pong(String agentId, String streamId) {
        Stream stream = streams.get(agentId);
        if (stream == null || !stream.id().equals(streamId)) {
            throw new MesosHttpException(403, "Agent " + agentId + " is not subscribed with stream " + streamId);
        }
        table.heartbeat(agentId, clock.instant());
    }

    /**
     * Pings every connected agent and marks the overdue ones unreachable (returned). Runs every ping timeout.
     */
    public List<Agent> tick() {
        byte[] ping = AgentProtocol.encode(AgentEvent.ping());
        streams.values().forEach(s -> s.sink().send(ping));
        Instant now = clock.instant();
        List<Agent> marked = new ArrayList<>();
        for (Agent overdue : table.overdue(now)) {
            Agent unreachable = table.unreachable(overdue, now);
            registry.put(RegistryRecord.of(unreachable));
            table.commit(unreachable);
            closeStream(overdue.id());
            LOG.warnf("Agent %s at %s is unreachable: %s", overdue.id(), overdue.address(),
                    overdue.status() == AgentStatus.RECOVERED ? "it did not re-register after the master failover"
                            : "no ping answered for " + config.agentPingTimeout()
                                    .multipliedBy(config.maxAgentPingTimeouts()));
            events.publish(OperatorViews.agentRemoved(overdue.id()));
            marked.add(unreachable);
        }
        return marked;
    }

    /**
     * Removes the agents unreachable for longer than the registry keeps them (Mesos {@code registry_max_agent_age});
     * returns them: their tasks are gone.
     */
    public List<Agent> removeExpired() {
        Instant limit = clock.instant().minus(config.registryMaxAgentAge());
        List<Agent> gone = new ArrayList<>();
        for (Agent agent : table.withStatus(AgentStatus.UNREACHABLE)) {
            if (agent.unreachableTime() != null && agent.unreachableTime().isBefore(limit)) {
                registry.remove(agent.id());
                table.remove(agent.id());
                LOG.warnf("Agent %s at %s removed: unreachable since %s", agent.id(), agent.address(),
                        agent.unreachableTime());
                gone.add(agent);
            }
        }
        return gone;
    }

    /** Rebuilds the agents from the registry (this master was just elected). */
    public void recover() {
        List<RegistryRecord> records = registry.load();
        table.recover(records, clock.instant());
        LOG.infof("Recovered %d agent(s) from the registry (%d unreachable)", records.size(),
                table.withStatus(AgentStatus.UNREACHABLE).size());
    }

    /** Forgets everything and closes every agent stream (this master lost the lead). */
    public void reset() {
        streams.values().forEach(s -> s.sink().close());
        streams.clear();
        table.clear();
    }

    public List<Agent> agents() {
        return table.all();
    }

    public Optional<Agent> get(String agentId) {
        return table.get(agentId);
    }

    /** Sends an event down the agent's stream; false when the agent has no open stream. */
    public boolean send(String agentId, AgentEvent event) {
        Stream stream = streams.get(agentId);
        if (stream == null) {
            return false;
        }
        stream.sink().send(AgentProtocol.encode(event));
        return true;
    }

    /** True when the call comes from the agent's current stream. */
    public boolean isCurrentStream(String agentId, String streamId) {
        Stream stream = streams.get(agentId);
        return stream != null && stream.id().equals(streamId);
    }

    /**
     * The agent's stream ended: it stays registered, inactive, until it subscribes again or times out. Fires
     * {@link AgentDisconnected} when that was its current stream.
     */
    public void disconnected(String agentId, String streamId) {
        Stream stream = streams.get(agentId);
        if (stream != null && stream.id().equals(streamId)) {
            streams.remove(agentId);
            table.disconnected(agentId);
            LOG.infof("Agent %s disconnected", agentId);
            disconnectedEvent.fire(new AgentDisconnected(agentId));
        }
    }

    /** An agent's stream closed (fired on the master actor). */
    public record AgentDisconnected(String agentId) {
    }

    private void closeStream(String agentId) {
        Stream stream = streams.remove(agentId);
        if (stream != null) {
            stream.sink().close();
        }
    }

    private static String roleOf(AgentInfo info) {
        return info.getResourcesCount() == 0 ? "*" : Resources.roleOf(info.getResources(0));
    }
}
