package dev.dcosnative.cli.marathon.group;

import java.util.List;

import dev.dcosnative.cli.marathon.DeployingCommand;
import dev.dcosnative.cli.marathon.Documents;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dcos marathon group update <group-id> [<key>=<value>...]}. */
@Command(name = "update", description = "Change a group from <key>=<value> arguments or a JSON document on standard "
        + "input (apps=[...], groups=[...], dependencies=[...]); follow the deployment.")
public class GroupUpdateCommand extends DeployingCommand {

    @Parameters(index = "0", paramLabel = "<group-id>", description = "The group's id.")
    String groupId;

    @Parameters(index = "1..*", paramLabel = "<key>=<value>", description = "Fields to change (default: a JSON "
            + "document on standard input).")
    List<String> properties;

    @Option(names = "--force", description = "Override the deployments that hold the group's apps.")
    boolean force;

    @Override
    public Integer call() {
        return follow(marathon().updateGroup(groupId, changes(properties, "group", Documents::checkGroup), force));
    }
}
