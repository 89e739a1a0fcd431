package dev.dcosnative.cli.marathon.deployment;

import dev.dcosnative.cli.common.CommandGroup;

import picocli.CommandLine.Command;

/** {@code dcos marathon deployment}. Bare, it lists the running deployments. */
@Command(name = "deployment", description = "List, watch, roll back and stop Marathon deployments.", subcommands = {
        DeploymentListCommand.class, DeploymentWatchCommand.class, DeploymentRollbackCommand.class,
        DeploymentStopCommand.class })
public class DeploymentCommand extends CommandGroup {

    @Override
    protected String defaultSubcommand() {
        return "list";
    }
}
