package dev.dcosnative.master.marathon.deployment.core;

import java.util.List;

import dev.dcosnative.master.marathon.instance.core.Instance;
import dev.dcosnative.master.marathon.instance.core.InstanceId;

/**
 * The decisions of a {@code StopApplication}: withdraw every queued launch, kill every instance still wanted, and
 * be done once none is left (Marathon waits for the kills before it forgets the app).
 */
public final class StopDecision {

    private StopDecision() {
    }

    public static StepDecision decide(AppRunState state) {
        List<InstanceId> kill = state.instances().stream().filter(i -> i.goal() == Instance.Goal.Running)
                .map(Instance::id).toList();
        boolean leaving = state.instances().stream().anyMatch(Instances::isLeaving);
        if (kill.isEmpty() && !leaving && state.queued() == 0) {
            return StepDecision.DONE;
        }
        return new StepDecision(0, state.queued(), kill, false);
    }
}
