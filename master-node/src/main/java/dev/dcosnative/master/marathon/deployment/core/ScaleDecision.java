package dev.dcosnative.master.marathon.deployment.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.dcosnative.master.marathon.deployment.core.DeploymentAction.ScaleApplication;
import dev.dcosnative.master.marathon.instance.core.Instance;
import dev.dcosnative.master.marathon.instance.core.InstanceId;
import dev.dcosnative.master.marathon.launch.core.Constraints;
import dev.dcosnative.shared.marathon.App;

/**
 * The decisions of a {@code ScaleApplication} (Marathon's {@code ScalingProposition} with {@code TaskStartActor}):
 * bring the app to {@code scaleTo} live instances.
 * <ul>
 * <li>The instances {@code sentencedToDeath} are killed whatever the count, and replaced if the count needs
 * them.</li>
 * <li>Surplus: queued launches are withdrawn first, then live instances are killed in kill order: those that do not
 * serve and are not coming up (unreachable, killing, ended), then running ones reported unhealthy, then staging,
 * then starting, then running ones; among equals by {@code killSelection} (youngest first by default).</li>
 * <li>Shortfall: the missing instances are launched (queued launches count as instances).</li>
 * <li>Done when no instance is leaving, nothing is queued, exactly {@code scaleTo} instances are live, and those
 * launched for this version of the app are running, healthy and ready (instances that ran before the change are
 * not waited for).</li>
 * </ul>
 */
public final class ScaleDecision {

    private ScaleDecision() {
    }

    public static StepDecision decide(ScaleApplication action, AppRunState state) {
        return decide(action.app(), action.scaleTo(), action.sentencedToDeath(), state);
    }

    public static StepDecision decide(App target, int scaleTo, List<InstanceId> sentencedToDeath,
            AppRunState state) {
        Set<InstanceId> sentenced = new HashSet<>(sentencedToDeath);
        List<InstanceId> kill = new ArrayList<>();
        List<Instance> rest = new ArrayList<>();
        for (Instance instance : state.instances()) {
            if (!Instances.isLive(instance)) {
                continue;
            }
            if (sentenced.contains(instance.id())) {
                kill.add(instance.id());
            } else {
                rest.add(instance);
            }
        }
        int excess = rest.size() + state.queued() - scaleTo;
        int withdraw = Math.min(Math.max(0, excess), state.queued());
        kill.addAll(toKill(target, rest, Math.max(0, excess - withdraw)));
        int launch = Math.max(0, -excess);
        if (launch > 0 || withdraw > 0 || !kill.isEmpty()) {
            return new StepDecision(launch, withdraw, kill, false);
        }
        return isDone(target, scaleTo, state) ? StepDecision.DONE : new StepDecision(0, 0, List.of(), false);
    }

    /**
     * Which {@code count} of {@code running} a scale-down kills: first those that keep the app's GROUP_BY constraints
     * balanced (upstream's {@code killToMeetConstraints}), then the rest in the {@code killSelection} order.
     */
    private static List<InstanceId> toKill(App target, List<Instance> running, int count) {
        if (count == 0) {
            return List.of();
        }
        List<Instance> ordered = running.stream().sorted(Instances.killOrder(target)).toList();
        Set<Instance> chosen = new LinkedHashSet<>(Constraints.selectInstancesToKill(target.constraints(), ordered,
                count));
        for (Instance instance : ordered) {
            if (chosen.size() >= count) {
                break;
            }
            chosen.add(instance);
        }
        return chosen.stream().map(Instance::id).toList();
    }

    private static boolean isDone(App target, int scaleTo, AppRunState state) {
        int live = 0;
        for (Instance instance : state.instances()) {
            if (Instances.isLeaving(instance)) {
                return false;
            }
            if (Instances.isLive(instance)) {
                live++;
                boolean launchedForThisVersion = Objects.equals(instance.appVersion(), target.version());
                if (launchedForThisVersion && !Instances.isHealthy(instance, target, state.ready(), true)) {
                    return false;
                }
            }
        }
        return state.queued() == 0 && live == scaleTo;
    }
}
