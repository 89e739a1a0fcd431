package dev.dcosnative.cli.common;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every command has: its spec, {@code --verbose}, the run's context, and its output writers (the command line's,
 * so tests can capture them). Commands print results to {@link #out()} and progress and notes to {@link #err()}.
 */
public abstract class CommandBase implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    @Mixin
    HelpMixin helpMixin;

    @Mixin
    VerboseMixin verboseMixin;

    protected CliContext context() {
        return ((ContextHolder) spec.root().userObject()).context();
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A usage error of this command: printed as one line, exit code 2. */
    protected ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
