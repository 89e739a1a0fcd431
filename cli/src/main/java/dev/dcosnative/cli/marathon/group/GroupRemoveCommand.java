package dev.dcosnative.cli.marathon.group;

import dev.dcosnative.cli.marathon.DeployingCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dcos marathon group remove <group-id>}. */
@Command(name = "remove", description = "Remove a group with all its apps and groups; follow the deployment.")
public class GroupRemoveCommand extends DeployingCommand {

    @Parameters(paramLabel = "<group-id>", description = "The group's id.")
    String groupId;

    @Option(names = "--force", description = "Override the deployments that hold the group's apps.")
    boolean force;

    @Override
    public Integer call() {
        return follow(marathon().removeGroup(groupId, force));
    }
}
