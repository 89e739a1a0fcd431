package dev.dcosnative.agent.fetcher;

/** A task's URIs could not all be fetched; the message names the URI (without credentials) and says why. */
public class FetchException extends Exception {

    private static final long serialVersionUID = 1L;

    public FetchException(String message) {
        super(message);
    }
}
