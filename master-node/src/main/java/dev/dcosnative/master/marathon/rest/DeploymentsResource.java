package dev.dcosnative.master.marathon.rest;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

import dev.dcosnative.master.marathon.deployment.DeploymentApi;
import dev.dcosnative.master.marathon.view.DeploymentViews;

/** {@code /v2/deployments}: running deployments; DELETE rolls one back, or with {@code force} just stops it. */
@Path("/v2/deployments")
@Produces(MediaType.APPLICATION_JSON)
public class DeploymentsResource {

    private final DeploymentApi deployments;

    public DeploymentsResource(DeploymentApi deployments) {
        this.deployments = deployments;
    }

    @GET
    public Uni<Response> list() {
        return deployments.list().map(AppsResource::ok);
    }

    @DELETE
    @Path("{id}")
    public Uni<Response> cancel(@PathParam("id") String id, @QueryParam("force") @DefaultValue("false") boolean force,
            @Context HttpServerRequest request) {
        return deployments.cancel(id, force, Requests.api(request)).map(cancelled -> {
            if (cancelled.rollback() == null) {
                return Response.status(202).build();
            }
            return Response.ok(DeploymentViews.result(cancelled.rollback()).toString(), MediaType.APPLICATION_JSON)
                    .header("Marathon-Deployment-Id", cancelled.rollback().id()).build();
        });
    }
}
