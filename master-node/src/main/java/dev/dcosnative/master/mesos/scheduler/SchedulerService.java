package dev.dcosnative.master.mesos.scheduler;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.mesos.v1.Protos.Task;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.mesos.KernelState;
import dev.dcosnative.master.mesos.MasterActor;
import dev.dcosnative.master.mesos.MasterIdentity;
import dev.dcosnative.master.mesos.agent.AgentService;
import dev.dcosnative.master.mesos.agent.core.Agent;
import dev.dcosnative.master.mesos.framework.FrameworkService;
import dev.dcosnative.master.mesos.framework.SchedulerStream;
import dev.dcosnative.master.mesos.framework.core.Framework;
import dev.dcosnative.master.mesos.framework.core.FrameworkBook;
import dev.dcosnative.master.mesos.framework.core.InvalidFrameworkException;
import dev.dcosnative.master.mesos.offer.OfferService;
import dev.dcosnative.master.mesos.offer.core.AcceptPlan;
import dev.dcosnative.master.mesos.operator.OperatorEvents;
import dev.dcosnative.master.mesos.scheduler.core.SchedulerEvents;
import dev.dcosnative.master.mesos.state.core.OperatorViews;
import dev.dcosnative.master.mesos.task.TaskService;
import dev.dcosnative.master.mesos.task.core.TaskBook;
import dev.dcosnative.shared.http.MesosHttpException;

/**
 * The v1 scheduler API's calls, each run on the master actor: SUBSCRIBE (and failover), then ACCEPT, DECLINE,
 * REVIVE, SUPPRESS, KILL, ACKNOWLEDGE, RECONCILE, MESSAGE, TEARDOWN... with Mesos' checks of the framework and its
 * stream id. Also what a framework's disconnection and failover timeout do.
 */
@ApplicationScoped
public class SchedulerService {

    private static final Logger LOG = Logger.getLogger(SchedulerService.class);

    private final MasterActor actor;
    private final KernelState kernel;
    private final FrameworkService frameworks;
    private final OfferService offers;
    private final TaskService tasks;
    private final AgentService agents;
    private final OperatorEvents events;
    private final MasterIdentity identity;
    private final MasterConfig config;
    private long nextFramework;

    public SchedulerService(MasterActor actor, KernelState kernel, FrameworkService frameworks, OfferService offers,
            TaskService tasks, AgentService agents, OperatorEvents events, MasterIdentity identity,
            MasterConfig config) {
        this.actor = actor;
        this.kernel = kernel;
        this.frameworks = frameworks;
        this.offers = offers;
        this.tasks = tasks;
        this.agents = agents;
        this.events = events;
        this.identity = identity;
        this.config = config;
    }

    /**
     * SUBSCRIBE on a new stream: the framework is admitted (or fails over) and gets SUBSCRIBED, then offers. A
     * FrameworkInfo the master refuses gets an ERROR event and the stream ends, as in Mesos.
     */
    public Uni<Void> subscribe(Call.Subscribe subscribe, String streamId, SchedulerStream stream) {
        return actor.ask(() -> {
            kernel.requireRecovered();
            FrameworkBook.Subscription subscription;
            try {
                subscription = frameworks.subscribe(subscribe.getFrameworkInfo(),
                        new HashSet<>(subscribe.getSuppressedRolesList()), streamId, stream,
                        () -> identity.id() + "-" + String.format("%04d", nextFramework++));
            } catch (InvalidFrameworkException e) {
                stream.send(SchedulerEvents.error(e.getMessage()));
                stream.close();
                return null;
            }
            Framework framework = subscription.framework();
            stream.onClose(() -> actor.tell(() -> disconnected(framework.id(), streamId)));
            stream.send(SchedulerEvents.subscribed(framework.info().getId(),
                    config.heartbeatInterval().toMillis() / 1000.0, identity.masterInfo()));
            offers.frameworkAdded(framework, true);
            events.publish(subscription.failover() ? OperatorViews.frameworkUpdated(OperatorViews.framework(
                    framework, null)) : OperatorViews.frameworkAdded(OperatorViews.framework(framework, null)));
            allocate();
            return null;
        });
    }

    /** Every call but SUBSCRIBE: checks the framework and its stream, then dispatches. 202, or 200 for UPDATE_FRAMEWORK. */
    public Uni<Integer> call(Call call, String streamIdHeader) {
        return actor.ask(() -> {
            kernel.requireRecovered();
            String frameworkId = call.getFrameworkId().getValue();
            Framework framework = frameworks.get(frameworkId)
                    .orElseThrow(() -> MesosHttpException.badRequest("Framework cannot be found"));
            if (!framework.connected()) {
                throw new MesosHttpException(403, "Framework is not subscribed");
            }
            if (streamIdHeader == null) {
                throw MesosHttpException.badRequest(
                        "All non-subscribe calls should include the 'Mesos-Stream-Id' header");
            }
            if (!streamIdHeader.equals(framework.streamId())) {
                throw MesosHttpException.badRequest("The stream ID '" + streamIdHeader + "' included in this request "
                        + "didn't match the stream ID currently associated with framework ID " + frameworkId);
            }
            return dispatch(framework, call);
        });
    }

