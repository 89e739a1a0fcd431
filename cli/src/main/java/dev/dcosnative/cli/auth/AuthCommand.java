package dev.dcosnative.cli.auth;

import dev.dcosnative.cli.common.CommandGroup;

import picocli.CommandLine.Command;

/** {@code dcos auth}. */
@Command(name = "auth", description = "Log in to the attached cluster, log out, list its login providers.", subcommands = {
        AuthLoginCommand.class, AuthLogoutCommand.class, AuthListProvidersCommand.class })
public class AuthCommand extends CommandGroup {
}
