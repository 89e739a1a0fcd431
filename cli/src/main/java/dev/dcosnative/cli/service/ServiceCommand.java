package dev.dcosnative.cli.service;

import dev.dcosnative.cli.common.CommandGroup;

import picocli.CommandLine.Command;

/** {@code dcos service}. Bare, it lists the services. */
@Command(name = "service", description = "List the cluster's services (Mesos frameworks such as Marathon).", subcommands = ServiceListCommand.class)
public class ServiceCommand extends CommandGroup {

    @Override
    protected String defaultSubcommand() {
        return "list";
    }
}
