package dev.dcosnative.master.iam;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.iam.acl.AuthorizerService;
import dev.dcosnative.master.iam.audit.AuditLog;
import dev.dcosnative.master.iam.audit.Caller;
import dev.dcosnative.master.iam.db.Database;
import dev.dcosnative.master.iam.token.SigningKeys;
import dev.dcosnative.master.iam.token.TokenService;

/**
 * Authentication of HTTP requests on the master's port, for IAM and for any component that wants it.
 *
 * <p>
 * IAM's own door: every request under {@code /acs/api/v1} answers 503 while the database or the signing keys are not
 * ready; beyond {@code /auth/*} (open) it needs a valid token (401 with {@code WWW-Authenticate: oauthjwt} and
 * Bouncer's body otherwise) and {@code full} on {@code dcos:superuser} (403), except that a user may read
 * {@code GET /users/<own uid>}. The verified uid travels on in the routing context ({@link #uid(RoutingContext)}).
 *
 * <p>
 * For other components (Vert.x routes): {@link #requireToken()} and {@link #requirePermission(String, String)} are
 * route handlers to put in front of one's own,
 *
 * <pre>
 * router.route("/service/x/*").order(-10).handler(iamHttp.requirePermission("dcos:adminrouter:service:x", "full"));
 * </pre>
 *
 * and {@link #authenticate(RoutingContext)} checks one request inline. JAX-RS resources use {@link Callers}.
 */
@ApplicationScoped
public class IamHttp {

    /** Where the verified uid is kept in the routing context. */
    public static final String UID = "dcos.iam.uid";

    private static final String API = IamJson.API;

    private final TokenService tokens;
    private final AuthorizerService authorizer;
    private final Database database;
    private final SigningKeys keys;
    private final AuditLog audit;
    private final Set<String> trustedProxies;

    public IamHttp(TokenService tokens, AuthorizerService authorizer, Database database, SigningKeys keys,
            AuditLog audit, MasterConfig config) {
        this.tokens = tokens;
        this.authorizer = authorizer;
        this.database = database;
        this.keys = keys;
        this.audit = audit;
        Set<String> proxies = new HashSet<>(config.iam().trustedProxies()
                .orElseGet(() -> config.masters().orElse(List.of())));
        proxies.add(config.ip());
        this.trustedProxies = Set.copyOf(proxies);
    }

    void routes(@Observes Router router) {
        router.route(API + "/*").order(-900).handler(this::door);
    }

    /** IAM can serve: its database is migrated and the signing keys are loaded. */
    public boolean ready() {
        return database.ready() && keys.ready();
    }

    /**
     * The uid of the request's valid token, or empty after answering the request with 401 (the caller must not
     * answer it again). Synchronous: keys another master created in the last seconds are not known yet, which
     * {@link #requireToken()} handles.
     */
    public Optional<String> authenticate(RoutingContext ctx) {
        Optional<String> uid = token(ctx.request()).flatMap(tokens::verify);
        if (uid.isEmpty()) {
            reply(ctx, unauthorized(token(ctx.request()).isPresent()));
            return uid;
        }
        ctx.put(UID, uid.get());
        return uid;
    }

    /** A route handler: requests with a valid token go on (uid in {@link #uid}), others get 401. */
    public Handler<RoutingContext> requireToken() {
        return ctx -> verified(ctx).subscribe().with(uid -> {
            if (uid.isPresent()) {
                ctx.next();
            }
        }, failure -> reply(ctx, asIam(failure)));
    }

    /** A route handler: requests whose token's user may take {@code action} on {@code rid} go on; 401 or 403. */
    public Handler<RoutingContext> requirePermission(String rid, String action) {
        return ctx -> verified(ctx).chain(uid -> uid.isEmpty() ? Uni.createFrom().item(Optional.<Boolean> empty())
                : authorizer.allowed(uid.get(), rid, action).map(Optional::of)).subscribe().with(allowed -> {
                    if (allowed.isEmpty()) {
                        return;
                    }
                    if (allowed.get()) {
                        ctx.next();
                    } else {
                        reply(ctx, IamException.forbidden("Permission `" + action + "` on `" + rid + "` required."));
                    }
                }, failure -> reply(ctx, asIam(failure)));
    }

