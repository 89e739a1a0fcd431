package dev.dcosnative.master.marathon.deployment.core;

import dev.dcosnative.master.marathon.deployment.core.DeploymentAction.RestartApplication;
import dev.dcosnative.master.marathon.deployment.core.DeploymentAction.ScaleApplication;
import dev.dcosnative.master.marathon.deployment.core.DeploymentAction.StartApplication;
import dev.dcosnative.master.marathon.deployment.core.DeploymentAction.StopApplication;

/**
 * What any deployment action does next, for the service that runs a step: it calls this for each action of the
 * current step whenever the action's app changes (or on a timer), carries the decision out, and moves on to the next
 * step once every action is {@linkplain StepDecision#done() done}.
 */
public final class ActionProgress {

    private ActionProgress() {
    }

    public static StepDecision decide(DeploymentAction action, AppRunState state) {
        if (action instanceof StartApplication) {
            // The app is registered when the step starts; its instances come with the ScaleApplication that follows.
            return StepDecision.DONE;
        }
        if (action instanceof ScaleApplication scale) {
            return ScaleDecision.decide(scale, state);
        }
        if (action instanceof RestartApplication restart) {
            return RollingRestart.decide(restart.app(), state);
        }
        if (action instanceof StopApplication) {
            return StopDecision.decide(state);
        }
        throw new IllegalArgumentException("unknown action " + action);
    }
}
