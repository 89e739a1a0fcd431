package dev.dcosnative.master.marathon.rest;

import java.util.Optional;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.mesos.v1.Protos.MasterInfo;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.dcosnative.master.marathon.Marathon;
import dev.dcosnative.master.mesos.leader.LeaderElection;

/**
 * The door of Marathon's HTTP API, ahead of its resources: the DC/OS prefixes ({@code /marathon/...},
 * {@code /service/marathon/...}) are the same API as {@code /v2/...}; doubled slashes in the path are collapsed (as
 * Marathon's path ids drop empty segments: {@code /v2/apps//x} is app {@code /x}); and only the leading master serves
 * it — the others answer {@code 307} to the same URI on the leader, as the kernel's endpoints do, and a leader still
 * loading Marathon's state answers {@code 503}. {@code /ping}, {@code /v2/info} and {@code /v2/leader} answer
 * everywhere.
 */
@ApplicationScoped
public class MarathonHttp {

    private static final String[] PREFIXES = { "/service/marathon", "/marathon" };

    private final LeaderElection election;
    private final Marathon marathon;

    public MarathonHttp(LeaderElection election, Marathon marathon) {
        this.election = election;
        this.marathon = marathon;
    }

    void routes(@Observes Router router) {
        router.route().order(-1000).handler(this::door);
    }

    private void door(RoutingContext ctx) {
        String path = ctx.request().path();
        for (String prefix : PREFIXES) {
            if (path.startsWith(prefix + "/")) {
                String query = ctx.request().query();
                ctx.reroute(collapse(path.substring(prefix.length())) + (query == null ? "" : "?" + query));
                return;
            }
        }
        if (!isMarathon(path)) {
            ctx.next();
            return;
        }
        if (path.contains("//")) {
            String query = ctx.request().query();
            ctx.reroute(collapse(path) + (query == null ? "" : "?" + query));
            return;
        }
        if (path.equals("/ping") || path.equals("/v2/info") || path.equals("/v2/leader")) {
            ctx.next();
            return;
        }
        if (!election.isLeader()) {
            Optional<MasterInfo> leader = election.leader();
            if (leader.isEmpty()) {
                error(ctx, 503, "Could not determine the current leader");
                return;
            }
            MasterInfo info = leader.get();
            ctx.response().setStatusCode(307)
                    .putHeader("Location", "//" + (info.hasHostname() ? info.getHostname()
                            : info.getAddress().getIp()) + ":" + info.getPort() + ctx.request().uri())
                    .end();
            return;
        }
        BooleanSupplier ready = marathon::ready;
        if (!ready.getAsBoolean()) {
            error(ctx, 503, marathon.enabled() ? "Marathon has not finished loading its state"
                    : "Marathon is disabled on this cluster");
            return;
        }
        ctx.next();
    }

    static boolean isMarathon(String path) {
        return path.startsWith("/v2/") || path.equals("/v2") || path.equals("/ping") || path.equals("/metrics")
                || path.startsWith("/metrics/");
    }

    private static String collapse(String path) {
        return path.replaceAll("/{2,}", "/");
    }

    private static void error(RoutingContext ctx, int status, String message) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(MarathonApiException.of(status, message).body().toString());
    }
}
