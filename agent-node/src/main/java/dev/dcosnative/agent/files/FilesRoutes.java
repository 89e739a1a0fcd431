package dev.dcosnative.agent.files;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.dcosnative.agent.AgentConfig;
import dev.dcosnative.agent.AgentState;
import dev.dcosnative.shared.http.MediaTypes;
import dev.dcosnative.shared.http.MesosHttpException;
import dev.dcosnative.shared.vertx.MesosResponses;

/**
 * The Mesos files API of the agent, restricted to its sandboxes: {@code /files/browse}, {@code /files/read},
 * {@code /files/download} (also under {@code /slave(1)}). File I/O runs on a worker thread.
 */
@ApplicationScoped
public class FilesRoutes {

    private final SandboxFiles files;
    private final Vertx vertx;

    public FilesRoutes(AgentConfig config, AgentState state, Vertx vertx) {
        this.files = new SandboxFiles(config.workDir(), () -> state.id().map(id -> id.getValue()));
        this.vertx = vertx;
    }

    void routes(@Observes Router router) {
        for (String prefix : List.of("", "/slave(1)")) {
            router.get(prefix + "/files/browse").handler(ctx -> json(ctx, () -> files.browse(path(ctx))));
            router.get(prefix + "/files/browse.json").handler(ctx -> json(ctx, () -> files.browse(path(ctx))));
            router.get(prefix + "/files/read").handler(ctx -> json(ctx, () -> files.read(path(ctx),
                    ctx.request().getParam("offset"), ctx.request().getParam("length"))));
            router.get(prefix + "/files/read.json").handler(ctx -> json(ctx, () -> files.read(path(ctx),
                    ctx.request().getParam("offset"), ctx.request().getParam("length"))));
            router.get(prefix + "/files/download").handler(this::download);
            router.get(prefix + "/files/download.json").handler(this::download);
        }
    }

    private static String path(RoutingContext ctx) {
        return ctx.request().getParam("path");
    }

    private void json(RoutingContext ctx, Callable<JsonNode> work) {
        vertx.executeBlocking(work, false).onComplete(result -> {
            if (result.succeeded()) {
                MesosResponses.send(ctx, 200, MediaTypes.APPLICATION_JSON,
                        result.result().toString().getBytes(StandardCharsets.UTF_8));
            } else {
                fail(ctx, result.cause());
            }
        });
    }

    private void download(RoutingContext ctx) {
        String path = path(ctx);
        vertx.executeBlocking(() -> files.download(path), false).onComplete(result -> {
            if (result.failed()) {
                fail(ctx, result.cause());
                return;
            }
            String name = result.result().getFileName().toString().replace("\"", "");
            ctx.response()
                    .putHeader("Content-Type", "application/octet-stream")
                    .putHeader("Content-Disposition", "attachment; filename=\"" + name + "\"")
                    .sendFile(result.result().toString());
        });
    }

    private static void fail(RoutingContext ctx, Throwable cause) {
        if (cause instanceof MesosHttpException e) {
            MesosResponses.error(ctx, e);
        } else {
            MesosResponses.error(ctx, 500, "Internal error: " + cause.getMessage());
        }
    }
}
