package dev.dcosnative.cli.marathon;

import dev.dcosnative.cli.common.CommandGroup;
import dev.dcosnative.cli.marathon.app.AppCommand;
import dev.dcosnative.cli.marathon.deployment.DeploymentCommand;
import dev.dcosnative.cli.marathon.group.GroupCommand;
import dev.dcosnative.cli.marathon.task.MarathonTaskCommand;

import picocli.CommandLine.Command;

/** {@code dcos marathon}. */
@Command(name = "marathon", description = "Run and manage apps and groups on Marathon; follow their deployments.", subcommands = {
        MarathonAboutCommand.class, AppCommand.class, GroupCommand.class, DeploymentCommand.class,
        MarathonTaskCommand.class })
public class MarathonCommand extends CommandGroup {
}
