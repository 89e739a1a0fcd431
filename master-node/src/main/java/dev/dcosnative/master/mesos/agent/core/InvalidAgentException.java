package dev.dcosnative.master.mesos.agent.core;

/** A registration the master refuses; the message says why and goes back to the agent. */
public final class InvalidAgentException extends RuntimeException {

    public InvalidAgentException(String message) {
        super(message);
    }
}
