package dev.dcosnative.agent.auth;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.dcosnative.agent.AgentConfig;
import dev.dcosnative.shared.auth.AuthTokens;

/**
 * The agent's door: every request to its HTTP APIs needs a valid DC/OS token (the edge passes the caller's on), as
 * Mesos agents with HTTP authentication do; {@code /health} stays open. 401 with {@code WWW-Authenticate: oauthjwt}
 * otherwise, and 503 while the agent has no signing keys yet.
 */
@ApplicationScoped
public class AgentAuth {

    private final AgentConfig config;
    private final MasterKeys keys;

    public AgentAuth(AgentConfig config, MasterKeys keys) {
        this.config = config;
        this.keys = keys;
    }

    void routes(@Observes Router router) {
        if (config.auth().enabled()) {
            router.route().order(-1000).handler(this::check);
        }
    }

    private void check(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (path.equals("/health") || path.equals("/slave(1)/health")) {
            ctx.next();
            return;
        }
        Optional<String> token = AuthTokens.fromRequest(ctx.request().getHeader("Authorization"),
                ctx.request().getHeader("Cookie"));
        if (token.isEmpty()) {
            refuse(ctx, 401, "Authentication is required");
            return;
        }
        if (!keys.ready()) {
            refuse(ctx, 503, "The agent cannot verify tokens yet: no master answered with its signing keys");
            return;
        }
        if (keys.verify(token.get()).isEmpty()) {
            refuse(ctx, 401, "The token is invalid or has expired");
            return;
        }
        ctx.next();
    }

    private static void refuse(RoutingContext ctx, int status, String description) {
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", AuthTokens.CHALLENGE);
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("title", status == 401 ? "Unauthorized" : "Service Unavailable")
                        .put("description", description).encode());
    }
}
