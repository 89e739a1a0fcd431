package dev.dcosnative.cli.common;

import java.io.PrintWriter;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place failures become output: one line on stderr, {@code Error: <what went wrong>}, and picocli's exit
 * codes — 1 when a command fails, 2 when the command line is wrong. A stack trace follows only with
 * {@code --verbose}.
 */
public final class Errors implements IExecutionExceptionHandler, IParameterExceptionHandler {

    private final CliContext context;

    public Errors(CliContext context) {
        this.context = context;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        if (ex instanceof ParameterException parameter) {
            return handleParseException(parameter, new String[0]);
        }
        PrintWriter err = commandLine.getErr();
        err.println("Error: " + message(ex));
        if (context.verbose()) {
            ex.printStackTrace(err);
        } else if (!(ex instanceof CliException)) {
            err.println("(run the command again with --verbose for the stack trace)");
        }
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnExecutionException();
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        PrintWriter err = commandLine.getErr();
        StringBuilder line = new StringBuilder("Error: ");
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()
                && !unmatched.isUnknownOption() && !commandLine.getSubcommands().isEmpty()) {
            String word = unmatched.getUnmatched().get(0);
            line.append("'").append(word).append("' is not a command of '")
                    .append(commandLine.getCommandSpec().qualifiedName()).append("'");
            List<String> close = Suggestions.closest(word, commandLine.getSubcommands().keySet());
            if (!close.isEmpty()) {
                line.append(" (did you mean ").append(String.join(" or ", close.stream().map(s -> "'" + s + "'")
                        .toList())).append("?)");
            }
        } else {
            line.append(ex.getMessage());
        }
        line.append(" (see '").append(commandLine.getCommandSpec().qualifiedName()).append(" --help')");
        err.println(line);
        if (context.verbose()) {
            ex.printStackTrace(err);
        }
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** What a failure says: a {@link CliException}'s message, or the type and message of anything else. */
    public static String message(Throwable ex) {
        if (ex instanceof CliException) {
            return ex.getMessage();
        }
        String message = ex.getMessage();
        return ex.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
