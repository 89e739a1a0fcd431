package dev.dcosnative.cli.marathon.group;

import dev.dcosnative.cli.common.CommandGroup;

import picocli.CommandLine.Command;

/** {@code dcos marathon group}. Bare, it lists the groups. */
@Command(name = "group", description = "Add, list, show, change, scale and remove Marathon groups.", subcommands = {
        GroupAddCommand.class, GroupListCommand.class, GroupShowCommand.class,
        GroupUpdateCommand.class, GroupScaleCommand.class, GroupRemoveCommand.class })
public class GroupCommand extends CommandGroup {

    @Override
    protected String defaultSubcommand() {
        return "list";
    }
}
