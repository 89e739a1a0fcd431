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
 * challenge, where the browser may be sent after the login (relative paths only, or the CLI's page), which uid a
 * provider's user is (the {@code email} claim, else {@code sub}), and the page that shows the {@code dcos} CLI's user
 * the ID token to paste.
 */
public final class OidcFlow {

    /**
     * The target with which the {@code dcos} CLI starts a login, as in DC/OS: no place to go, but a page showing the
     * provider's ID token, which the user pastes into the CLI.
     */
    public static final String CLI_TARGET = "dcos:authenticationresponse:html";

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
     * {@code /#/services}) or exactly {@value #CLI_TARGET} (the page for the CLI), {@code /} for anything else
     * (absent, absolute URLs, {@code //host}, backslashes, control characters): the login is no open redirect.
     */
    public static String safeTarget(String target) {
        if (CLI_TARGET.equals(target)) {
            return CLI_TARGET;
        }
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

    /**
     * The page that shows the {@code dcos} CLI's user the provider's ID token to paste (HTML-escaped, in a read-only
     * text area that selects easily); no script, nothing loaded from elsewhere.
     */
    public static String tokenPage(String idToken) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>DC/OS CLI login</title>
                <style>
                body { font-family: sans-serif; max-width: 48em; margin: 2em auto; padding: 0 1em; }
                textarea { width: 100%%; height: 12em; font-family: monospace; word-break: break-all; }
                </style>
                </head>
                <body>
                <h1>DC/OS CLI login</h1>
                <p>Copy this token and paste it into the <code>dcos</code> CLI, which is waiting for it:</p>
                <textarea id="token" readonly autofocus rows="8" cols="80">%s</textarea>
                <p>Keep it to yourself: until it expires, it logs the CLI in as you.</p>
                </body>
                </html>
                """.formatted(html(idToken));
    }

    /** {@code text} with the characters that mean something in HTML escaped. */
    public static String html(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** Equal strings, in time that does not depend on where they differ. */
    public static boolean same(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8));
    }
}
