package dev.dcosnative.cli.marathon.group;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dcosnative.cli.common.CliException;
import dev.dcosnative.cli.marathon.DeployingCommand;
import dev.dcosnative.cli.marathon.Documents;
import dev.dcosnative.cli.marathon.Properties;

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
        ObjectNode changes;
        if (properties == null || properties.isEmpty()) {
            Documents.Document document = Documents.read(null, context().env());
            if (!(document.tree() instanceof ObjectNode object)) {
                throw new CliException(document.source() + " is not a JSON object of group fields");
            }
            Documents.checkGroup(document);
            changes = object;
        } else {
            changes = Properties.parse(properties, this::usage);
        }
        return follow(marathon().updateGroup(groupId, changes, force));
    }
}
