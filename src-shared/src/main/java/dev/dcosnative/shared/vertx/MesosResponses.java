package dev.dcosnative.shared.vertx;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import dev.dcosnative.shared.http.MediaTypes;
import dev.dcosnative.shared.http.MesosHttpException;

/**
 * How the Mesos endpoints of masters and agents answer on Vert.x: plain-text errors as Mesos sends them, bodies with
 * optional JSONP, and the request body.
 */
public final class MesosResponses {

    private MesosResponses() {
    }

    /** The request body (empty when there is none). */
    public static byte[] body(RoutingContext ctx) {
        Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        return body == null ? new byte[0] : body.getBytes();
    }

    /** A plain-text error. */
    public static void error(RoutingContext ctx, int status, String message) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", MediaTypes.TEXT_PLAIN)
                .end(message == null ? "" : message);
    }

    /** The error a {@link MesosHttpException} describes. */
    public static void error(RoutingContext ctx, MesosHttpException e) {
        error(ctx, e.status(), e.getMessage());
    }

    /** {@code 405} with {@code Allow}, as Mesos answers a wrong method. */
    public static void methodNotAllowed(RoutingContext ctx, String allowed) {
        ctx.response().putHeader("Allow", allowed);
        error(ctx, 405, "Expecting a '" + allowed + "' request, received '" + ctx.request().method() + "'");
    }

    /** Sends a body with the given content type, wrapped as JSONP when {@code ?jsonp=} asks for it. */
    public static void send(RoutingContext ctx, int status, String contentType, byte[] body) {
        String jsonp = ctx.request().getParam("jsonp");
        if (jsonp != null && contentType.startsWith(MediaTypes.APPLICATION_JSON)
                && jsonp.matches("[A-Za-z_$][A-Za-z0-9_$.]{0,127}")) {
            Buffer wrapped = Buffer.buffer(jsonp + "(").appendBytes(body).appendString(");");
            ctx.response().setStatusCode(status).putHeader("Content-Type", "text/javascript").end(wrapped);
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", contentType).end(Buffer.buffer(body));
    }
}
