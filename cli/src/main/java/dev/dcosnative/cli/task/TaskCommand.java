package dev.dcosnative.cli.task;

import dev.dcosnative.cli.common.CommandGroup;

import picocli.CommandLine.Command;

/** {@code dcos task}. Bare, it lists the running tasks. */
@Command(name = "task", description = "List the cluster's tasks (of every framework) and read their logs.", subcommands = {
        TaskListCommand.class, TaskLogCommand.class })
public class TaskCommand extends CommandGroup {

    @Override
    protected String defaultSubcommand() {
        return "list";
    }
}
