package dev.dcosnative.master.mesos;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Task;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.exhibitor.EmbeddedZooKeeper;
import dev.dcosnative.master.mesos.agent.AgentService;
import dev.dcosnative.master.mesos.agent.core.Admission;
import dev.dcosnative.master.mesos.agent.core.Agent;
import dev.dcosnative.master.mesos.framework.FrameworkService;
import dev.dcosnative.master.mesos.leader.LeaderElection;
import dev.dcosnative.master.mesos.offer.OfferService;
import dev.dcosnative.master.mesos.operator.OperatorEvents;
import dev.dcosnative.master.mesos.scheduler.SchedulerService;
import dev.dcosnative.master.mesos.state.core.MasterSnapshot;
import dev.dcosnative.master.mesos.state.core.OperatorViews;
import dev.dcosnative.master.mesos.task.TaskService;
import dev.dcosnative.master.mesos.task.core.TaskBook;
import dev.dcosnative.shared.agentapi.AgentCall;
import dev.dcosnative.shared.http.MesosHttpException;
import dev.dcosnative.shared.mesos.MesosTime;
import dev.dcosnative.shared.vertx.MessageStream;
import dev.dcosnative.shared.vertx.RecordIOSink;

/**
 * The Mesos kernel of the master: what it does when elected (recover the registry) or deposed (drop its state and
 * streams), its periodic work (agent pings, allocation, offer and failover timeouts, heartbeats), and the agents' side
 * of the flows (registration with its tasks, status updates, loss and return) coordinated across agents, frameworks,
 * offers and tasks. Every entry point runs its work on the {@link MasterActor}.
 */
@ApplicationScoped
public class MesosMaster implements LeaderElection.Listener {

    private static final Logger LOG = Logger.getLogger(MesosMaster.class);

    private final MasterActor actor;
    private final KernelState kernel;
    private final AgentService agents;
    private final FrameworkService frameworks;
    private final OfferService offers;
    private final TaskService tasks;
    private final SchedulerService scheduler;
    private final OperatorEvents events;
    private final LeaderElection election;
    private final EmbeddedZooKeeper zooKeeper;
    private final MasterIdentity identity;
    private final MasterConfig config;
    private final Clock clock;
    private final Vertx vertx;
    private final Event<KernelLeadership> leadership;
    private final List<Long> timers = new ArrayList<>();

    public MesosMaster(MasterActor actor, KernelState kernel, AgentService agents, FrameworkService frameworks,
            OfferService offers, TaskService tasks, SchedulerService scheduler, OperatorEvents events,
            LeaderElection election, EmbeddedZooKeeper zooKeeper, MasterIdentity identity, MasterConfig config,
            Clock clock, Vertx vertx, Event<KernelLeadership> leadership) {
        this.actor = actor;
        this.kernel = kernel;
        this.agents = agents;
        this.frameworks = frameworks;
        this.offers = offers;
        this.tasks = tasks;
        this.scheduler = scheduler;
        this.events = events;
        this.election = election;
        this.zooKeeper = zooKeeper;
        this.identity = identity;
        this.config = config;
        this.clock = clock;
        this.vertx = vertx;
        this.leadership = leadership;
    }

    /** Starts ZooKeeper (embedded or not), contends for the lead, and starts the periodic work. */
    public void start() {
        String connect = zooKeeper.start();
        election.start(connect, identity.masterInfo(), this);
        every(config.agentPingTimeout(), this::agentTick);
        every(config.allocationInterval(), () -> {
            offers.expireOffers();
            scheduler.expireFailoverTimeouts(clock.instant());
            scheduler.allocate();
        });
        every(config.heartbeatInterval(), () -> {
            events.publish(OperatorViews.heartbeat());
            frameworks.heartbeat();
        });
        LOG.infof("Master %s started at %s (ZooKeeper %s)", identity.id(), identity.pid(), connect);
    }

    private void every(Duration period, Runnable work) {
        timers.add(vertx.setPeriodic(period.toMillis(), id -> actor.tell(() -> {
            if (kernel.recovered()) {
                work.run();
            }
        })));
    }

