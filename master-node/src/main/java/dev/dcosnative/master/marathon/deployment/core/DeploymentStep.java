package dev.dcosnative.master.marathon.deployment.core;

import java.util.List;

/** One step of a plan: actions on distinct apps that run concurrently. The next step starts when all are done. */
public record DeploymentStep(List<DeploymentAction> actions) {

    public DeploymentStep {
        actions = List.copyOf(actions);
    }

    public boolean isEmpty() {
        return actions.isEmpty();
    }
}
