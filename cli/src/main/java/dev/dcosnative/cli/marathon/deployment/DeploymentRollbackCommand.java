package dev.dcosnative.cli.marathon.deployment;

import dev.dcosnative.cli.marathon.DeployingCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dcos marathon deployment rollback <deployment-id>}. */
@Command(name = "rollback", description = "Cancel a deployment and undo what it changed (a new deployment, "
        + "followed).")
public class DeploymentRollbackCommand extends DeployingCommand {

    @Parameters(paramLabel = "<deployment-id>", description = "The deployment's id.")
    String deploymentId;

    @Override
    public Integer call() {
        return follow(marathon().cancelDeployment(deploymentId, false).json());
    }
}
