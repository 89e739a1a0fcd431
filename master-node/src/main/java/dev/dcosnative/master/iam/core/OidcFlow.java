package dev.dcosnative.master.iam.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The pure parts of the OpenID Connect authorization code flow: random state, nonce and PKCE verifier, the S256
 * challenge, where the browser may be sent after the login (relative paths only), and which uid a provider's user is
 * (the {@code email} claim, else {@code sub}).
 */
public final class OidcFlow {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_TARGET = 2048;

    private OidcFlow() {
    }

    /** 32 random bytes, base64url without padding (state, nonce, PKCE verifier). */
    public static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The PKCE {@code S256} challenge of a verifier (RFC 7636). */
    public static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /**
     * Where to send the browser after the login: {@code target} when it is a path on this cluster ({@code /},
     * {@code /#/services}), {@code /} for anything else (absent, absolute URLs, {@code //host}, backslashes, control
     * characters): the login is no open redirect.
     */
    public static String safeTarget(String target) {
        if (target == null || target.isEmpty() || target.length() > MAX_TARGET || !target.startsWith("/")
                || target.startsWith("//") || target.contains("\\")) {
            return "/";
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c < 0x21 || c == 0x7f) {
                return "/";
            }
        }
        return target;
    }

    /** The uid of the provider's user: the {@code email} claim, else {@code sub}; empty when neither is a uid. */
    public static Optional<String> uid(Map<String, Object> claims) {
        Object email = claims.get("email");
        if (email instanceof String e && !e.isEmpty()) {
            return Optional.of(e).filter(IamIds::isUid);
        }
        Object sub = claims.get("sub");
        return sub instanceof String s ? Optional.of(s).filter(IamIds::isUid) : Optional.empty();
    }

    /** Equal strings, in time that does not depend on where they differ. */
    public static boolean same(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8));
    }
}
