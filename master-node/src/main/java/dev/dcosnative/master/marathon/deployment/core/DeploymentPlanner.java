package dev.dcosnative.master.marathon.deployment.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.dcosnative.master.marathon.deployment.core.DeploymentAction.RestartApplication;
import dev.dcosnative.master.marathon.deployment.core.DeploymentAction.ScaleApplication;
import dev.dcosnative.master.marathon.deployment.core.DeploymentAction.StartApplication;
import dev.dcosnative.master.marathon.deployment.core.DeploymentAction.StopApplication;
import dev.dcosnative.master.marathon.instance.core.InstanceId;
import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.PathId;

/**
 * Computes deployment plans, as Marathon's {@code DeploymentPlan.apply} does, and the plans that roll one back.
 *
 * <p>
 * The steps of a plan, empty ones left out:
 * <ol>
 * <li>stop the removed apps: dependent apps before the apps they depend on (the order {@code deployments.md}
 * documents; apps that do not depend on each other share a step, so without dependencies this is Marathon's single
 * stop step);</li>
 * <li>start every new app, with no instance yet;</li>
 * <li>then, layer by layer of the target's dependency graph (an app comes after every app it depends on; apps whose
 * longest dependency chain has the same length share a step): scale new apps to their instance count, scale apps
 * whose instance count alone changed (killing the instances named for them first), restart apps whose definition
 * changed or that were marked for restart (see {@link AppChanges}).</li>
 * </ol>
 * An app whose definition did not change, or changed only in its version, gets no action.
 */
public final class DeploymentPlanner {

    private DeploymentPlanner() {
    }

    /** The plan from {@code original} to {@code target}. */
    public static DeploymentPlan plan(RootGroup original, RootGroup target, String id, String version) {
        return plan(original, target, id, version, Map.of());
    }

    /**
     * The plan from {@code original} to {@code target}; {@code toKill} names, per app, instances a scale-down must
     * kill ({@code DELETE /v2/apps/{id}/tasks?scale=true}).
     */
    public static DeploymentPlan plan(RootGroup original, RootGroup target, String id, String version,
            Map<PathId, List<InstanceId>> toKill) {
        List<DeploymentStep> steps = new ArrayList<>(stopSteps(original, target));
        steps.add(startStep(original, target));
        steps.addAll(dependencyOrderedSteps(original, target, toKill));
        return new DeploymentPlan(id, version, original, target,
                steps.stream().filter(s -> !s.isEmpty()).toList());
    }

    /**
     * The apps and group dependencies that undo {@code plan} on {@code current} (Marathon's
     * {@code DeploymentPlanReverter}): every app the plan changed gets its original definition back, or is removed
     * if the plan added it, whatever happened to it meanwhile (apps are locked while their deployment runs, so only
     * a forced change can have touched them); apps the plan did not change stay as they are now, with the changes
     * other deployments made to them. Dependencies the plan added to a group are removed and those it removed come
     * back. The caller stamps new versions on the reverted apps as for any update.
     */
    public static RootGroup revert(DeploymentPlan plan, RootGroup current) {
        Map<PathId, App> apps = new TreeMap<>(current.apps());
        Set<PathId> ids = new TreeSet<>(plan.original().apps().keySet());
        ids.addAll(plan.target().apps().keySet());
        for (PathId appId : ids) {
            App before = plan.original().apps().get(appId);
            App after = plan.target().apps().get(appId);
            if (Objects.equals(before, after)) {
                continue;
            }
            if (before != null) {
                apps.put(appId, before);
            } else {
                apps.remove(appId);
            }
        }
        return new RootGroup(apps, revertGroupDependencies(plan, current));
    }

    /**
     * The plan {@code DELETE /v2/deployments/{id}} starts (without {@code force}): from the apps as they run now to
     * the {@linkplain #revert reverted} ones. The caller cancels {@code plan} first.
     */
    public static DeploymentPlan rollback(DeploymentPlan plan, RootGroup current, String id, String version) {
        return plan(current, revert(plan, current), id, version);
    }

    private static List<DeploymentStep> stopSteps(RootGroup original, RootGroup target) {
        DependencyGraph graph = DependencyGraph.of(original);
        TreeMap<Integer, List<DeploymentAction>> byDepth = new TreeMap<>();
        for (Map.Entry<PathId, App> entry : original.apps().entrySet()) {
            if (!target.apps().containsKey(entry.getKey())) {
                byDepth.computeIfAbsent(graph.depth(entry.getKey()), d -> new ArrayList<>())
                        .add(new StopApplication(entry.getValue()));
            }
        }
        return byDepth.descendingMap().values().stream().map(DeploymentStep::new).toList();
    }

    private static DeploymentStep startStep(RootGroup original, RootGroup target) {
        List<DeploymentAction> starts = new ArrayList<>();
        target.apps().forEach((appId, app) -> {
            if (!original.apps().containsKey(appId)) {
                starts.add(new StartApplication(app));
            }
        });
        return new DeploymentStep(starts);
    }

    private static List<DeploymentStep> dependencyOrderedSteps(RootGroup original, RootGroup target,
            Map<PathId, List<InstanceId>> toKill) {
        DependencyGraph graph = DependencyGraph.of(target);
        TreeMap<Integer, List<DeploymentAction>> byDepth = new TreeMap<>();
        target.apps().forEach((appId, app) -> {
            DeploymentAction action = actionFor(original.apps().get(appId), app, toKill.get(appId));
            if (action != null) {
                byDepth.computeIfAbsent(graph.depth(appId), d -> new ArrayList<>()).add(action);
            }
        });
        return byDepth.values().stream().map(DeploymentStep::new).toList();
    }

    private static DeploymentAction actionFor(App before, App after, List<InstanceId> toKill) {
        if (before == null) {
            return new ScaleApplication(after, instances(after));
        }
        if (before.equals(after)) {
            return null;
        }
        if (AppChanges.isOnlyScaleChange(before, after)) {
            return new ScaleApplication(after, instances(after), toKill == null ? List.of() : toKill);
        }
        if (AppChanges.needsRestart(before, after)) {
            return new RestartApplication(after);
        }
        return null;
    }

    static int instances(App app) {
        return app.instances() == null ? 1 : app.instances();
    }

    private static Map<PathId, List<PathId>> revertGroupDependencies(DeploymentPlan plan, RootGroup current) {
        Map<PathId, List<PathId>> reverted = new TreeMap<>(current.groupDependencies());
        Set<PathId> groups = new TreeSet<>(plan.original().groupDependencies().keySet());
        groups.addAll(plan.target().groupDependencies().keySet());
        for (PathId group : groups) {
            List<PathId> before = plan.original().groupDependencies().getOrDefault(group, List.of());
            List<PathId> after = plan.target().groupDependencies().getOrDefault(group, List.of());
            Set<PathId> dependencies = new LinkedHashSet<>(current.groupDependencies().getOrDefault(group, List.of()));
            before.stream().filter(d -> !after.contains(d)).forEach(dependencies::add);
            after.stream().filter(d -> !before.contains(d)).forEach(dependencies::remove);
            if (dependencies.isEmpty()) {
                reverted.remove(group);
            } else {
                reverted.put(group, List.copyOf(dependencies));
            }
        }
        return reverted;
    }
}
