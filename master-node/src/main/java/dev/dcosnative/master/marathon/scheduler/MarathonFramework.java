package dev.dcosnative.master.marathon.scheduler;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.jboss.logging.Logger;

import io.vertx.core.Vertx;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.marathon.MarathonActor;
import dev.dcosnative.master.mesos.MasterIdentity;
import dev.dcosnative.master.mesos.scheduler.LocalSchedulers;

/**
 * Marathon's side of the v1 scheduler API: it subscribes to the kernel like any framework (roles, capabilities,
 * failover timeout, the framework id it had before), hands the events to a {@link Handler} on the Marathon actor, and
 * sends the calls. It re-subscribes when its stream ends while Marathon still runs. Calls are fire and forget: their
 * failures are logged, and Marathon's periodic reconciliation repairs what they left undone.
 */
@ApplicationScoped
public class MarathonFramework {

    /** What Marathon does with the kernel's events; called on the Marathon actor. */
    public interface Handler {
        void subscribed(String frameworkId);

        void offers(List<Offer> offers);

        void rescinded(String offerId);

        void update(TaskStatus status);
    }

    private static final Logger LOG = Logger.getLogger(MarathonFramework.class);

    private final LocalSchedulers schedulers;
    private final MarathonActor actor;
    private final MasterConfig.Marathon config;
    private final MasterIdentity identity;
    private final Vertx vertx;
    private Handler handler;
    private LocalSchedulers.Connection connection;
    private String frameworkId;
    private boolean running;
    private int generation;

    public MarathonFramework(LocalSchedulers schedulers, MarathonActor actor, MasterConfig config,
            MasterIdentity identity, Vertx vertx) {
        this.schedulers = schedulers;
        this.actor = actor;
        this.config = config.marathon();
        this.identity = identity;
        this.vertx = vertx;
    }

    /** Subscribes (on the actor), failing over to {@code frameworkId} when Marathon had one. */
    public void start(Optional<String> frameworkId, Handler handler) {
        this.handler = handler;
        this.frameworkId = frameworkId.orElse(null);
        this.running = true;
        subscribe(++generation);
    }

