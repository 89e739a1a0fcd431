package dev.dcosnative.shared.auth;

import java.util.Optional;

/**
 * Where a DC/OS authentication token travels in a request: {@code Authorization: token=<jwt>} (DC/OS' own form),
 * {@code Authorization: Bearer <jwt>}, or the UI's {@code dcos-acs-auth-cookie} cookie; the header wins. Shared by
 * the edge, the master's components and the agents, which all check tokens.
 */
public final class AuthTokens {

    /** The cookie the UI's token travels in. */
    public static final String AUTH_COOKIE = "dcos-acs-auth-cookie";

    /** The cookie with the logged-in user's description for the UI (base64 JSON). */
    public static final String INFO_COOKIE = "dcos-acs-info-cookie";

    /** The challenge of a 401: the CLI picks its login flow by it. */
    public static final String CHALLENGE = "oauthjwt";

    private AuthTokens() {
    }

    /** The token of a request, from its {@code Authorization} and {@code Cookie} headers; empty when none. */
    public static Optional<String> fromRequest(String authorization, String cookieHeader) {
        if (authorization != null) {
            String value = authorization.trim();
            if (value.regionMatches(true, 0, "token=", 0, 6)) {
                return Optional.of(value.substring(6).trim()).filter(t -> !t.isEmpty());
            }
            if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Optional.of(value.substring(7).trim()).filter(t -> !t.isEmpty());
            }
        }
        if (cookieHeader != null) {
            for (String cookie : cookieHeader.split(";")) {
                String[] pair = cookie.trim().split("=", 2);
                if (pair.length == 2 && pair[0].equals(AUTH_COOKIE) && !pair[1].isBlank()) {
                    return Optional.of(pair[1].trim());
                }
            }
        }
        return Optional.empty();
    }
}
