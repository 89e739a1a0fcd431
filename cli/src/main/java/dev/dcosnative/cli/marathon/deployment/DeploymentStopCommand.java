package dev.dcosnative.cli.marathon.deployment;

import dev.dcosnative.cli.common.ClusterCommandBase;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dcos marathon deployment stop <deployment-id>}. */
@Command(name = "stop", description = "Stop a deployment where it is, without undoing anything (Marathon's forced "
        + "cancel).")
public class DeploymentStopCommand extends ClusterCommandBase {

    @Parameters(paramLabel = "<deployment-id>", description = "The deployment's id.")
    String deploymentId;

    @Override
    public Integer call() {
        marathon().cancelDeployment(deploymentId, true);
        out().println("Stopped deployment " + deploymentId);
        return 0;
    }
}
