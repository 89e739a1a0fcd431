package dev.dcosnative.cli.cluster;

import dev.dcosnative.cli.common.CommandGroup;

import picocli.CommandLine.Command;

/** {@code dcos cluster}: the clusters this CLI knows. Bare, it lists them. */
@Command(name = "cluster", description = "Set up, list, attach, rename and remove the clusters the CLI talks to.", subcommands = {
        ClusterSetupCommand.class, ClusterListCommand.class, ClusterAttachCommand.class,
        ClusterRemoveCommand.class, ClusterRenameCommand.class })
public class ClusterCommand extends CommandGroup {

    @Override
    protected String defaultSubcommand() {
        return "list";
    }
}
