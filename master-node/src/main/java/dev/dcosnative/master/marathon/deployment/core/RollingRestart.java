package dev.dcosnative.master.marathon.deployment.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import dev.dcosnative.master.marathon.instance.core.Instance;
import dev.dcosnative.master.marathon.instance.core.InstanceId;
import dev.dcosnative.shared.marathon.App;

/**
 * The decisions of a {@code RestartApplication} (Marathon's {@code TaskReplaceActor}): replace every instance of an
 * older configuration (its {@code configVersion} differs from the target's {@link AppChanges#configVersion}) by an
 * instance of the target, ending with exactly N = {@code instances} new instances, healthy and ready, and no old one.
 *
 * <p>
 * Each call looks at the app as it is and says what to do now, within the {@link UpgradeBounds} (a healthy floor of
 * ceil(N × minimumHealthCapacity), a capacity ceiling of N + floor(N × maximumOverCapacity), with Marathon's one
 * instance of slack when the two meet):
 * <ul>
 * <li><b>kill</b> old instances that do not serve (not running, or reported unhealthy: they add nothing to the
 * healthy count), and serving old ones as long as the healthy count (old ones running and not reported unhealthy +
 * new ones running, healthy and ready) stays at or above the floor. So minimumHealthCapacity 0 kills every old
 * instance at once, 1 kills one old instance for each new one that becomes healthy and ready, and an app that starts
 * below the floor loses no healthy instance until it is back above it;</li>
 * <li><b>launch</b> new instances up to N, as long as the instances that take room (live, leaving, queued) stay
 * within the ceiling. With minimumHealthCapacity 1 and maximumOverCapacity 1, all N new instances start side by side
 * with the old ones;</li>
 * <li>is <b>done</b> when no old instance is left (killed ones gone), the launch queue is empty and exactly N new
 * instances are live, all healthy and ready.</li>
 * </ul>
 * An old instance is judged by what is known of it: it ran the old configuration, whose health checks may differ,
 * so it counts as healthy unless reported unhealthy. A new one must prove itself: running, reported healthy when the
 * target has health checks, ready when it has readiness checks. Old instances are picked not serving first, then in
 * the app's {@code killSelection} order. When more new instances run or are queued than the target wants (a restart
 * that also scales down), queued launches are withdrawn and the surplus killed. A target of 0 instances kills every
 * old instance and is done when they are gone.
 */
public final class RollingRestart {

    private RollingRestart() {
    }

    public static StepDecision decide(App target, AppRunState state) {
        int n = DeploymentPlanner.instances(target);
        UpgradeBounds bounds = UpgradeBounds.of(target);
        String configVersion = AppChanges.configVersion(target);

        List<Instance> oldToStop = new ArrayList<>();
        List<Instance> newLive = new ArrayList<>();
        int healthy = 0;
        int occupying = 0;
        boolean leaving = false;
        for (Instance instance : state.instances()) {
            boolean isNew = Objects.equals(instance.configVersion(), configVersion);
            if (Instances.isOccupying(instance)) {
                occupying++;
            }
            leaving |= Instances.isLeaving(instance);
            if (counts(instance, isNew, target, state)) {
                healthy++;
            }
            if (!isNew && instance.goal() == Instance.Goal.Running) {
                oldToStop.add(instance);
            } else if (isNew && Instances.isLive(instance)) {
                newLive.add(instance);
            }
        }

        int newHealthy = (int) newLive.stream().filter(i -> counts(i, true, target, state)).count();
        if (oldToStop.isEmpty() && !leaving && state.queued() == 0 && newLive.size() == n && newHealthy == n) {
            return StepDecision.DONE;
        }

        int killBudget = Math.max(0, healthy - bounds.healthyFloor());
        List<InstanceId> kill = new ArrayList<>();

        int surplus = newLive.size() + state.queued() - n;
        int withdraw = Math.min(Math.max(0, surplus), state.queued());
        int newKept = newLive.size();
        if (surplus > withdraw) {
            Selection surplusKills = select(newLive, surplus - withdraw, killBudget, target, state, true);
            kill.addAll(surplusKills.ids());
            killBudget -= surplusKills.healthyKilled();
            newKept -= surplusKills.ids().size();
        }
        Selection oldKills = select(oldToStop, oldToStop.size(), killBudget, target, state, false);
        kill.addAll(oldKills.ids());

        int queued = state.queued() - withdraw;
        int missing = Math.max(0, n - newKept - queued);
        int room = Math.max(0, bounds.capacityCeiling() - occupying - queued);
        return new StepDecision(Math.min(missing, room), withdraw, kill, false);
    }

    /** The instance adds to the healthy count: see the class comment for old and new ones. */
    private static boolean counts(Instance instance, boolean isNew, App target, AppRunState state) {
        if (isNew) {
            return Instances.isHealthy(instance, target, state.ready(), true);
        }
        return Instances.isLive(instance) && instance.isRunning() && !Boolean.FALSE.equals(instance.healthy());
    }

    /**
     * Up to {@code count} of {@code candidates} to kill: those that are not healthy first (free), then healthy ones
     * in kill order while {@code budget} lasts.
     */
    private static Selection select(List<Instance> candidates, int count, int budget, App target,
            AppRunState state, boolean areNew) {
        Comparator<Instance> order = Comparator
                .<Instance, Boolean> comparing(i -> counts(i, areNew, target, state))
                .thenComparing(Instances.killOrder(target));
        List<InstanceId> ids = new ArrayList<>();
        int healthyKilled = 0;
        for (Instance candidate : candidates.stream().sorted(order).toList()) {
            if (ids.size() == count) {
                break;
            }
            if (counts(candidate, areNew, target, state)) {
                if (healthyKilled == budget) {
                    break;
                }
                healthyKilled++;
            }
            ids.add(candidate.id());
        }
        return new Selection(ids, healthyKilled);
    }

    private record Selection(List<InstanceId> ids, int healthyKilled) {
    }
}
