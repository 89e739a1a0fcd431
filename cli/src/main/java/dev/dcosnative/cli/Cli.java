package dev.dcosnative.cli;

import dev.dcosnative.cli.common.CliContext;
import dev.dcosnative.cli.common.Errors;

import picocli.CommandLine;

/** Builds the {@code dcos} command line: the command tree, the error handling, and picocli's settings. */
public final class Cli {

    private Cli() {
    }

    /**
     * The command line for one run.
     *
     * @param factory how picocli makes commands (the CDI-aware one in Quarkus, picocli's default in plain tests)
     */
    public static CommandLine commandLine(CommandLine.IFactory factory, CliContext context) {
        Errors errors = new Errors(context);
        return new CommandLine(new DcosCommand(context), factory)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setAbbreviatedOptionsAllowed(false)
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
    }
}