    public void stop() {
        timers.forEach(vertx::cancelTimer);
        actor.ask(() -> {
            kernel.deposed();
            resetState();
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
        if (!election.isLeader() || kernel.recovered()) {
            return;
        }
        try {
            agents.recover();
            kernel.elected(clock.instant());
            LOG.infof("Leading master %s has finished recovery", identity.pid());
            leadership.fire(new KernelLeadership(true));
        } catch (RuntimeException e) {
            LOG.errorf("Recovery failed, retrying in 1s: %s", e.getMessage());
            vertx.setTimer(1000, id -> actor.tell(this::recover));
        }
    }

    @Override
    public void deposed() {
        actor.tell(() -> {
            kernel.deposed();
            resetState();
        });
    }

    private void resetState() {
        leadership.fire(new KernelLeadership(false));
        events.closeAll();
        frameworks.reset();
        tasks.reset();
        offers.reset();
        agents.reset();
    }

    /** True once this master leads and has read its registry. */
    public boolean recovered() {
        return kernel.recovered();
    }

    /** An agent's {@code host:port} by id, when it is registered. */
    public Uni<Optional<String>> agentAddress(String agentId) {
        return actor.ask(() -> agents.get(agentId).map(a -> a.info().getHostname() + ":" + a.info().getPort()));
    }

    /** The web UI URL of a framework known by {@code name} or id, if it has one. */
    public Uni<Optional<String>> frameworkWebUi(String nameOrId) {
        return actor.ask(() -> frameworks.all().stream()
                .filter(f -> f.id().equals(nameOrId) || f.info().getName().equals(nameOrId))
                .filter(f -> f.info().hasWebuiUrl() && !f.info().getWebuiUrl().isBlank())
                .map(f -> f.info().getWebuiUrl())
                .findFirst());
    }

    /** A consistent snapshot of the state. */
    public Uni<MasterSnapshot> snapshot() {
        return actor.ask(this::snapshotNow);
    }

    private MasterSnapshot snapshotNow() {
        TaskBook book = tasks.book();
        return new MasterSnapshot(identity.masterInfo(), election.leader().orElse(null), identity.startTime(),
                kernel.electedTime(), config.cluster(), flags(), agents.agents(), frameworks.all(),
                frameworks.completed(), book.live(), book.unreachable(), book.completed(), offers.outstanding());
    }

    // ------------------------------------------------------------------------------------------------------ agents

    /**
     * An agent subscribes (see {@link AgentService#subscribe}): frameworks only it knows are recovered, its tasks are
     * reconciled, and its free resources join the allocator.
     */
    public Uni<Admission> subscribeAgent(AgentCall.Subscribe subscribe, String streamId, RecordIOSink sink) {
        return actor.ask(() -> {
            kernel.requireRecovered();
            Admission admission = agents.subscribe(subscribe, streamId, sink);
            Agent agent = admission.agent();
            admission.replaced().forEach(replaced -> agentGoneOrReplaced(replaced.id()));
            for (FrameworkInfo framework : subscribe.frameworks() == null ? List.<FrameworkInfo> of()
                    : subscribe.frameworks()) {
                if (framework.hasId()) {
                    frameworks.recover(framework).ifPresent(f -> {
                        offers.frameworkAdded(f, false);
                        events.publish(OperatorViews.frameworkAdded(OperatorViews.framework(f, null)));
                    });
                }
            }
            List<Task> reported = subscribe.tasks() == null ? List.of() : subscribe.tasks();
            TaskBook.Reconciled reconciled = tasks.agentReregistered(agent.id(), reported);
            offers.tasksEnded(reconciled.changes().stream().map(TaskBook.Change::task).toList());
            offers.agentRegistered(agent, tasks.book().onAgent(agent.id()));
            scheduler.allocate();
            return admission;
        });
    }

    /** An agent answers a ping. */
    public Uni<Void> pong(String agentId, String streamId) {
        return actor.ask(() -> {
            kernel.requireRecovered();
            agents.pong(agentId, streamId);
            return null;
        });
    }

    /** A status update from an agent's current stream. */
    public Uni<Void> statusUpdate(String agentId, String streamId, AgentCall.StatusUpdate update) {
        return actor.ask(() -> {
            kernel.requireRecovered();
            if (!agents.isCurrentStream(agentId, streamId)) {
                throw new MesosHttpException(403, "Agent " + agentId + " is not subscribed with stream " + streamId);
            }
            if (update == null || update.frameworkId() == null || update.status() == null
                    || !update.status().hasTaskId()) {
                throw MesosHttpException.badRequest("Expecting 'status_update' with a framework id and a status");
            }
            tasks.statusUpdate(agentId, update.frameworkId(), update.status()).ifPresent(ended -> {
                offers.tasksEnded(List.of(ended.task()));
                scheduler.allocate();
            });
            return null;
        });
    }

    void agentDisconnected(@Observes AgentService.AgentDisconnected event) {
        offers.agentDisconnected(event.agentId());
    }

    private void agentTick() {
        for (Agent unreachable : agents.tick()) {
            offers.agentRemoved(unreachable.id());
            tasks.agentUnreachable(unreachable.id()).forEach(c -> offers.tasksEnded(List.of(c.task())));
        }
        for (Agent gone : agents.removeExpired()) {
            agentGoneOrReplaced(gone.id());
        }
    }

    private void agentGoneOrReplaced(String agentId) {
        offers.agentRemoved(agentId);
        tasks.agentUnreachable(agentId);
        tasks.agentGone(agentId);
    }

    /** An operator subscribes to the event stream. */
    public Uni<Void> subscribeOperator(MessageStream stream) {
        return actor.ask(() -> {
            kernel.requireRecovered();
            org.apache.mesos.v1.master.Protos.Event subscribed = OperatorViews.subscribed(snapshotNow(),
                    config.heartbeatInterval().toMillis() / 1000.0);
            events.add(stream, subscribed);
            return null;
        });
    }

    /** The configuration under the Mesos master flag names, as GET_FLAGS and /master/flags show it. */
    public Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("agent_ping_timeout", MesosTime.flag(config.agentPingTimeout()));
        flags.put("max_agent_ping_timeouts", Integer.toString(config.maxAgentPingTimeouts()));
        flags.put("agent_reregister_timeout", MesosTime.flag(config.agentReregisterTimeout()));
        flags.put("allocation_interval", MesosTime.flag(config.allocationInterval()));
        flags.put("authenticate_agents", "false");
        flags.put("authenticate_frameworks", "false");
        flags.put("authenticate_http_readonly", "false");
        flags.put("authenticate_http_readwrite", "false");
        flags.put("cluster", config.cluster());
        flags.put("hostname", identity.hostname());
        flags.put("ip", identity.ip());
        flags.put("port", Integer.toString(identity.port()));
        flags.put("max_completed_frameworks", Integer.toString(config.maxCompletedFrameworks()));
        flags.put("max_completed_tasks_per_framework", Integer.toString(config.maxCompletedTasksPerFramework()));
        flags.put("max_operator_event_stream_subscribers",
                Integer.toString(config.maxOperatorEventStreamSubscribers()));
        flags.put("min_allocatable_resources", config.minAllocatableResources());
        config.offerTimeout().ifPresent(t -> flags.put("offer_timeout", MesosTime.flag(t)));
        flags.put("quorum", Integer.toString(zooKeeper.ensemble() == null ? 1 : zooKeeper.ensemble().quorum()));
        flags.put("registry", "zookeeper");
        flags.put("registry_max_agent_age", MesosTime.flag(config.registryMaxAgentAge()));
        flags.put("work_dir", config.workDir().toString());
        flags.put("zk", "zk://" + (zooKeeper.ensemble() == null ? config.zk().connect().orElse("")
                : zooKeeper.ensemble().connectString()) + config.zk().root());
        flags.put("zk_session_timeout", MesosTime.flag(config.zk().sessionTimeout()));
        return flags;
    }
}