    /** The uid a previous handler verified, or null. */
    public static String uid(RoutingContext ctx) {
        return ctx.get(UID);
    }

    /** The caller of a request that passed the door: its uid and its client IP. */
    public Caller caller(RoutingContext ctx) {
        return new Caller(uid(ctx), remoteIp(ctx));
    }

    /**
     * The client's IP: the peer, or, when the peer is a trusted proxy (loopback, the masters, where the edges run), the
     * last address of its {@code X-Forwarded-For}.
     */
    public String remoteIp(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String peer = request.remoteAddress() == null ? "" : request.remoteAddress().host();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && trusted(peer)) {
            String[] hops = forwarded.split(",");
            String last = hops[hops.length - 1].trim();
            if (!last.isEmpty() && last.length() <= 64 && last.matches("[0-9a-fA-F:.]+")) {
                return last;
            }
        }
        return peer;
    }

    /** Answers a request with an IAM error. */
    public static void reply(RoutingContext ctx, IamException e) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(e.status()).putHeader("Content-Type", IamJson.CONTENT_TYPE);
        e.headers().forEach((name, value) -> ctx.response().putHeader(name, value));
        ctx.response().end(e.body().toString());
    }

    private void door(RoutingContext ctx) {
        if (!ready()) {
            reply(ctx, IamException.unavailable("IAM is starting: its database is not ready yet. Retry shortly."));
            return;
        }
        String path = ctx.request().path();
        if (path.equals(API + "/auth") || path.startsWith(API + "/auth/")) {
            ctx.next();
            return;
        }
        verified(ctx).subscribe().with(uid -> {
            if (uid.isEmpty()) {
                return;
            }
            if (selfRead(ctx, uid.get())) {
                ctx.next();
                return;
            }
            authorizer.allowed(uid.get(), Authorizer.SUPERUSER, Authorizer.FULL).subscribe().with(allowed -> {
                if (allowed) {
                    ctx.next();
                    return;
                }
                IamException denied = IamException.forbidden("The IAM API requires the permission `full` on `"
                        + Authorizer.SUPERUSER + "`.");
                if (ctx.request().method() == HttpMethod.GET || ctx.request().method() == HttpMethod.HEAD) {
                    reply(ctx, denied);
                } else {
                    audit.recordAlone(caller(ctx), "access", ctx.request().method() + " " + path, AuditLog.DENIED,
                            null).subscribe().with(done -> reply(ctx, denied), e -> reply(ctx, denied));
                }
            }, failure -> reply(ctx, asIam(failure)));
        }, failure -> reply(ctx, asIam(failure)));
    }

    /** The request's verified uid (kept in the context), or empty after a 401 was sent. */
    private Uni<Optional<String>> verified(RoutingContext ctx) {
        Optional<String> token = token(ctx.request());
        if (token.isEmpty()) {
            reply(ctx, unauthorized(false));
            return Uni.createFrom().item(Optional.empty());
        }
        return tokens.verifyFresh(token.get()).invoke(uid -> {
            if (uid.isPresent()) {
                ctx.put(UID, uid.get());
            } else {
                reply(ctx, unauthorized(true));
            }
        });
    }

    private boolean selfRead(RoutingContext ctx, String uid) {
        String prefix = API + "/users/";
        String path = ctx.request().path();
        if (ctx.request().method() != HttpMethod.GET || !path.startsWith(prefix)) {
            return false;
        }
        String segment = path.substring(prefix.length());
        if (segment.isEmpty() || segment.contains("/")) {
            return false;
        }
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8).equals(uid);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private boolean trusted(String peer) {
        return peer.startsWith("127.") || peer.equals("::1") || peer.equals("0:0:0:0:0:0:0:1")
                || trustedProxies.contains(peer);
    }

    private static Optional<String> token(HttpServerRequest request) {
        return Tokens.fromRequest(request.getHeader("Authorization"), request.getHeader("Cookie"));
    }

    private static IamException unauthorized(boolean presented) {
        return IamException.unauthorized(presented ? "The authentication token is invalid or has expired."
                : "Authentication required: present a DC/OS authentication token (Authorization: token=<token>).");
    }

    static IamException asIam(Throwable failure) {
        return failure instanceof IamException iam ? iam
                : IamException.unavailable("IAM could not check the request; retry shortly.");
    }
}
