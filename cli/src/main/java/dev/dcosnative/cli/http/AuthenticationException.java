package dev.dcosnative.cli.http;

/**
 * A 401: no token, an expired one, or one the cluster does not accept. The message says which, and how to log in
 * again.
 */
public final class AuthenticationException extends ApiException {

    AuthenticationException(String message, ApiResponse response) {
        super(message, response);
    }

    /** The {@code WWW-Authenticate} challenge ({@code oauthjwt} on DC/OS Open, {@code acsjwt} on Enterprise). */
    public String challenge() {
        return response().header("WWW-Authenticate").orElse("");
    }
}
