package dev.dcosnative.master.edge;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The edge's own answers: 401 with {@code WWW-Authenticate: oauthjwt} (the challenge the DC/OS CLI follows to pick a
 * login flow), 403, and errors, as small JSON documents ({@code {"title", "description"}}, Bouncer's shape).
 */
final class EdgeResponses {

    private EdgeResponses() {
    }

    static void unauthorized(RoutingContext ctx, boolean missing) {
        ctx.response().putHeader("WWW-Authenticate", "oauthjwt");
        error(ctx, 401, "Unauthorized", missing
                ? "Authentication is required: log in (POST /acs/api/v1/auth/login) and send the token as "
                        + "'Authorization: token=<token>'"
                : "The token is invalid or has expired: log in again");
    }

    static void forbidden(RoutingContext ctx, String uid, String rid) {
        error(ctx, 403, "Forbidden", "User '" + uid + "' is not allowed to access this resource ('" + rid
                + "' with action 'full' is needed)");
    }

    static void error(RoutingContext ctx, int status, String title, String description) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("title", title).put("description", description).encode());
    }
}
