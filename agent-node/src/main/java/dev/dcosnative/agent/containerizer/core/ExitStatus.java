package dev.dcosnative.agent.containerizer.core;

import java.util.Optional;

/**
 * How the task's main process ended, as the supervisor records it in the run directory's {@code status} file: one line,
 * {@code exit N}, {@code signal N} or {@code launch-failed MESSAGE}.
 */
public sealed interface ExitStatus {

    /** The main process exited with {@code code}. */
    record Exited(int code) implements ExitStatus {
    }

    /** The main process was ended by {@code signal}. */
    record Signaled(int signal) implements ExitStatus {
    }

    /** The task never ran. */
    record LaunchFailed(String message) implements ExitStatus {
    }

    /** The status file's content; empty when it is blank or malformed (a status never fully written). */
    static Optional<ExitStatus> parse(String content) {
        String line = content.strip();
        int space = line.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String kind = line.substring(0, space);
        String value = line.substring(space + 1).strip();
        try {
            return switch (kind) {
                case "exit" -> Optional.of(new Exited(Integer.parseInt(value)));
                case "signal" -> Optional.of(new Signaled(Integer.parseInt(value)));
                case "launch-failed" -> Optional.of(new LaunchFailed(value));
                default -> Optional.empty();
            };
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
