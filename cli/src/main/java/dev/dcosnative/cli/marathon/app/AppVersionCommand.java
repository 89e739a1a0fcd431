package dev.dcosnative.cli.marathon.app;

import dev.dcosnative.cli.common.CommandGroup;

import picocli.CommandLine.Command;

/** {@code dcos marathon app version}. */
@Command(name = "version", description = "An app's versions.", subcommands = AppVersionListCommand.class)
public class AppVersionCommand extends CommandGroup {
}
