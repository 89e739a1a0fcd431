package dev.dcosnative.master.mesos.legacy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.dcosnative.master.mesos.MesosMaster;
import dev.dcosnative.master.mesos.http.MesosHttp;
import dev.dcosnative.master.mesos.state.core.LegacyViews;
import dev.dcosnative.master.mesos.state.core.MasterSnapshot;
import dev.dcosnative.shared.http.MediaTypes;
import dev.dcosnative.shared.mesos.LegacyJson;
import dev.dcosnative.shared.vertx.MesosResponses;

/**
 * The Mesos master's legacy JSON endpoints that the DC/OS UI, CLI, Admin Router and Mesos-DNS read. The state
 * endpoints redirect to the leader like Mesos does; {@code /health}, {@code /version} and {@code /flags} answer on any
 * master; {@code /redirect} sends a browser to the leader.
 */
@ApplicationScoped
public class LegacyRoutes {

    private final MesosMaster master;
    private final MesosHttp http;

    public LegacyRoutes(MesosMaster master, MesosHttp http) {
        this.master = master;
        this.http = http;
    }

    void routes(@Observes Router router) {
        state(router, List.of("/master/state", "/state", "/state.json", "/master/state.json"), LegacyViews::state);
        state(router, List.of("/master/state-summary", "/state-summary"), LegacyViews::stateSummary);
        state(router, List.of("/master/slaves", "/slaves"), LegacyViews::slaves);
        state(router, List.of("/master/frameworks", "/frameworks"), LegacyViews::frameworks);
        state(router, List.of("/master/tasks", "/tasks"), LegacyViews::tasks);
        for (String path : List.of("/master/flags", "/flags")) {
            router.get(path).handler(ctx -> json(ctx, LegacyViews.flags(master.flags())));
        }
        router.get("/version").handler(ctx -> json(ctx, LegacyJson.version()));
        for (String path : List.of("/health", "/master/health")) {
            router.get(path).handler(ctx -> ctx.response().setStatusCode(200).end());
        }
        for (String path : List.of("/redirect", "/master/redirect")) {
            router.get(path).handler(ctx -> http.redirectToLeader(ctx, true));
        }
    }

    private void state(Router router, List<String> paths, Function<MasterSnapshot, ObjectNode> view) {
        for (String path : paths) {
            router.get(path).handler(ctx -> {
                if (!http.leading(ctx)) {
                    return;
                }
                master.snapshot().map(view).subscribe().with(doc -> json(ctx, doc), f -> MesosHttp.fail(ctx, f));
            });
        }
    }

    private static void json(RoutingContext ctx, ObjectNode document) {
        MesosResponses.send(ctx, 200, MediaTypes.APPLICATION_JSON, document.toString().getBytes(StandardCharsets.UTF_8));
    }
}
