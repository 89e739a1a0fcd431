package dev.dcosnative.cli.common;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A group of commands ({@code dcos marathon app}). Run without a subcommand, a group that has a safe read command
 * ({@link #defaultSubcommand()}, usually {@code list}) runs it; any other group says which subcommands it has (a usage
 * error).
 */
public abstract class CommandGroup implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    @Mixin
    HelpMixin helpMixin;

    @Mixin
    VerboseMixin verboseMixin;

    /** The subcommand to run when none is given; null for none. */
    protected String defaultSubcommand() {
        return null;
    }

    @Override
    public Integer call() {
        String fallback = defaultSubcommand();
        if (fallback != null) {
            CommandLine sub = spec.subcommands().get(fallback);
            return sub.execute();
        }
        throw new ParameterException(spec.commandLine(), "Missing subcommand: one of "
                + String.join(", ", spec.subcommands().keySet().stream().filter(n -> !n.equals("help")).toList()));
    }
}
