package dev.dcosnative.master.marathon;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.marathon.deployment.DeploymentService;
import dev.dcosnative.master.marathon.event.EventBus;
import dev.dcosnative.master.marathon.instance.InstanceTracker;
import dev.dcosnative.master.marathon.instance.core.Condition;
import dev.dcosnative.master.marathon.instance.core.Instance;
import dev.dcosnative.master.marathon.instance.core.InstanceId;
import dev.dcosnative.master.marathon.launch.LaunchService;
import dev.dcosnative.master.marathon.rest.MarathonApiException;
import dev.dcosnative.master.marathon.scheduler.MarathonFramework;
import dev.dcosnative.master.marathon.store.MarathonStore;
import dev.dcosnative.master.mesos.KernelLeadership;
import dev.dcosnative.shared.marathon.PathId;

/**
 * Marathon inside the master: it runs while this master's kernel leads. On start it loads its state from ZooKeeper,
 * subscribes as a framework (failing over to its framework id), reconciles its tasks and resumes its deployments; then
 * it ticks every second: deployments advance, apps outside deployments are kept at their instance count (a task that
 * ended is replaced, after the app's backoff), kills are retried, tasks stuck in launch are replaced. On stop it
 * forgets everything (the next leader loads it again). All of it runs on the {@link MarathonActor}.
 */
@ApplicationScoped
public class Marathon implements MarathonFramework.Handler {

    private static final Logger LOG = Logger.getLogger(Marathon.class);

    private final MarathonActor actor;
    private final MarathonStore store;
    private final MarathonFramework framework;
    private final InstanceTracker tracker;
    private final LaunchService launches;
    private final DeploymentService deployments;
    private final EventBus events;
    private final MasterConfig.Marathon config;
    private final Clock clock;
    private final Vertx vertx;
    private final MarathonState state = new MarathonState();
    private volatile boolean ready;
    private long timer = -1;
    private Instant lastReconcile = Instant.MIN;

    public Marathon(MarathonActor actor, MarathonStore store, MarathonFramework framework, InstanceTracker tracker,
            LaunchService launches, DeploymentService deployments, EventBus events, MasterConfig config, Clock clock,
            Vertx vertx) {
        this.actor = actor;
        this.store = store;
        this.framework = framework;
        this.tracker = tracker;
        this.launches = launches;
        this.deployments = deployments;
        this.events = events;
        this.config = config.marathon();
        this.clock = clock;
        this.vertx = vertx;
    }

    void leadership(@Observes KernelLeadership leadership) {
        if (!config.enabled()) {
            return;
        }
        actor.tell(leadership.leading() ? this::start : this::stop);
    }

    /** True while Marathon runs on this master and has loaded its state. */
    public boolean ready() {
        return ready;
    }

    /** The framework id; on the actor only. */
    public Optional<String> frameworkIdNow() {
        return state.frameworkId();
    }

