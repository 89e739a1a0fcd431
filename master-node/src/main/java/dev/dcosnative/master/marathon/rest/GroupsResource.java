package dev.dcosnative.master.marathon.rest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

import dev.dcosnative.master.marathon.deployment.core.DeploymentPlan;
import dev.dcosnative.master.marathon.group.GroupService;
import dev.dcosnative.master.marathon.view.AppViews;
import dev.dcosnative.master.marathon.view.DeploymentViews;
import dev.dcosnative.shared.marathon.MarathonJson;
import dev.dcosnative.shared.marathon.PathId;

/** {@code /v2/groups}: the group tree, changes to a subtree, and group versions. */
@Path("/v2/groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class GroupsResource {

    private final GroupService groups;

    public GroupsResource(GroupService groups) {
        this.groups = groups;
    }

    @GET
    public Uni<Response> root(@QueryParam("embed") List<String> embed) {
        return groups.get(PathId.ROOT, embeds(embed)).map(AppsResource::ok);
    }

    @GET
    @Path("{id:.+}")
    public Uni<Response> show(@PathParam("id") String id, @QueryParam("embed") List<String> embed) {
        return groups.get(Requests.id(id), embeds(embed)).map(AppsResource::ok);
    }

    @GET
    @Path("versions")
    public Uni<Response> rootVersions() {
        return versions(PathId.ROOT);
    }

    @GET
    @Path("{id:.+}/versions")
    public Uni<Response> versions(@PathParam("id") String id) {
        return versions(Requests.id(id));
    }

    @GET
    @Path("versions/{version}")
    public Uni<Response> rootVersion(@PathParam("version") String version) {
        return groups.version(PathId.ROOT, version).map(AppsResource::ok);
    }

    @GET
    @Path("{id:.+}/versions/{version}")
    public Uni<Response> version(@PathParam("id") String id, @PathParam("version") String version) {
        return groups.version(Requests.id(id), version).map(AppsResource::ok);
    }

    @POST
    public Uni<Response> create(byte[] body, @QueryParam("force") @DefaultValue("false") boolean force,
            @Context HttpServerRequest request) {
        return groups.create(body, force, Requests.api(request)).map(plan -> deployed(plan, 201));
    }

    @PUT
    public Uni<Response> updateRoot(byte[] body, @QueryParam("force") @DefaultValue("false") boolean force,
            @Context HttpServerRequest request) {
        return groups.update(PathId.ROOT, body, force, Requests.api(request)).map(plan -> deployed(plan, 200));
    }

    @PUT
    @Path("{id:.+}")
    public Uni<Response> update(@PathParam("id") String id, byte[] body,
            @QueryParam("force") @DefaultValue("false") boolean force, @Context HttpServerRequest request) {
        return groups.update(Requests.id(id), body, force, Requests.api(request)).map(plan -> deployed(plan, 200));
    }

    @PATCH
    @Path("{id:.+}")
    public Uni<Response> patch(@PathParam("id") String id, byte[] body,
            @QueryParam("force") @DefaultValue("false") boolean force, @Context HttpServerRequest request) {
        return update(id, body, force, request);
    }

    @POST
    @Path("{id:.+}")
    public Uni<Response> createIn(@PathParam("id") String id, byte[] body,
            @QueryParam("force") @DefaultValue("false") boolean force, @Context HttpServerRequest request) {
        return groups.update(Requests.id(id), body, force, Requests.api(request)).map(plan -> deployed(plan, 201));
    }

    @DELETE
    public Uni<Response> deleteRoot(@QueryParam("force") @DefaultValue("false") boolean force,
            @Context HttpServerRequest request) {
        return groups.delete(PathId.ROOT, force, Requests.api(request)).map(plan -> deployed(plan, 200));
    }

    @DELETE
    @Path("{id:.+}")
    public Uni<Response> delete(@PathParam("id") String id,
            @QueryParam("force") @DefaultValue("false") boolean force, @Context HttpServerRequest request) {
        return groups.delete(Requests.id(id), force, Requests.api(request)).map(plan -> deployed(plan, 200));
    }

    private Uni<Response> versions(PathId id) {
        return groups.versions(id).map(versions -> {
            List<String> newestFirst = new ArrayList<>(versions);
            Collections.reverse(newestFirst);
            var body = MarathonJson.MAPPER.createArrayNode();
            newestFirst.forEach(body::add);
            return AppsResource.ok(body);
        });
    }

    /** {@code group.groups} and {@code group.apps} by default; {@code group.apps.*} for the apps. */
    private static GroupService.Embeds embeds(List<String> embed) {
        if (embed == null || embed.isEmpty()) {
            return new GroupService.Embeds(true, true, Set.of());
        }
        List<String> all = embed.stream().flatMap(e -> java.util.Arrays.stream(e.split(","))).map(String::trim)
                .toList();
        Set<AppViews.Embed> appEmbeds = Requests.embeds(all.stream().filter(e -> e.startsWith("group.apps."))
                .toList());
        return new GroupService.Embeds(all.contains("group.groups"),
                all.contains("group.apps") || !appEmbeds.isEmpty(), appEmbeds);
    }

    private static Response deployed(DeploymentPlan plan, int status) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).header("Marathon-Deployment-Id", plan.id())
                .entity(DeploymentViews.result(plan).toString()).build();
    }
}
