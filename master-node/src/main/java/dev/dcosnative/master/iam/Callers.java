package dev.dcosnative.master.iam;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;

import io.smallrye.mutiny.Uni;

/**
 * Who calls a JAX-RS resource, for components that check tokens themselves (defence in depth behind the edge):
 *
 * <pre>
 * &#64;GET
 * public Uni&lt;Response&gt; jobs(&#64;Context HttpHeaders headers) {
 *     return callers.requirePermission(headers, "dcos:service:metronome:metronome:jobs", "read")
 *             .chain(uid -&gt; service.jobs(uid));
 * }
 * </pre>
 *
 * Failures are {@link IamException}s (401 with {@code WWW-Authenticate: oauthjwt}, 403), rendered as DC/OS error
 * bodies by IAM's exception mapper wherever they are thrown.
 */
@ApplicationScoped
public class Callers {

    private final Tokens tokens;
    private final Authorizer authorizer;

    public Callers(Tokens tokens, Authorizer authorizer) {
        this.tokens = tokens;
        this.authorizer = authorizer;
    }

    /** The uid of the request's valid token ({@code Authorization: token=}, {@code Bearer}, or the cookie). */
    public Optional<String> uid(HttpHeaders headers) {
        return token(headers).flatMap(tokens::verify);
    }

    /** The uid of the request's valid token; a 401 {@link IamException} without one. */
    public String require(HttpHeaders headers) {
        Optional<String> token = token(headers);
        return token.flatMap(tokens::verify).orElseThrow(() -> IamException.unauthorized(token.isPresent()
                ? "The authentication token is invalid or has expired."
                : "Authentication required: present a DC/OS authentication token (Authorization: token=<token>)."));
    }

    /** The uid, when its user may take {@code action} on {@code rid}; a failed Uni with a 401 or 403 otherwise. */
    public Uni<String> requirePermission(HttpHeaders headers, String rid, String action) {
        return Uni.createFrom().item(() -> require(headers)).chain(uid -> authorizer.allowed(uid, rid, action)
                .map(allowed -> {
                    if (!allowed) {
                        throw IamException.forbidden("Permission `" + action + "` on `" + rid + "` required.");
                    }
                    return uid;
                }));
    }

    private static Optional<String> token(HttpHeaders headers) {
        List<String> cookies = headers.getRequestHeader(HttpHeaders.COOKIE);
        return Tokens.fromRequest(headers.getHeaderString(HttpHeaders.AUTHORIZATION),
                cookies == null || cookies.isEmpty() ? null : String.join("; ", cookies));
    }
}
