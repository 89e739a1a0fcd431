package dev.dcosnative.master.marathon.deployment;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.marathon.MarathonState;
import dev.dcosnative.master.marathon.deployment.core.ActionProgress;
import dev.dcosnative.master.marathon.deployment.core.AppChanges;
import dev.dcosnative.master.marathon.deployment.core.AppRunState;
import dev.dcosnative.master.marathon.deployment.core.DeploymentAction;
import dev.dcosnative.master.marathon.deployment.core.DeploymentPlan;
import dev.dcosnative.master.marathon.deployment.core.DeploymentPlanner;
import dev.dcosnative.master.marathon.deployment.core.DeploymentStep;
import dev.dcosnative.master.marathon.deployment.core.RootGroup;
import dev.dcosnative.master.marathon.deployment.core.ScaleDecision;
import dev.dcosnative.master.marathon.deployment.core.StepDecision;
import dev.dcosnative.master.marathon.event.EventBus;
import dev.dcosnative.master.marathon.instance.InstanceTracker;
import dev.dcosnative.master.marathon.instance.KillService;
import dev.dcosnative.master.marathon.instance.core.Condition;
import dev.dcosnative.master.marathon.instance.core.Instance;
import dev.dcosnative.master.marathon.instance.core.InstanceId;
import dev.dcosnative.master.marathon.launch.LaunchService;
import dev.dcosnative.master.marathon.store.MarathonStore;
import dev.dcosnative.master.marathon.store.StoredDeployment;
import dev.dcosnative.master.marathon.view.DeploymentViews;
import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.PathId;
import dev.dcosnative.shared.marathon.Timestamps;
import dev.dcosnative.shared.marathon.UnreachableStrategy;

/**
 * Runs deployments and keeps every other app at its instance count. Each running deployment is on one step; at every
 * tick (and whenever an instance of an app changes) each action of that step looks at its app and says what to do
 * now ({@link ActionProgress}): launches go to the {@link LaunchService}, kills to the {@link KillService}; when all
 * actions of the step are done the deployment moves on (the step is stored, so a restarted master resumes there) and
 * after the last step it succeeds and is forgotten. Apps that no deployment touches are scaled to their
 * {@code instances} the same way, so a task that ends is replaced. Instances of apps that no longer exist are killed;
 * instances on unreachable agents are replaced and forgotten as the app's {@code unreachableStrategy} says; instances
 * that do not start within {@code task_launch_timeout} are killed and replaced. Runs on the Marathon actor.
 */
@ApplicationScoped
public class DeploymentService {

    private static final Logger LOG = Logger.getLogger(DeploymentService.class);

    /** A deployment that is running, on step {@code step} (0-based) of its plan. */
    public static final class Running {
        private final DeploymentPlan plan;
        private final Map<PathId, List<InstanceId>> toKill;
        private final Instant startedAt;
        private int step;
        /** The actions of the current step that are not done yet, by app; null until the step is first looked at. */
        private Map<PathId, DeploymentAction> pending;

        private final Set<PathId> affected;

        Running(DeploymentPlan plan, Map<PathId, List<InstanceId>> toKill, Instant startedAt, int step) {
            this.plan = plan;
            this.affected = Set.copyOf(plan.affectedApps());
            this.toKill = toKill;
            this.startedAt = startedAt;
            this.step = step;
        }

        public DeploymentPlan plan() {
            return plan;
        }

        /** The plan's affected apps, computed once. */
        public Set<PathId> affected() {
            return affected;
        }

        /** The step being run, 0-based; equal to the number of steps once finished. */
        public int step() {
            return step;
        }

        public Optional<DeploymentStep> currentStep() {
            return step < plan.steps().size() ? Optional.of(plan.steps().get(step)) : Optional.empty();
        }
    }

    private final MarathonStore store;
    private final LaunchService launches;
    private final KillService kills;
    private final InstanceTracker tracker;
    private final ReadinessService readiness;
    private final EventBus events;
    private final MasterConfig.Marathon config;
    private final Clock clock;
    private final Map<String, Running> running = new LinkedHashMap<>();

    public DeploymentService(MarathonStore store, LaunchService launches, KillService kills,
            InstanceTracker tracker, ReadinessService readiness, EventBus events, MasterConfig config, Clock clock) {
        this.store = store;
        this.launches = launches;
        this.kills = kills;
        this.tracker = tracker;
        this.readiness = readiness;
        this.events = events;
        this.config = config.marathon();
        this.clock = clock;
    }

