package dev.dcosnative.master.marathon.deployment.core;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.dcosnative.shared.marathon.PathId;

/**
 * A deployment: the steps that take the apps from {@code original} to {@code target}, run one after the other
 * (Marathon's {@code DeploymentPlan}). {@code id} is a UUID, {@code version} the target root version (a Marathon
 * timestamp); both are what {@code {"deploymentId":..,"version":..}} answers. Built by {@link DeploymentPlanner}.
 */
public record DeploymentPlan(String id, String version, RootGroup original, RootGroup target,
        List<DeploymentStep> steps) {

    public DeploymentPlan {
        steps = List.copyOf(steps);
    }

    /** The ids of the apps some action of the plan touches ({@code affectedApps}), sorted. */
    public Set<PathId> affectedApps() {
        Set<PathId> ids = new TreeSet<>();
        for (DeploymentStep step : steps) {
            for (DeploymentAction action : step.actions()) {
                ids.add(action.appId());
            }
        }
        return Collections.unmodifiableSet(ids);
    }

    /** Nothing to do: the target runs as the original does. */
    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /**
     * The two plans touch a common app, so they cannot run side by side: the later one is refused with 409 unless
     * forced, which cancels this one (Marathon's {@code isAffectedBy}).
     */
    public boolean isAffectedBy(DeploymentPlan other) {
        Set<PathId> mine = affectedApps();
        return other.affectedApps().stream().anyMatch(mine::contains);
    }

    /** The plans among {@code running} this plan conflicts with (for the 409 body's {@code deployments}). */
    public List<DeploymentPlan> conflictsAmong(Collection<DeploymentPlan> running) {
        return running.stream().filter(p -> !p.id().equals(id) && isAffectedBy(p)).toList();
    }
}
