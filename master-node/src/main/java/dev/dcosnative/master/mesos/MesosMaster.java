package dev.dcosnative.master.mesos;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.mesos.v1.master.Protos.Event;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.exhibitor.EmbeddedZooKeeper;
import dev.dcosnative.master.mesos.agent.AgentService;
import dev.dcosnative.master.mesos.leader.LeaderElection;
import dev.dcosnative.master.mesos.operator.OperatorEvents;
import dev.dcosnative.master.mesos.state.core.MasterSnapshot;
import dev.dcosnative.master.mesos.state.core.OperatorViews;
import dev.dcosnative.shared.agentapi.AgentCall;
import dev.dcosnative.shared.agentapi.AgentEvent;
import dev.dcosnative.shared.http.MesosHttpException;
import dev.dcosnative.shared.mesos.MesosTime;
import dev.dcosnative.shared.vertx.RecordIOSink;

/**
 * The Mesos kernel of the master: what it does when elected (recover the registry) or deposed (drop its state and
 * streams), its periodic work (agent pings and operator heartbeats), and the entry points the HTTP routes call. Every
 * entry point runs its work on the {@link MasterActor}.
 */
@ApplicationScoped
public class MesosMaster implements LeaderElection.Listener {

    private static final Logger LOG = Logger.getLogger(MesosMaster.class);

    private final MasterActor actor;
    private final AgentService agents;
    private final OperatorEvents events;
    private final LeaderElection election;
    private final EmbeddedZooKeeper zooKeeper;
    private final MasterIdentity identity;
    private final MasterConfig config;
    private final Clock clock;
    private final Vertx vertx;

    private volatile boolean recovered;
    private volatile Instant electedTime;
    private long pingTimer = -1;
    private long heartbeatTimer = -1;

    public MesosMaster(MasterActor actor, AgentService agents, OperatorEvents events, LeaderElection election,
            EmbeddedZooKeeper zooKeeper, MasterIdentity identity, MasterConfig config, Clock clock, Vertx vertx) {
        this.actor = actor;
        this.agents = agents;
        this.events = events;
        this.election = election;
        this.zooKeeper = zooKeeper;
        this.identity = identity;
        this.config = config;
        this.clock = clock;
        this.vertx = vertx;
    }

    /** Starts ZooKeeper (embedded or not), contends for the lead, and starts the periodic work. */
    public void start() {
        String connect = zooKeeper.start();
        election.start(connect, identity.masterInfo(), this);
        pingTimer = vertx.setPeriodic(config.agentPingTimeout().toMillis(), id -> actor.tell(() -> {
            if (recovered) {
                agents.tick();
            }
        }));
        heartbeatTimer = vertx.setPeriodic(config.heartbeatInterval().toMillis(),
                id -> actor.tell(() -> events.publish(OperatorViews.heartbeat())));
        LOG.infof("Master %s started at %s (ZooKeeper %s)", identity.id(), identity.pid(), connect);
    }

    public void stop() {
        vertx.cancelTimer(pingTimer);
        vertx.cancelTimer(heartbeatTimer);
        actor.ask(() -> {
            recovered = false;
            events.closeAll();
            agents.reset();
            return null;
        }).await().atMost(Duration.ofSeconds(5));
        election.stop();
        zooKeeper.stop();
    }

    @Override
    public void elected() {
        actor.tell(this::recover);
    }

    private void recover() {
        if (!election.isLeader() || recovered) {
            return;
        }
        try {
            agents.recover();
            electedTime = clock.instant();
            recovered = true;
            LOG.infof("Leading master %s has finished recovery", identity.pid());
        } catch (RuntimeException e) {
            LOG.errorf("Recovery failed, retrying in 1s: %s", e.getMessage());
            vertx.setTimer(1000, id -> actor.tell(this::recover));
        }
    }

    @Override
    public void deposed() {
        actor.tell(() -> {
            recovered = false;
            electedTime = null;
            events.closeAll();
            agents.reset();
        });
    }

    /** True once this master leads and has read its registry. */
    public boolean recovered() {
        return recovered;
    }

    /** A consistent snapshot of the state. */
    public Uni<MasterSnapshot> snapshot() {
        return actor.ask(this::snapshotNow);
    }

    private MasterSnapshot snapshotNow() {
        return new MasterSnapshot(identity.masterInfo(), election.leader().orElse(null), identity.startTime(),
                electedTime, config.cluster(), flags(), agents.agents());
    }

    /** An agent subscribes; see {@link AgentService#subscribe}. */
    public Uni<AgentEvent.Registered> subscribeAgent(AgentCall.Subscribe subscribe, String streamId,
            RecordIOSink sink) {
        return actor.ask(() -> {
            requireRecovered();
            return agents.subscribe(subscribe, streamId, sink);
        });
    }

    /** An agent answers a ping. */
    public Uni<Void> pong(String agentId, String streamId) {
        return actor.ask(() -> {
            requireRecovered();
            agents.pong(agentId, streamId);
            return null;
        });
    }

    /** An operator subscribes to the event stream. */
    public Uni<Void> subscribeOperator(RecordIOSink sink, String encoding) {
        return actor.ask(() -> {
            requireRecovered();
            Event subscribed = OperatorViews.subscribed(snapshotNow(),
                    config.heartbeatInterval().toMillis() / 1000.0);
            events.add(sink, encoding, subscribed);
            return null;
        });
    }

    private void requireRecovered() {
        if (!recovered) {
            throw MesosHttpException.serviceUnavailable("Master has not finished recovery");
        }
    }

    /** The configuration under the Mesos master flag names, as GET_FLAGS and /master/flags show it. */
    public Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("agent_ping_timeout", MesosTime.flag(config.agentPingTimeout()));
        flags.put("max_agent_ping_timeouts", Integer.toString(config.maxAgentPingTimeouts()));
        flags.put("agent_reregister_timeout", MesosTime.flag(config.agentReregisterTimeout()));
        flags.put("allocation_interval", "1secs");
        flags.put("authenticate_agents", "false");
        flags.put("authenticate_frameworks", "false");
        flags.put("authenticate_http_readonly", "false");
        flags.put("authenticate_http_readwrite", "false");
        flags.put("cluster", config.cluster());
        flags.put("hostname", identity.hostname());
        flags.put("ip", identity.ip());
        flags.put("port", Integer.toString(identity.port()));
        flags.put("max_operator_event_stream_subscribers",
                Integer.toString(config.maxOperatorEventStreamSubscribers()));
        flags.put("quorum", Integer.toString(zooKeeper.ensemble() == null ? 1 : zooKeeper.ensemble().quorum()));
        flags.put("registry", "zookeeper");
        flags.put("work_dir", config.workDir().toString());
        flags.put("zk", "zk://" + (zooKeeper.ensemble() == null ? config.zk().connect().orElse("")
                : zooKeeper.ensemble().connectString()) + config.zk().root());
        flags.put("zk_session_timeout", MesosTime.flag(config.zk().sessionTimeout()));
        return flags;
    }
}
