package dev.dcosnative.master.marathon.deployment.core;

import java.util.List;

import dev.dcosnative.master.marathon.instance.core.InstanceId;

/**
 * What a deployment action does now, given the app's {@link AppRunState}: add {@code launch} launches of the target
 * app to the launch queue, take {@code withdraw} queued launches back, kill the {@code kill} instances (set their
 * goal to {@code Decommissioned}, or {@code Stopped} for resident apps, and kill their tasks). {@code done}: the
 * action is complete, nothing is left to do. Decisions are recomputed from the state at every tick (an instance
 * change, a health or readiness result, a timer), so a decision that was not carried out is simply made again.
 */
public record StepDecision(int launch, int withdraw, List<InstanceId> kill, boolean done) {

    public static final StepDecision DONE = new StepDecision(0, 0, List.of(), true);

    public StepDecision {
        kill = List.copyOf(kill);
        if (launch < 0 || withdraw < 0) {
            throw new IllegalArgumentException("launch and withdraw must be >= 0");
        }
        if (done && (launch > 0 || withdraw > 0 || !kill.isEmpty())) {
            throw new IllegalArgumentException("a done action has nothing left to do");
        }
    }

    /** Nothing to do now; the action waits for the instances to change. */
    public boolean isWaiting() {
        return !done && launch == 0 && withdraw == 0 && kill.isEmpty();
    }
}
