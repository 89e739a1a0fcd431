package dev.dcosnative.master.mesos.framework.core;

/** A framework subscription the master refuses; the message goes back to the scheduler. */
public final class InvalidFrameworkException extends RuntimeException {

    public InvalidFrameworkException(String message) {
        super(message);
    }
}
