package dev.dcosnative.master.marathon.rest;

import java.util.Optional;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.apache.mesos.v1.Protos.MasterInfo;

import io.smallrye.mutiny.Uni;

import dev.dcosnative.master.marathon.MarathonInfo;
import dev.dcosnative.master.mesos.leader.LeaderElection;

/**
 * Marathon's service endpoints: {@code /ping}, {@code /v2/info}, {@code /v2/leader} (GET, and DELETE to abdicate),
 * {@code /metrics} (JSON) and {@code /metrics/prometheus}. They answer on every master, leading or not.
 */
@Path("/")
public class InfoResource {

    private final MarathonInfo info;
    private final LeaderElection election;

    public InfoResource(MarathonInfo info, LeaderElection election) {
        this.info = info;
        this.election = election;
    }

    /** {@code pong} as text, whatever the client accepts (load balancers and probes send all sorts). */
    @GET
    @Path("ping")
    public Response ping() {
        return Response.ok("pong", MediaType.TEXT_PLAIN).build();
    }

    @GET
    @Path("v2/info")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> info() {
        return info.info().map(AppsResource::ok);
    }

    @GET
    @Path("v2/leader")
    @Produces(MediaType.APPLICATION_JSON)
    public Response leader() {
        Optional<MasterInfo> leader = election.leader();
        if (leader.isEmpty()) {
            throw MarathonApiException.notFound("There is no leader");
        }
        return AppsResource.ok(MarathonInfo.json().put("leader", MarathonInfo.hostPort(leader.get())));
    }

    @DELETE
    @Path("v2/leader")
    @Produces(MediaType.APPLICATION_JSON)
    public Response abdicate() {
        if (!election.abdicate()) {
            throw MarathonApiException.notFound("There is no leader");
        }
        return AppsResource.ok(MarathonInfo.json().put("message", "Leadership abdicated"));
    }

    @GET
    @Path("metrics")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> metrics() {
        return info.metrics().map(AppsResource::ok);
    }

    @GET
    @Path("metrics/prometheus")
    @Produces(MediaType.TEXT_PLAIN)
    public Uni<String> prometheus() {
        return info.prometheus();
    }
}
