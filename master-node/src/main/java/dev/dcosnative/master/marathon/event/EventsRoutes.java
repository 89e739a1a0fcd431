package dev.dcosnative.master.marathon.event;

import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.dcosnative.shared.marathon.MarathonJson;

/**
 * {@code GET /v2/events}: Marathon's event stream as server-sent events, filtered by repeatable {@code event_type}
 * parameters. The client must accept {@code text/event-stream} (as {@code EventSource} and {@code curl} do); other
 * accept types are refused as Marathon's API description says. {@code plan-format=light} is the only plan format, as
 * since Marathon 1.8.
 */
@ApplicationScoped
public class EventsRoutes {

    private final EventBus bus;

    public EventsRoutes(EventBus bus) {
        this.bus = bus;
    }

    void routes(@Observes Router router) {
        router.route("/v2/events").handler(this::events);
    }

    private void events(RoutingContext ctx) {
        if (ctx.request().method() != HttpMethod.GET) {
            error(ctx, 405, "HTTP 405 Method Not Allowed");
            return;
        }
        String accept = ctx.request().getHeader("Accept");
        if (accept != null && !accept.isBlank() && !accept.contains("text/event-stream") && !accept.contains("*/*")
                && !accept.contains("text/*")) {
            error(ctx, 405, "The event stream needs 'Accept: text/event-stream'");
            return;
        }
        Set<String> types = new LinkedHashSet<>();
        for (String type : ctx.queryParam("event_type")) {
            for (String part : type.split(",")) {
                if (!part.isBlank()) {
                    types.add(part.trim());
                }
            }
        }
        ctx.response().setStatusCode(200);
        bus.attach(ctx.response(), ctx.vertx().getOrCreateContext(), types,
                ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().host());
    }

    private static void error(RoutingContext ctx, int status, String message) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(MarathonJson.MAPPER.createObjectNode().put("message", message).toString());
    }
}
