package dev.dcosnative.cli.common;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code -v, --verbose}: failures come with their stack trace. Accepted on every command. */
public class VerboseMixin {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = { "-v", "--verbose" }, description = "Print the stack trace of a failure.")
    void setVerbose(boolean verbose) {
        // picocli resets options to false before each parse: only ever switch the flag on
        if (verbose && mixee.root().userObject() instanceof ContextHolder holder) {
            holder.context().verbose(true);
        }
    }
}