    /** Ends the subscription (Marathon stops); the kernel keeps the tasks for the failover timeout. */
    public void stop() {
        running = false;
        generation++;
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    public boolean connected() {
        return connection != null && !connection.isClosed() && frameworkId != null;
    }

    private void subscribe(int attempt) {
        FrameworkInfo.Builder info = FrameworkInfo.newBuilder()
                .setUser(config.user())
                .setName(config.frameworkName())
                .addRoles(config.role())
                .setFailoverTimeout(config.failoverTimeout().toSeconds())
                .setCheckpoint(true)
                .setHostname(identity.hostname())
                .setPrincipal("dcos_marathon")
                .setWebuiUrl("http://" + identity.hostname() + ":" + identity.port() + "/v2/info");
        for (FrameworkInfo.Capability.Type type : List.of(FrameworkInfo.Capability.Type.MULTI_ROLE,
                FrameworkInfo.Capability.Type.PARTITION_AWARE, FrameworkInfo.Capability.Type.TASK_KILLING_STATE,
                FrameworkInfo.Capability.Type.GPU_RESOURCES, FrameworkInfo.Capability.Type.REGION_AWARE)) {
            info.addCapabilities(FrameworkInfo.Capability.newBuilder().setType(type));
        }
        if (frameworkId != null) {
            info.setId(FrameworkID.newBuilder().setValue(frameworkId));
        }
        schedulers.subscribe(info.build(), new LocalSchedulers.Listener() {
            @Override
            public void event(Event event) {
                if (attempt == generation) {
                    onEvent(event);
                }
            }

            @Override
            public void closed() {
                if (attempt == generation && running) {
                    LOG.warn("Marathon's scheduler stream ended; subscribing again");
                    connection = null;
                    resubscribeLater(attempt);
                }
            }
        }, actor).subscribe().with(
                c -> actor.tell(() -> {
                    if (attempt == generation) {
                        connection = c;
                    } else {
                        c.close();
                    }
                }),
                failure -> actor.tell(() -> {
                    LOG.warnf("Marathon cannot subscribe yet (%s); retrying", failure.getMessage());
                    resubscribeLater(attempt);
                }));
    }

    private void resubscribeLater(int attempt) {
        if (attempt != generation || !running) {
            return;
        }
        int next = ++generation;
        vertx.setTimer(1000, id -> actor.tell(() -> {
            if (next == generation && running) {
                subscribe(next);
            }
        }));
    }

    private void onEvent(Event event) {
        switch (event.getType()) {
            case SUBSCRIBED -> {
                frameworkId = event.getSubscribed().getFrameworkId().getValue();
                LOG.infof("Marathon subscribed as framework %s", frameworkId);
                handler.subscribed(frameworkId);
            }
            case OFFERS -> handler.offers(event.getOffers().getOffersList());
            case RESCIND -> handler.rescinded(event.getRescind().getOfferId().getValue());
            case UPDATE -> {
                TaskStatus status = event.getUpdate().getStatus();
                handler.update(status);
                if (status.hasUuid()) {
                    Call.Builder ack = call(Call.Type.ACKNOWLEDGE);
                    ack.getAcknowledgeBuilder().setAgentId(status.getAgentId()).setTaskId(status.getTaskId())
                            .setUuid(status.getUuid());
                    send(ack);
                }
            }
            case ERROR -> LOG.errorf("The kernel reports an error to Marathon: %s", event.getError().getMessage());
            case FAILURE -> LOG.infof("Agent %s or one of its executors failed",
                    event.getFailure().getAgentId().getValue());
            default -> {
            }
        }
    }

    /** Launches on one agent's offers ({@code operations} may be empty: then the offers are simply used up). */
    public void accept(List<OfferID> offers, List<Offer.Operation> operations, double refuseSeconds) {
        Call.Builder call = call(Call.Type.ACCEPT);
        call.getAcceptBuilder().addAllOfferIds(offers).addAllOperations(operations)
                .setFilters(Filters.newBuilder().setRefuseSeconds(refuseSeconds));
        send(call);
    }

    public void decline(List<OfferID> offers, double refuseSeconds) {
        Call.Builder call = call(Call.Type.DECLINE);
        call.getDeclineBuilder().addAllOfferIds(offers)
                .setFilters(Filters.newBuilder().setRefuseSeconds(refuseSeconds));
        send(call);
    }

    public void kill(String taskId, String agentId) {
        Call.Builder call = call(Call.Type.KILL);
        call.getKillBuilder().setTaskId(TaskID.newBuilder().setValue(taskId));
        if (agentId != null) {
            call.getKillBuilder().setAgentId(AgentID.newBuilder().setValue(agentId));
        }
        send(call);
    }

    /** Asks for the state of these tasks (empty: of all of Marathon's tasks, implicit reconciliation). */
    public void reconcile(List<Call.Reconcile.Task> tasks) {
        Call.Builder call = call(Call.Type.RECONCILE);
        call.getReconcileBuilder().addAllTasks(tasks);
        send(call);
    }

    public void revive() {
        send(call(Call.Type.REVIVE));
    }

    public void suppress() {
        send(call(Call.Type.SUPPRESS));
    }

    private Call.Builder call(Call.Type type) {
        Call.Builder call = Call.newBuilder().setType(type);
        if (frameworkId != null) {
            call.setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId));
        }
        return call;
    }

    private void send(Call.Builder call) {
        LocalSchedulers.Connection current = connection;
        if (current == null || frameworkId == null) {
            LOG.debugf("Marathon is not subscribed; %s dropped", call.getType());
            return;
        }
        current.call(call.build()).subscribe().with(status -> {
        }, failure -> LOG.warnf("Marathon's %s call failed: %s", call.getType(), failure.getMessage()));
    }
}
