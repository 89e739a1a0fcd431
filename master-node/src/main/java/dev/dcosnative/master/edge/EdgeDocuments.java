package dev.dcosnative.master.edge;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.edge.core.EdgeRoutes;
import dev.dcosnative.master.exhibitor.EmbeddedZooKeeper;
import dev.dcosnative.master.exhibitor.core.Ensemble;
import dev.dcosnative.shared.BuildInfo;

/**
 * What the edge answers itself: {@code /dcos-metadata/dcos-version.json}, {@code /dcos-metadata/ui-config.json},
 * {@code /metadata}, Exhibitor's cluster status (the embedded ZooKeeper peers, probed), the active build info the CLI
 * asks for, the edge's metrics, and {@code /} (the web UI's place, a short page until the UI is built).
 */
@ApplicationScoped
public class EdgeDocuments {

    /** The DC/OS release whose APIs this cluster speaks. */
    static final String DCOS_VERSION = "2.2.0";

    private final MasterConfig config;
    private final EmbeddedZooKeeper zooKeeper;
    private final EdgeMetrics metrics;

    public EdgeDocuments(MasterConfig config, EmbeddedZooKeeper zooKeeper, EdgeMetrics metrics) {
        this.config = config;
        this.zooKeeper = zooKeeper;
        this.metrics = metrics;
    }

    void serve(RoutingContext ctx, String name) {
        switch (name) {
            case EdgeRoutes.VERSION -> json(ctx, new JsonObject()
                    .put("version", DCOS_VERSION)
                    .put("dcos-variant", "open")
                    .put("dcos-image-commit", "dcos-native-" + BuildInfo.version())
                    .put("bootstrap-id", config.cluster()));
            case EdgeRoutes.UI_CONFIG -> json(ctx, new JsonObject()
                    .put("uiConfiguration", new JsonObject().put("plugins", new JsonObject()
                            .put("banner", new JsonObject().put("enabled", false))
                            .put("branding", new JsonObject().put("enabled", false))
                            .put("tracking", new JsonObject().put("enabled", false))))
                    .put("clusterConfiguration", new JsonObject().put("firstUser", false)
                            .put("id", config.cluster()).put("name", config.cluster())));
            case EdgeRoutes.METADATA -> json(ctx, new JsonObject()
                    .put("PUBLIC_IPV4", config.ip())
                    .put("CLUSTER_ID", config.cluster()));
            case EdgeRoutes.EXHIBITOR_STATUS -> exhibitor(ctx);
            case EdgeRoutes.BUILD_INFO -> json(ctx, new JsonObject()
                    .put("dcos-master", new JsonObject().put("version", BuildInfo.version())
                            .put("mesos", BuildInfo.MESOS_VERSION).put("marathon", BuildInfo.MARATHON_VERSION)));
            case EdgeRoutes.EDGE_METRICS -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4")
                    .end(metrics.prometheus());
            default -> ui(ctx);
        }
    }

    private void exhibitor(RoutingContext ctx) {
        Ensemble ensemble = zooKeeper.ensemble();
        List<String> hosts = ensemble == null ? List.of() : ensemble.hosts();
        Optional<String> leader = zooKeeper.leaderHost();
        ctx.vertx().<JsonArray> executeBlocking(() -> {
            JsonArray status = new JsonArray();
            for (String host : hosts) {
                boolean serving = reachable(host, ensemble.clientPort());
                status.add(new JsonObject()
                        .put("code", serving ? 3 : 0)
                        .put("description", serving ? "serving" : "down")
                        .put("hostname", host)
                        .put("isLeader", leader.map(host::equals).orElse(false)));
            }
            return status;
        }, false).onSuccess(status -> ctx.response().putHeader("Content-Type", "application/json")
                .end(status.encode()));
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void ui(RoutingContext ctx) {
        if (!ctx.normalizedPath().equals("/") && !ctx.normalizedPath().equals("/index.html")) {
            ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain").end("Not Found\n");
            return;
        }
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end("""
                <!doctype html>
                <html><head><meta charset="utf-8"><title>DC/OS Native</title></head>
                <body><h1>DC/OS Native</h1>
                <p>Cluster <b>%s</b>. The web UI is not built yet; the APIs are here:
                <code>/mesos</code>, <code>/service/marathon</code>, <code>/acs/api/v1</code>.</p>
                </body></html>
                """.formatted(config.cluster().replaceAll("[<>&\"]", "")));
    }

    private static void json(RoutingContext ctx, JsonObject body) {
        ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
    }
}