    private int dispatch(Framework framework, Call call) {
        switch (call.getType()) {
            case TEARDOWN -> teardown(framework.id(), "the framework asked for it");
            case ACCEPT -> accept(framework, call.getAccept());
            case DECLINE -> {
                offers.decline(framework, call.getDecline());
                allocate();
            }
            case REVIVE -> {
                Set<String> roles = roles(framework, call.getRevive().getRolesList());
                offers.revive(frameworks.revive(framework.id(), roles), roles);
                allocate();
            }
            case SUPPRESS -> {
                Set<String> roles = roles(framework, call.getSuppress().getRolesList());
                offers.suppress(frameworks.suppress(framework.id(), roles), roles);
            }
            case KILL -> tasks.kill(framework, call.getKill());
            case ACKNOWLEDGE -> {
                if (call.getAcknowledge().getUuid().size() != 16) {
                    throw MesosHttpException.badRequest("Failed to validate scheduler::Call: Invalid UUID: "
                            + "'acknowledge.uuid' must be 16 bytes");
                }
                tasks.acknowledge(framework.id(), call.getAcknowledge());
            }
            case RECONCILE -> tasks.reconcile(framework, call.getReconcile());
            case MESSAGE -> LOG.debugf("Framework %s sent a message to executor %s on agent %s; command executors "
                    + "take no messages", framework.id(), call.getMessage().getExecutorId().getValue(),
                    call.getMessage().getAgentId().getValue());
            case SHUTDOWN, REQUEST, ACCEPT_INVERSE_OFFERS, DECLINE_INVERSE_OFFERS, ACKNOWLEDGE_OPERATION_STATUS,
                    RECONCILE_OPERATIONS ->
                LOG.debugf("Framework %s: %s has no effect here", framework.id(),
                        call.getType());
            case UPDATE_FRAMEWORK -> {
                throw new MesosHttpException(501, "UPDATE_FRAMEWORK is not implemented by this master yet");
            }
            default -> throw MesosHttpException.badRequest("Failed to validate scheduler::Call: unknown call type "
                    + call.getType());
        }
        return 202;
    }

    private void accept(Framework framework, Call.Accept accept) {
        AcceptPlan plan = offers.accept(framework, accept, id -> tasks.book().exists(framework.id(), id));
        tasks.refused(framework.id(), plan.refused());
        for (AcceptPlan.Launch launch : plan.launches()) {
            if (launch.isGroup()) {
                offers.groupLaunched(framework.id(), plan.agentId(), launch.role(), launch.executor(),
                        launch.tasks());
            }
            List<TaskBook.Change> lost = tasks.launch(framework, launch, plan.agentId());
            offers.tasksEnded(ended(lost));
        }
        allocate();
    }

    /** The framework's stream {@code streamId} ended: its offers go, and with no failover timeout, the framework. */
    public void disconnected(String frameworkId, String streamId) {
        frameworks.disconnected(frameworkId, streamId).ifPresent(framework -> {
            offers.frameworkDisconnected(frameworkId);
            events.publish(OperatorViews.frameworkUpdated(OperatorViews.framework(framework, null)));
            if (framework.info().getFailoverTimeout() <= 0) {
                teardown(frameworkId, "it disconnected without a failover timeout");
            }
            allocate();
        });
    }

    /** Tears down the frameworks whose failover timeout passed. */
    public void expireFailoverTimeouts(java.time.Instant now) {
        for (Framework framework : frameworks.failoverExpired(now)) {
            teardown(framework.id(), "its failover timeout of " + framework.info().getFailoverTimeout()
                    + "s passed");
        }
    }

    /** Removes a framework: its tasks are killed by their agents, its offers and allocations released. */
    public void teardown(String frameworkId, String why) {
        LOG.infof("Tearing down framework %s: %s", frameworkId, why);
        frameworks.remove(frameworkId).ifPresent(framework -> {
            tasks.removeFramework(frameworkId);
            offers.frameworkRemoved(frameworkId);
            events.publish(OperatorViews.frameworkRemoved(framework.info()));
        });
        allocate();
    }

    /** One allocation cycle over the registered agents. */
    public void allocate() {
        if (!kernel.recovered()) {
            return;
        }
        Map<String, Agent> byId = new HashMap<>();
        agents.agents().forEach(a -> byId.put(a.id(), a));
        offers.allocate(byId);
    }

    private static Set<String> roles(Framework framework, List<String> roles) {
        Set<String> asked = new HashSet<>(roles);
        for (String role : asked) {
            if (!framework.roles().contains(role)) {
                throw MesosHttpException.badRequest("Role '" + role + "' is not one of the framework's roles "
                        + framework.roles());
            }
        }
        return asked;
    }

    static List<Task> ended(List<TaskBook.Change> changes) {
        return changes.stream().map(TaskBook.Change::task).toList();
    }
}