    /** The running deployments, oldest first. */
    public List<Running> running() {
        return List.copyOf(running.values());
    }

    public Optional<Running> get(String id) {
        return Optional.ofNullable(running.get(id));
    }

    /** The running deployments that touch any of these apps. */
    public List<Running> affecting(Set<PathId> apps) {
        return running.values().stream()
                .filter(r -> apps.stream().anyMatch(r.affected::contains))
                .toList();
    }

    /** The stored form of a new deployment, to write in the same batch as the change it deploys. */
    public StoredDeployment stored(DeploymentPlan plan, Map<PathId, List<InstanceId>> toKill, int step) {
        Set<PathId> affected = plan.affectedApps();
        Map<String, String> original = new TreeMap<>();
        plan.original().apps().forEach((id, app) -> {
            if (affected.contains(id)) {
                original.put(id.toString(), app.version());
            }
        });
        Map<String, String> target = new TreeMap<>();
        plan.target().apps().forEach((id, app) -> {
            if (affected.contains(id)) {
                target.put(id.toString(), app.version());
            }
        });
        Map<String, List<String>> kill = new TreeMap<>();
        toKill.forEach((app, ids) -> kill.put(app.toString(), ids.stream().map(InstanceId::value).toList()));
        return new StoredDeployment(plan.id(), plan.version(), original, target, kill, step,
                Timestamps.format(clock.instant()), "deployment");
    }

    /**
     * Starts a deployment whose change (and {@link #stored} form) has just been written. The deployments it
     * overrides ({@code force}) must have been {@linkplain #cancel cancelled} before.
     */
    public void started(MarathonState state, DeploymentPlan plan, Map<PathId, List<InstanceId>> toKill) {
        Running deployment = new Running(plan, toKill, clock.instant(), 0);
        running.put(plan.id(), deployment);
        for (PathId app : plan.affectedApps()) {
            if (!plan.original().apps().containsKey(app) || !plan.target().apps().containsKey(app)
                    || !AppChanges.configVersion(plan.original().apps().get(app))
                            .equals(AppChanges.configVersion(plan.target().apps().get(app)))) {
                launches.resetDelay(app);
            }
        }
        ObjectNode changed = events.event("group_change_success");
        changed.put("groupId", "/");
        changed.put("version", plan.version());
        events.publish(changed);
        publishInfo(deployment, "deployment_info");
        advance(state, deployment);
    }

    /** Resumes the deployments a previous leader left running. */
    public void resume(MarathonState state, List<StoredDeployment> stored) {
        running.clear();
        for (StoredDeployment deployment : stored) {
            try {
                Map<PathId, App> original = new TreeMap<>();
                deployment.original().forEach((id, version) -> store.appVersion(PathId.of(id), version)
                        .ifPresent(app -> original.put(PathId.of(id), app)));
                Map<PathId, App> target = new TreeMap<>();
                deployment.target().forEach((id, version) -> store.appVersion(PathId.of(id), version)
                        .ifPresent(app -> target.put(PathId.of(id), app)));
                Map<PathId, List<InstanceId>> toKill = new TreeMap<>();
                if (deployment.toKill() != null) {
                    deployment.toKill().forEach((id, ids) -> toKill.put(PathId.of(id),
                            ids.stream().map(InstanceId::new).toList()));
                }
                DeploymentPlan plan = DeploymentPlanner.plan(RootGroup.of(original), RootGroup.of(target),
                        deployment.id(), deployment.version(), toKill);
                Running resumed = new Running(plan, toKill,
                        Timestamps.parse(deployment.startedAt()).orElse(clock.instant()),
                        Math.min(deployment.currentStep(), plan.steps().size()));
                running.put(plan.id(), resumed);
                LOG.infof("Resuming deployment %s at step %d of %d", plan.id(), resumed.step + 1,
                        plan.steps().size());
            } catch (RuntimeException e) {
                LOG.errorf("Cannot resume deployment %s; dropping it: %s", deployment.id(), e.getMessage());
            }
        }
    }

    /**
     * Stops a running deployment where it is (its instances stay as they are). {@code batch} gets the removal of its
     * znode; the caller writes it, then calls {@link #cancelled}.
     */
    public void cancel(MarathonStore.Batch batch, String id) {
        batch.removeDeployment(id);
    }

