package dev.dcosnative.agent.containerizer;

/** A container could not be launched or recovered; the message says why, fit for a task status. */
public class ContainerException extends Exception {

    private static final long serialVersionUID = 1L;

    public ContainerException(String message) {
        super(message);
    }

    public ContainerException(String message, Throwable cause) {
        super(message, cause);
    }
}
