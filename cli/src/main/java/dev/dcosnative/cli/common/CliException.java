package dev.dcosnative.cli.common;

/**
 * A failure the user can act on: its message is printed as one line ({@code Error: <message>}) and the command exits
 * with 1. Anything else that escapes a command is a bug or an I/O failure, reported the same way with its type.
 */
public class CliException extends RuntimeException {

    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
