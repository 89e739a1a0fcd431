package dev.dcosnative.cli.marathon.deployment;

import dev.dcosnative.cli.marathon.DeployingCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dcos marathon deployment watch <deployment-id>}. */
@Command(name = "watch", description = "Follow a running deployment until it finishes (exit 0) or does not (exit 1).")
public class DeploymentWatchCommand extends DeployingCommand {

    @Parameters(paramLabel = "<deployment-id>", description = "The deployment's id ('deployment list').")
    String deploymentId;

    @Override
    public Integer call() {
        return watch(deploymentId, true);
    }
}
