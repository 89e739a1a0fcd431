package dev.dcosnative.master.auth;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.Context;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.dcosnative.master.iam.Authorizer;
import dev.dcosnative.master.iam.Tokens;
import dev.dcosnative.shared.auth.AuthTokens;

/**
 * Defence in depth on the master's component port: behind the edge, Mesos and Marathon check the caller's token
 * themselves (the edge passes it on), so a request that reaches the port directly gets no more than through the edge.
 * <ul>
 * <li>Open, as upstream leaves them: the agents' endpoint ({@code /internal/v1/agent}), {@code /health},
 * {@code /version}, {@code /redirect}, Marathon's {@code /ping}, and IAM (which checks its own requests).</li>
 * <li>Marathon ({@code /v2/...}, {@code /metrics}): a valid token whose user may act on Marathon's services —
 * {@code dcos:service:marathon:marathon:services:/} with {@code read} (GET), {@code create} (POST), {@code update}
 * (PUT, PATCH) or {@code delete} (DELETE), as DC/OS' Marathon checks; {@code dcos:superuser} covers it.</li>
 * <li>Everything else (the Mesos APIs, state, files): a valid token.</li>
 * </ul>
 * 401 with {@code WWW-Authenticate: oauthjwt} without a valid token, 403 without the permission.
 */
@ApplicationScoped
public class ComponentAuth {

    /** The rid DC/OS' Marathon checks for its services (the root group). */
    public static final String MARATHON_SERVICES = "dcos:service:marathon:marathon:services:/";

    private static final Set<String> OPEN = Set.of("/internal/v1/agent", "/health", "/master/health", "/version",
            "/redirect", "/master/redirect", "/ping");

    private final Tokens tokens;
    private final Authorizer authorizer;

    public ComponentAuth(Tokens tokens, Authorizer authorizer) {
        this.tokens = tokens;
        this.authorizer = authorizer;
    }

    void routes(@Observes Router router) {
        router.route().order(-900).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (OPEN.contains(path) || path.startsWith("/acs/") || path.startsWith("/q/")) {
            ctx.next();
            return;
        }
        Optional<String> token = AuthTokens.fromRequest(ctx.request().getHeader("Authorization"),
                ctx.request().getHeader("Cookie"));
        Optional<String> uid = token.flatMap(tokens::verify);
        boolean marathon = path.startsWith("/v2/") || path.equals("/v2") || path.startsWith("/metrics");
        if (uid.isEmpty()) {
            // Marathon's "secured" answers; the Mesos APIs say why
            refuse(ctx, 401, marathon ? "Invalid username or password."
                    : token.isEmpty() ? "Authentication is required" : "The token is invalid or has expired");
            return;
        }
        if (!marathon) {
            ctx.next();
            return;
        }
        String action = action(ctx.request().method());
        ctx.request().pause();
        Context context = ctx.vertx().getOrCreateContext();
        authorizer.allowed(uid.get(), MARATHON_SERVICES, action).subscribe().with(
                allowed -> context.runOnContext(v -> {
                    if (allowed) {
                        ctx.request().resume();
                        ctx.next();
                    } else {
                        refuse(ctx, 403, "Not Authorized to perform this action!");
                    }
                }),
                failure -> context.runOnContext(v -> refuse(ctx, 503, "Authorization is not available: "
                        + failure.getMessage())));
    }

    private static String action(HttpMethod method) {
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
            return Authorizer.READ;
        }
        if (method == HttpMethod.POST) {
            return Authorizer.CREATE;
        }
        if (method == HttpMethod.DELETE) {
            return Authorizer.DELETE;
        }
        return Authorizer.UPDATE;
    }

    private static void refuse(RoutingContext ctx, int status, String message) {
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", AuthTokens.CHALLENGE);
        }
        // Marathon's and Mesos' clients read "message"; DC/OS' IAM clients read "description"
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("message", message).put("description", message).encode());
    }
}
