package dev.dcosnative.cli.node;

import dev.dcosnative.cli.common.CommandGroup;

import picocli.CommandLine.Command;

/** {@code dcos node}. Bare, it lists the nodes. */
@Command(name = "node", description = "List the cluster's masters and agents; read a node's logs.", subcommands = {
        NodeListCommand.class, NodeLogCommand.class })
public class NodeCommand extends CommandGroup {

    @Override
    protected String defaultSubcommand() {
        return "list";
    }
}