    /** A cancelled deployment is gone: {@code deployment_failed}. */
    public void cancelled(String id) {
        Running deployment = running.remove(id);
        if (deployment != null) {
            LOG.infof("Deployment %s cancelled at step %d of %d", id, deployment.step + 1,
                    deployment.plan.steps().size());
            ObjectNode failed = events.event("deployment_failed");
            failed.put("id", id);
            failed.set("plan", DeploymentViews.plan(deployment.plan));
            events.publish(failed);
        }
    }

    /** An instance changed: the app it belongs to is looked at now rather than at the next tick. */
    public void instanceChanged(MarathonState state, InstanceTracker.Change change) {
        PathId app = change.before().appId();
        for (Running deployment : List.copyOf(running.values())) {
            if (deployment.affected.contains(app)) {
                advance(state, deployment, app);
                return;
            }
        }
        state.app(app).ifPresent(a -> scale(state, a));
    }

    /** The periodic round: deployments, scaling, orphans, kills, launch timeouts, unreachable instances. */
    public void tick(MarathonState state) {
        readiness.check(state, this);
        for (Running deployment : List.copyOf(running.values())) {
            advance(state, deployment);
        }
        Set<PathId> locked = lockedApps();
        for (App app : List.copyOf(state.apps().values())) {
            if (!locked.contains(PathId.of(app.id()))) {
                scale(state, app);
            }
        }
        killOrphans(state, locked);
        kills.retry(state);
        expireLaunches(state);
        handleUnreachable(state);
    }

    private Set<PathId> lockedApps() {
        Set<PathId> locked = new HashSet<>();
        running.values().forEach(r -> locked.addAll(r.affected));
        return locked;
    }

    /** Carries out the current step of a deployment as far as it goes now: every action is looked at. */
    void advance(MarathonState state, Running deployment) {
        advance(state, deployment, null);
    }

    /**
     * Carries out the current step: the action on {@code app} only (null: every action still pending), then, once no
     * action is pending, the following steps. So one instance change costs one decision, not one per app of a large
     * group deployment.
     */
    private void advance(MarathonState state, Running deployment, PathId app) {
        boolean first = true;
        while (deployment.step < deployment.plan.steps().size()) {
            DeploymentStep step = deployment.plan.steps().get(deployment.step);
            if (deployment.pending == null) {
                deployment.pending = new LinkedHashMap<>();
                step.actions().forEach(a -> deployment.pending.put(PathId.of(a.app().id()), a));
                first = false;
            }
            for (DeploymentAction action : List.copyOf(deployment.pending.values())) {
                PathId id = PathId.of(action.app().id());
                if (first && app != null && !id.equals(app)) {
                    continue;
                }
                StepDecision decision = ActionProgress.decide(action, runState(state, id));
                apply(state, action.app(), decision);
                if (decision.done()) {
                    deployment.pending.remove(id);
                }
            }
            if (!deployment.pending.isEmpty()) {
                return;
            }
            publishInfo(deployment, "deployment_step_success");
            deployment.step++;
            deployment.pending = null;
            first = false;
            if (deployment.step < deployment.plan.steps().size()) {
                store.write(store.batch().deployment(stored(deployment.plan, deployment.toKill, deployment.step)));
                publishInfo(deployment, "deployment_info");
            }
        }
        finish(state, deployment);
    }

    private void finish(MarathonState state, Running deployment) {
        store.write(store.batch().removeDeployment(deployment.plan.id()));
        running.remove(deployment.plan.id());
        for (PathId app : deployment.plan.affectedApps()) {
            if (!state.apps().containsKey(app)) {
                launches.forget(app);
                readiness.forget(app);
            }
        }
        LOG.infof("Deployment %s finished", deployment.plan.id());
        ObjectNode success = events.event("deployment_success");
        success.put("id", deployment.plan.id());
        success.set("plan", DeploymentViews.plan(deployment.plan));
        events.publish(success);
    }

    private void scale(MarathonState state, App app) {
        PathId id = PathId.of(app.id());
        AppRunState run = runState(state, id);
        apply(state, app, ScaleDecision.decide(app, app.instances(), List.of(), run));
    }

    /** What runs of an app: its instances that still count, readiness results, and its queued launches. */
    public AppRunState runState(MarathonState state, PathId app) {
        List<Instance> instances = state.instancesOf(app).stream()
                .filter(i -> i.condition() != Condition.UnreachableInactive)
                .toList();
        int queued = launches.entry(app).map(LaunchService.Entry::count).orElse(0);
        return new AppRunState(instances, readiness.ready(app), queued);
    }

