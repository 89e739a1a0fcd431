package dev.dcosnative.master.iam;

import java.util.Optional;

/**
 * DC/OS authentication tokens: RS256 JWTs with a {@code uid} and an {@code exp} claim, signed by IAM's current signing
 * key and verified against every key still published in the JWKS. Verification is local and cheap (no database round
 * trip: the keys are cached), so the edge and every component can check each request.
 */
public interface Tokens {

    /** The uid of a valid token (signature, {@code exp}, {@code uid} present); empty for anything else. */
    Optional<String> verify(String token);

    /** A new token for {@code uid}, valid for the configured lifetime. Only after the user was authenticated. */
    String issue(String uid);

    /**
     * The token a request carries: {@code Authorization: token=<jwt>}, {@code Authorization: Bearer <jwt>}, or the
     * {@code dcos-acs-auth-cookie} cookie (the header wins). Empty when there is none.
     */
    static Optional<String> fromRequest(String authorization, String cookieHeader) {
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

    /** The cookie the UI's token travels in. */
    String AUTH_COOKIE = "dcos-acs-auth-cookie";

    /** The cookie with the logged-in user's description for the UI (base64 JSON). */
    String INFO_COOKIE = "dcos-acs-info-cookie";
}
