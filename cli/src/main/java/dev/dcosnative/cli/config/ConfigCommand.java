package dev.dcosnative.cli.config;

import dev.dcosnative.cli.common.CommandGroup;

import picocli.CommandLine.Command;

/** {@code dcos config}: the attached cluster's {@code dcos.toml}. Bare, it shows it. */
@Command(name = "config", description = "Show and change the attached cluster's configuration (dcos.toml).", subcommands = {
        ConfigShowCommand.class, ConfigSetCommand.class, ConfigUnsetCommand.class,
        ConfigKeysCommand.class })
public class ConfigCommand extends CommandGroup {

    @Override
    protected String defaultSubcommand() {
        return "show";
    }
}
