package dev.dcosnative.cli;

import java.util.concurrent.Callable;

import jakarta.enterprise.inject.Vetoed;

import dev.dcosnative.cli.auth.AuthCommand;
import dev.dcosnative.cli.cluster.ClusterCommand;
import dev.dcosnative.cli.common.CliContext;
import dev.dcosnative.cli.common.ContextHolder;
import dev.dcosnative.cli.common.HelpMixin;
import dev.dcosnative.cli.common.VerboseMixin;
import dev.dcosnative.cli.config.ConfigCommand;
import dev.dcosnative.cli.marathon.MarathonCommand;
import dev.dcosnative.cli.node.NodeCommand;
import dev.dcosnative.cli.service.ServiceCommand;
import dev.dcosnative.cli.task.TaskCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dcos}: the root of the command tree. Holds the run's {@link CliContext}; made by {@link Cli}, not by CDI
 * (the subcommands are).
 */
@Vetoed
@Command(name = "dcos", versionProvider = VersionProvider.class, description = "Manage DC/OS clusters from the command line: set up and log in, run apps and groups on "
        + "Marathon, follow deployments, list nodes, tasks and services, read task logs.", footer = { "",
                "Environment: DCOS_DIR (default ~/.dcos), DCOS_CLUSTER, DCOS_URL, DCOS_ACS_TOKEN, "
                        + "DCOS_SSL_VERIFY, DCOS_TIMEOUT, DCOS_USERNAME, DCOS_PASSWORD.",
                "Exit codes: 0 success, 1 failure, 2 wrong usage. Run 'dcos <command> --help' for a command." }, subcommands = {
                        ClusterCommand.class, AuthCommand.class, ConfigCommand.class, MarathonCommand.class,
                        NodeCommand.class, TaskCommand.class, ServiceCommand.class, CompletionCommand.class,
                        HelpCommand.class })
public class DcosCommand implements Callable<Integer>, ContextHolder {

    @Spec
    CommandSpec spec;

    @Mixin
    HelpMixin helpMixin;

    @Mixin
    VerboseMixin verboseMixin;

    @Option(names = { "-V", "--version" }, versionHelp = true, description = "Print the version and exit.")
    boolean version;

    private final CliContext context;

    public DcosCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CliContext context() {
        return context;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
