package dev.dcosnative.cli.marathon.task;

import dev.dcosnative.cli.common.CommandGroup;

import picocli.CommandLine.Command;

/** {@code dcos marathon task}. Bare, it lists Marathon's tasks. */
@Command(name = "task", description = "List, show, stop and kill the tasks of Marathon's apps.", subcommands = {
        MarathonTaskListCommand.class, MarathonTaskShowCommand.class, MarathonTaskStopCommand.class,
        MarathonTaskKillCommand.class })
public class MarathonTaskCommand extends CommandGroup {

    @Override
    protected String defaultSubcommand() {
        return "list";
    }
}