    /** The state itself; on the actor only. */
    MarathonState stateNow() {
        return state;
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** Runs {@code work} on the actor with the state; 503 when Marathon is not running here. */
    public <T> Uni<T> ask(Function<MarathonState, T> work) {
        return actor.ask(() -> {
            if (!ready) {
                throw MarathonApiException.unavailable("Marathon has not finished loading its state");
            }
            return work.apply(state);
        });
    }

    private void start() {
        if (ready) {
            return;
        }
        try {
            MarathonStore.Snapshot snapshot = store.load();
            state.clear();
            snapshot.frameworkId().ifPresent(state::frameworkId);
            state.apps().putAll(snapshot.apps());
            state.groups().putAll(snapshot.groups());
            snapshot.instances().values().forEach(state::put);
            deployments.resume(state, snapshot.deployments());
            LOG.infof("Marathon loaded %d apps, %d groups, %d instances and %d deployments", state.apps().size(),
                    state.groups().size(), snapshot.instances().size(), snapshot.deployments().size());
        } catch (RuntimeException e) {
            LOG.errorf("Marathon cannot load its state, retrying in 1s: %s", e.getMessage());
            vertx.setTimer(1000, id -> actor.tell(this::start));
            return;
        }
        ready = true;
        lastReconcile = Instant.MIN;
        framework.start(state.frameworkId(), this);
        timer = vertx.setPeriodic(1000, id -> actor.tell(this::tick));
    }

    private void stop() {
        if (!ready) {
            return;
        }
        ready = false;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        framework.stop();
        deployments.reset();
        launches.reset();
        tracker.reset();
        events.detachAll();
        state.clear();
        LOG.info("Marathon stopped: this master no longer leads");
    }

    /** Runs one round of Marathon's periodic work now (also after changes that should not wait for the timer). */
    public void tick() {
        if (!ready) {
            return;
        }
        try {
            deployments.tick(state);
            launches.tick(state);
            Instant now = clock.instant();
            if (framework.connected()
                    && !lastReconcile.plus(config.reconciliationInterval()).isAfter(now)) {
                lastReconcile = now;
                framework.reconcile(List.of());
            }
        } catch (RuntimeException e) {
            LOG.error("Marathon's periodic work failed; it runs again in a second", e);
        }
    }

    // ------------------------------------------------------------------------------------------- framework events

    @Override
    public void subscribed(String frameworkId) {
        if (!frameworkId.equals(state.frameworkId().orElse(null))) {
            store.write(store.batch().frameworkId(frameworkId));
            state.frameworkId(frameworkId);
        }
        List<Call.Reconcile.Task> known = new ArrayList<>();
        for (Instance instance : state.instances()) {
            Call.Reconcile.Task.Builder task = Call.Reconcile.Task.newBuilder()
                    .setTaskId(TaskID.newBuilder().setValue(instance.taskId()));
            task.getAgentIdBuilder().setValue(instance.agent().agentId());
            known.add(task.build());
        }
        if (!known.isEmpty()) {
            framework.reconcile(known);
        }
        framework.reconcile(List.of());
        lastReconcile = clock.instant();
        framework.revive();
    }

    @Override
    public void offers(List<Offer> offers) {
        if (!ready) {
            offers.forEach(o -> framework.decline(List.of(o.getId()), 1));
            return;
        }
        launches.offers(state, offers);
    }

    @Override
    public void rescinded(String offerId) {
        LOG.debugf("Offer %s rescinded", offerId);
    }

    @Override
    public void update(TaskStatus status) {
        if (!ready) {
            return;
        }
        Optional<InstanceTracker.Change> change = tracker.update(state, status);
        if (change.isEmpty()) {
            unknownTask(status);
            return;
        }
        InstanceTracker.Change c = change.get();
        if (c.unexpected()) {
            state.app(c.before().appId()).ifPresent(launches::failed);
            Instance failed = c.before();
            if (status.hasHealthy() && !status.getHealthy()) {
                ObjectNode killed = events.event("unhealthy_instance_kill_event");
                killed.put("appId", failed.appId().toString());
                killed.put("taskId", status.getTaskId().getValue());
                killed.put("instanceId", failed.id().value());
                killed.put("version", failed.appVersion());
                killed.put("reason", status.getMessage());
                killed.put("host", failed.agent().hostname());
                killed.put("slaveId", failed.agent().agentId());
                events.publish(killed);
            }
            state.failed(new MarathonState.TaskFailure(failed.appId(), status.getTaskId().getValue(),
                    status.getState().name(), status.getMessage(), failed.agent().hostname(),
                    failed.agent().agentId(), failed.appVersion(), clock.instant()));
        }
        deployments.instanceChanged(state, c);
    }

    /** A task Marathon does not know (or an old incarnation): kill it unless it is over already. */
    private void unknownTask(TaskStatus status) {
        TaskState taskState = status.getState();
        boolean over = switch (taskState) {
            case TASK_FINISHED, TASK_FAILED, TASK_KILLED, TASK_ERROR, TASK_LOST, TASK_DROPPED, TASK_GONE,
                    TASK_GONE_BY_OPERATOR, TASK_UNKNOWN ->
                true;
            default -> false;
        };
        if (over) {
            InstanceId instance = InstanceId.ofTaskId(status.getTaskId().getValue());
            if (instance != null) {
                ObjectNode event = events.event("unknown_instance_terminated_event");
                event.put("instanceId", instance.value());
                event.put("runSpecId", instance.appId().toString());
                event.put("condition", Condition.of(taskState).name());
                events.publish(event);
            }
            return;
        }
        InstanceId instance = InstanceId.ofTaskId(status.getTaskId().getValue());
        PathId app = instance == null ? null : instance.appId();
        LOG.infof("Killing task %s of %s: Marathon does not know it", status.getTaskId().getValue(),
                app == null ? "no app" : app);
        framework.kill(status.getTaskId().getValue(), status.getAgentId().getValue());
    }
}
