package dev.dcosnative.cli.marathon.app;

import dev.dcosnative.cli.common.CommandGroup;

import picocli.CommandLine.Command;

/** {@code dcos marathon app}. Bare, it lists the apps. */
@Command(name = "app", description = "Add, list, show, change, scale, restart and remove Marathon apps.", subcommands = {
        AppAddCommand.class, AppListCommand.class, AppShowCommand.class, AppUpdateCommand.class,
        AppRestartCommand.class, AppStartCommand.class, AppStopCommand.class, AppKillCommand.class,
        AppRemoveCommand.class, AppVersionCommand.class })
public class AppCommand extends CommandGroup {

    @Override
    protected String defaultSubcommand() {
        return "list";
    }
}
