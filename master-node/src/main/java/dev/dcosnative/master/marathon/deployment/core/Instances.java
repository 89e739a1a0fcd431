package dev.dcosnative.master.marathon.deployment.core;

import java.time.Instant;
import java.util.Comparator;
import java.util.Set;

import dev.dcosnative.master.marathon.instance.core.Condition;
import dev.dcosnative.master.marathon.instance.core.Instance;
import dev.dcosnative.master.marathon.instance.core.InstanceId;
import dev.dcosnative.shared.marathon.App;

/** How the deployment actions read an instance's condition, goal and health. */
final class Instances {

    private Instances() {
    }

    /** Holds nothing and will not come back: its task is over, or out of reach, and it is not wanted any more. */
    static boolean isGone(Instance instance) {
        return instance.goal() != Instance.Goal.Running && (instance.condition().isTerminal()
                || instance.condition() == Condition.Unreachable
                || instance.condition() == Condition.UnreachableInactive);
    }

    /**
     * One of the app's instances: its goal is {@code Running} (a task that ended is relaunched in place). An
     * instance unreachable for so long that Marathon replaces it ({@code UnreachableInactive}) no longer counts.
     */
    static boolean isLive(Instance instance) {
        return instance.goal() == Instance.Goal.Running && instance.condition() != Condition.UnreachableInactive;
    }

    /** Being stopped: its goal is no longer {@code Running} but its task is not over yet. */
    static boolean isLeaving(Instance instance) {
        return instance.goal() != Instance.Goal.Running && !isGone(instance);
    }

    /** Takes room on the cluster for the capacity limit: live or leaving. */
    static boolean isOccupying(Instance instance) {
        return isLive(instance) || isLeaving(instance);
    }

    static boolean hasHealthChecks(App app) {
        return app.healthChecks() != null && !app.healthChecks().isEmpty();
    }

    static boolean hasReadinessChecks(App app) {
        return app.readinessChecks() != null && !app.readinessChecks().isEmpty();
    }

    /**
     * Live, running and, when the app has health checks, reported healthy (an unknown health is not healthy). With
     * {@code checkReadiness}, also ready when the app has readiness checks (new instances of a deployment).
     */
    static boolean isHealthy(Instance instance, App app, Set<InstanceId> ready, boolean checkReadiness) {
        return isLive(instance)
                && instance.isHealthy(hasHealthChecks(app))
                && (!checkReadiness || !hasReadinessChecks(app) || ready.contains(instance.id()));
    }

    /**
     * The order in which instances are picked for killing (Marathon's {@code ScalingProposition}): first those that
     * do not serve and are not coming up (unreachable, killing, ended), then running ones reported unhealthy, then
     * staging, then starting, then running ones. Among equals, {@code killSelection} decides: the youngest
     * (latest started, or staged while staging) first by default, the oldest first with {@code OLDEST_FIRST}.
     */
    static Comparator<Instance> killOrder(App app) {
        boolean healthChecked = hasHealthChecks(app);
        boolean oldestFirst = app.killSelection() == App.KillSelection.OLDEST_FIRST;
        Comparator<Instant> byAge = Comparator.nullsFirst(Comparator.<Instant> naturalOrder());
        Comparator<Instant> selection = oldestFirst ? byAge : Comparator.nullsFirst(byAge.reversed());
        return Comparator.<Instance> comparingInt(i -> rank(i, healthChecked))
                .thenComparing(Instances::sinceForKillSelection, selection)
                .thenComparing(Instance::stagedAt, selection)
                .thenComparing(Instance::id);
    }

    private static int rank(Instance instance, boolean healthChecked) {
        return switch (instance.condition()) {
            case Unreachable, UnreachableInactive, Killing, Killed, Failed, Finished, Error, Gone, Dropped,
                    Unknown ->
                0;
            case Running -> healthChecked && Boolean.FALSE.equals(instance.healthy()) ? 1 : 4;
            case Provisioned, Staging -> 2;
            case Starting -> 3;
        };
    }

    private static Instant sinceForKillSelection(Instance instance) {
        return switch (instance.condition()) {
            case Provisioned, Staging -> instance.stagedAt();
            default -> instance.startedAt() != null ? instance.startedAt() : instance.stagedAt();
        };
    }
}
