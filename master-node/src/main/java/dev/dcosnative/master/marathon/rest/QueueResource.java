package dev.dcosnative.master.marathon.rest;

import java.util.List;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

import dev.dcosnative.master.marathon.launch.QueueService;

/** {@code /v2/queue}: what waits to launch and why; DELETE of an app's delay ends its backoff. */
@Path("/v2/queue")
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {

    private final QueueService queue;

    public QueueResource(QueueService queue) {
        this.queue = queue;
    }

    @GET
    public Uni<Response> queue(@QueryParam("embed") List<String> embed) {
        boolean unused = embed != null && embed.stream().anyMatch(e -> e.contains("lastUnusedOffers"));
        return queue.queue(unused).map(AppsResource::ok);
    }

    @DELETE
    @Path("{id:.+}/delay")
    public Uni<Response> resetDelay(@PathParam("id") String id) {
        return queue.resetDelay(Requests.id(id)).map(v -> Response.noContent().build());
    }
}
