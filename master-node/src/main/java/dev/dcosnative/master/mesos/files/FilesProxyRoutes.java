package dev.dcosnative.master.mesos.files;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.dcosnative.master.mesos.MesosMaster;
import dev.dcosnative.master.mesos.agent.core.Agent;
import dev.dcosnative.master.mesos.http.MesosHttp;
import dev.dcosnative.shared.vertx.MesosResponses;

/**
 * The Mesos files API on the master for task sandboxes: {@code /files/browse}, {@code /files/read} and
 * {@code /files/download} with a sandbox path ({@code .../slaves/<agent id>/frameworks/...}) are answered by the agent
 * that holds it, streamed through; the agent enforces that only its sandboxes can be read. Other paths: 404.
 */
@ApplicationScoped
public class FilesProxyRoutes {

    private static final Pattern AGENT = Pattern.compile("/slaves/([A-Za-z0-9._-]+)/frameworks/");

    private final MesosMaster master;
    private final MesosHttp http;
    private final HttpClient client;

    public FilesProxyRoutes(MesosMaster master, MesosHttp http, Vertx vertx) {
        this.master = master;
        this.http = http;
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000));
    }

    void routes(@Observes Router router) {
        for (String op : List.of("browse", "read", "download")) {
            for (String suffix : List.of("", ".json")) {
                router.get("/files/" + op + suffix).handler(ctx -> proxy(ctx, op));
            }
        }
    }

    private void proxy(RoutingContext ctx, String op) {
        if (!http.leading(ctx)) {
            return;
        }
        String path = ctx.request().getParam("path");
        if (path == null || path.isEmpty()) {
            MesosResponses.error(ctx, 400, "Expecting 'path' to be specified");
            return;
        }
        Matcher matcher = AGENT.matcher(path);
        if (!matcher.find()) {
            MesosResponses.error(ctx, 404, "Path not found");
            return;
        }
        String agentId = matcher.group(1);
        master.snapshot().subscribe().with(snapshot -> {
            Optional<Agent> agent = snapshot.agents().stream()
                    .filter(a -> a.id().equals(agentId) && a.active())
                    .findFirst();
            if (agent.isEmpty()) {
                MesosResponses.error(ctx, 404, "Path not found");
                return;
            }
            forward(ctx, agent.get(), op);
        }, failure -> MesosHttp.fail(ctx, failure));
    }

    private void forward(RoutingContext ctx, Agent agent, String op) {
        String query = ctx.request().query();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(agent.info().getHostname())
                .setPort(agent.info().getPort())
                .setURI("/files/" + op + (query == null ? "" : "?" + query));
        // the agent checks the caller's token too
        java.util.Optional.ofNullable(ctx.request().getHeader("Authorization"))
                .ifPresent(value -> options.putHeader("Authorization", value));
        client.request(options).compose(request -> request.send()).onComplete(result -> {
            if (result.failed()) {
                MesosResponses.error(ctx, 502, "Agent " + agent.id() + " did not answer: "
                        + result.cause().getMessage());
                return;
            }
            HttpClientResponse response = result.result();
            ctx.response().setStatusCode(response.statusCode());
            for (String header : List.of("Content-Type", "Content-Disposition", "Content-Length")) {
                String value = response.getHeader(header);
                if (value != null) {
                    ctx.response().putHeader(header, value);
                }
            }
            response.pipeTo(ctx.response());
        });
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