    private void apply(MarathonState state, App target, StepDecision decision) {
        PathId id = PathId.of(target.id());
        int queued = launches.entry(id).map(LaunchService.Entry::count).orElse(0);
        int wanted = Math.max(0, queued + decision.launch() - decision.withdraw());
        if (wanted != queued || (wanted > 0 && launches.entry(id).map(e -> !e.app().equals(target)).orElse(true))) {
            launches.demand(target, wanted);
        }
        for (InstanceId kill : decision.kill()) {
            state.instance(kill).ifPresent(instance -> kills.kill(state, instance, Instance.Goal.Decommissioned));
        }
    }

    /** Instances of apps that exist nowhere and that no deployment is stopping are killed. */
    private void killOrphans(MarathonState state, Set<PathId> locked) {
        for (Instance instance : List.copyOf(state.instances())) {
            if (instance.goal() == Instance.Goal.Running && !state.apps().containsKey(instance.appId())
                    && !locked.contains(instance.appId())) {
                LOG.infof("Killing %s: its app %s no longer exists", instance.taskId(), instance.appId());
                kills.kill(state, instance, Instance.Goal.Decommissioned);
            }
        }
    }

    /** Instances that did not reach RUNNING within {@code task_launch_timeout} are killed (and replaced). */
    private void expireLaunches(MarathonState state) {
        Instant deadline = clock.instant().minus(config.taskLaunchTimeout());
        for (Instance instance : List.copyOf(state.instances())) {
            boolean launching = instance.condition() == Condition.Provisioned
                    || instance.condition() == Condition.Staging || instance.condition() == Condition.Starting;
            if (launching && instance.goal() == Instance.Goal.Running && instance.stagedAt() != null
                    && instance.stagedAt().isBefore(deadline)) {
                LOG.warnf("Task %s did not start within %s; killing it", instance.taskId(),
                        config.taskLaunchTimeout());
                kills.kill(state, instance, Instance.Goal.Decommissioned);
            }
        }
    }

    /**
     * Instances out of reach: after {@code inactiveAfterSeconds} they stop counting (a replacement is launched), after
     * {@code expungeAfterSeconds} they are forgotten. With the strategy disabled they are waited for.
     */
    private void handleUnreachable(MarathonState state) {
        Instant now = clock.instant();
        for (Instance instance : List.copyOf(state.instances())) {
            if (instance.condition() != Condition.Unreachable
                    && instance.condition() != Condition.UnreachableInactive) {
                continue;
            }
            UnreachableStrategy strategy = state.app(instance.appId()).map(App::unreachableStrategy)
                    .orElse(UnreachableStrategy.enabled(0, 0));
            if (strategy.disabled()) {
                continue;
            }
            Instant unreachableSince = unreachable.computeIfAbsent(instance.id(), k -> now);
            if (!unreachableSince.plusSeconds(strategy.expungeAfterSeconds()).isAfter(now)) {
                LOG.infof("Forgetting %s: unreachable for %ss", instance.taskId(), strategy.expungeAfterSeconds());
                tracker.expunge(state, instance);
                unreachable.remove(instance.id());
            } else if (instance.condition() == Condition.Unreachable
                    && !unreachableSince.plusSeconds(strategy.inactiveAfterSeconds()).isAfter(now)) {
                LOG.infof("Replacing %s: unreachable for %ss", instance.taskId(), strategy.inactiveAfterSeconds());
                tracker.inactive(state, instance);
            }
        }
        unreachable.keySet().removeIf(id -> state.instance(id).map(i -> i.condition() != Condition.Unreachable
                && i.condition() != Condition.UnreachableInactive).orElse(true));
    }

    private final Map<InstanceId, Instant> unreachable = new LinkedHashMap<>();

    private void publishInfo(Running deployment, String type) {
        ObjectNode event = events.event(type);
        event.set("plan", DeploymentViews.plan(deployment.plan));
        deployment.currentStep().ifPresentOrElse(
                step -> event.set("currentStep", DeploymentViews.step(step)),
                () -> event.set("currentStep", DeploymentViews.step(
                        deployment.plan.steps().get(deployment.plan.steps().size() - 1))));
        events.publish(event);
    }

    /** Forgets the running deployments (Marathon stopped; the next leader resumes them from the store). */
    public void reset() {
        running.clear();
        unreachable.clear();
        readiness.reset();
        kills.reset();
    }

    /** The number of running deployments, for the {@code max_running_deployments} limit. */
    public int count() {
        return running.size();
    }

    /** All ids, for messages. */
    public List<String> ids() {
        return new ArrayList<>(running.keySet());
    }
}
