package dev.dcosnative.cli.marathon.group;

import java.nio.file.Path;

import dev.dcosnative.cli.marathon.DeployingCommand;
import dev.dcosnative.cli.marathon.Documents;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dcos marathon group add [<group-resource>]}. */
@Command(name = "add", description = "Add a group (with its apps and groups) from a JSON definition (a file, or "
        + "standard input); follow the deployment.")
public class GroupAddCommand extends DeployingCommand {

    @Parameters(arity = "0..1", paramLabel = "<group-resource>", description = "The group definition file "
            + "(default: standard input).")
    Path file;

    @Override
    public Integer call() {
        Documents.Document group = Documents.read(file, context().env());
        Documents.checkGroup(group);
        return follow(marathon().createGroup(Documents.bytes(group), false));
    }
}
