package dev.dcosnative.master.iam;

import java.util.Optional;

import dev.dcosnative.shared.auth.AuthTokens;

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

    /** The token a request carries: see {@link AuthTokens#fromRequest}. */
    static Optional<String> fromRequest(String authorization, String cookieHeader) {
        return AuthTokens.fromRequest(authorization, cookieHeader);
    }

    /** The cookie the UI's token travels in. */
    String AUTH_COOKIE = AuthTokens.AUTH_COOKIE;

    /** The cookie with the logged-in user's description for the UI (base64 JSON). */
    String INFO_COOKIE = AuthTokens.INFO_COOKIE;
}
