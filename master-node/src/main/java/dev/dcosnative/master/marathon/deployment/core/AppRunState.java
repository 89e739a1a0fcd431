package dev.dcosnative.master.marathon.deployment.core;

import java.util.List;
import java.util.Set;

import dev.dcosnative.master.marathon.instance.core.Instance;
import dev.dcosnative.master.marathon.instance.core.InstanceId;

/**
 * What runs of one app right now, as a deployment action sees it at each tick.
 * <ul>
 * <li>{@code instances}: the app's instances as the instance tracker holds them. An instance whose task ended while
 * its goal is still {@code Running} waits to be relaunched in place and counts as one of the app's instances; one
 * whose goal is {@code Stopped} or {@code Decommissioned} is on its way out until its task is over (or out of
 * reach).</li>
 * <li>{@code ready}: the instances whose readiness checks all passed (consulted only for apps with readiness
 * checks).</li>
 * <li>{@code queued}: launches of the app waiting in the launch queue, not yet instances.</li>
 * </ul>
 */
public record AppRunState(List<Instance> instances, Set<InstanceId> ready, int queued) {

    public AppRunState {
        instances = List.copyOf(instances);
        ready = Set.copyOf(ready);
        if (queued < 0) {
            throw new IllegalArgumentException("queued must be >= 0 but is " + queued);
        }
    }

    /** Instances without readiness results and an empty launch queue. */
    public static AppRunState of(List<Instance> instances) {
        return new AppRunState(instances, Set.of(), 0);
    }
}
