package dev.dcosnative.master.marathon.rest;

import java.net.URI;
import java.util.List;

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

import dev.dcosnative.master.marathon.app.AppService;
import dev.dcosnative.master.marathon.app.TaskService;
import dev.dcosnative.master.marathon.app.core.LabelSelector;
import dev.dcosnative.master.marathon.view.AppViews.Embed;
import dev.dcosnative.shared.marathon.MarathonJson;

/** {@code /v2/apps}: Marathon's apps, their tasks and versions. Thin: parse, call the service, shape the answer. */
@Path("/v2/apps")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class AppsResource {

    private static final String DEPLOYMENT_HEADER = "Marathon-Deployment-Id";

    private final AppService apps;
    private final TaskService tasks;

    public AppsResource(AppService apps, TaskService tasks) {
        this.apps = apps;
        this.tasks = tasks;
    }

    @GET
    public Uni<Response> list(@QueryParam("cmd") String cmd, @QueryParam("id") String id,
            @QueryParam("label") String label, @QueryParam("embed") List<String> embed) {
        AppService.Filter filter = new AppService.Filter(cmd, id, label == null ? null : LabelSelector.parse(label));
        return apps.list(filter, Requests.embeds(embed, Embed.COUNTS, Embed.DEPLOYMENTS)).map(AppsResource::ok);
    }

    @POST
    public Uni<Response> create(byte[] body, @QueryParam("force") @DefaultValue("false") boolean force,
            @Context HttpServerRequest request) {
        return apps.create(body, force, Requests.api(request)).map(deployed -> {
            var info = MarathonJson.toTree(deployed.app());
            info.put("tasksStaged", 0).put("tasksRunning", 0).put("tasksHealthy", 0).put("tasksUnhealthy", 0);
            info.putArray("deployments").addObject().put("id", deployed.plan().id());
            return Response.created(URI.create("/v2/apps" + deployed.app().id()))
                    .header(DEPLOYMENT_HEADER, deployed.plan().id()).entity(info.toString()).build();
        });
    }

    @PUT
    public Uni<Response> replaceMany(byte[] body, @QueryParam("force") @DefaultValue("false") boolean force,
            @QueryParam("partialUpdate") @DefaultValue("true") boolean partialUpdate,
            @Context HttpServerRequest request) {
        return apps.updateMany(body, partialUpdate, false, force, Requests.api(request)).map(AppsResource::deployed);
    }

    @PATCH
    public Uni<Response> patchMany(byte[] body, @QueryParam("force") @DefaultValue("false") boolean force,
            @Context HttpServerRequest request) {
        return apps.updateMany(body, true, true, force, Requests.api(request)).map(AppsResource::deployed);
    }

    @GET
    @Path("{id:.+}")
    public Uni<Response> show(@PathParam("id") String id, @QueryParam("embed") List<String> embed) {
        var embeds = Requests.embeds(embed, Embed.COUNTS, Embed.TASKS, Embed.LAST_TASK_FAILURE, Embed.DEPLOYMENTS);
        if (id.endsWith("/*") || id.equals("*")) {
            return apps.listGroup(Requests.id(id.substring(0, id.length() - 1)), embeds).map(AppsResource::ok);
        }
        return apps.get(Requests.id(id), embeds).map(AppsResource::ok);
    }

    @PUT
    @Path("{id:.+}")
    public Uni<Response> replace(@PathParam("id") String id, byte[] body,
            @QueryParam("force") @DefaultValue("false") boolean force,
            @QueryParam("partialUpdate") @DefaultValue("true") boolean partialUpdate,
            @Context HttpServerRequest request) {
        return apps.update(Requests.id(id), body, partialUpdate, false, force, Requests.api(request))
                .map(AppsResource::deployed);
    }

    @PATCH
    @Path("{id:.+}")
    public Uni<Response> patch(@PathParam("id") String id, byte[] body,
            @QueryParam("force") @DefaultValue("false") boolean force, @Context HttpServerRequest request) {
        return apps.update(Requests.id(id), body, true, true, force, Requests.api(request))
                .map(AppsResource::deployed);
    }

    @DELETE
    @Path("{id:.+}")
    public Uni<Response> delete(@PathParam("id") String id, @QueryParam("force") @DefaultValue("true") boolean force,
            @Context HttpServerRequest request) {
        return apps.delete(Requests.id(id), force, Requests.api(request)).map(AppsResource::deployed);
    }

    @POST
    @Path("{id:.+}/restart")
    public Uni<Response> restart(@PathParam("id") String id,
            @QueryParam("force") @DefaultValue("false") boolean force, @Context HttpServerRequest request) {
        return apps.restart(Requests.id(id), force, Requests.api(request)).map(AppsResource::deployed);
    }

    @GET
    @Path("{id:.+}/tasks")
    public Uni<Response> tasks(@PathParam("id") String id) {
        return tasks.appTasks(Requests.id(id)).map(AppsResource::ok);
    }

    @GET
    @Path("{id:.+}/tasks")
    @Produces(MediaType.TEXT_PLAIN)
    public Uni<Response> tasksText(@PathParam("id") String id) {
        return tasks.appTasksText(Requests.id(id)).map(text -> Response.ok(text, MediaType.TEXT_PLAIN).build());
    }

    @DELETE
    @Path("{id:.+}/tasks")
    public Uni<Response> killTasks(@PathParam("id") String id, @QueryParam("host") String host,
            @QueryParam("scale") @DefaultValue("false") boolean scale,
            @QueryParam("wipe") @DefaultValue("false") boolean wipe,
            @QueryParam("force") @DefaultValue("false") boolean force, @Context HttpServerRequest request) {
        return tasks.killAppTasks(Requests.id(id), host, scale, wipe, force, Requests.api(request))
                .map(AppsResource::killed);
    }

    @DELETE
    @Path("{id:.+}/tasks/{taskId}")
    public Uni<Response> killTask(@PathParam("id") String id, @PathParam("taskId") String taskId,
            @QueryParam("scale") @DefaultValue("false") boolean scale,
            @QueryParam("wipe") @DefaultValue("false") boolean wipe,
            @QueryParam("force") @DefaultValue("false") boolean force, @Context HttpServerRequest request) {
        return tasks.killAppTask(Requests.id(id), taskId, scale, wipe, force, Requests.api(request))
                .map(AppsResource::killed);
    }

    @GET
    @Path("{id:.+}/versions")
    public Uni<Response> versions(@PathParam("id") String id) {
        return apps.versions(Requests.id(id)).map(versions -> {
            var body = MarathonJson.MAPPER.createObjectNode();
            var list = body.putArray("versions");
            List<String> newestFirst = new java.util.ArrayList<>(versions);
            java.util.Collections.reverse(newestFirst);
            newestFirst.forEach(list::add);
            return ok(body);
        });
    }

    @GET
    @Path("{id:.+}/versions/{version}")
    public Uni<Response> version(@PathParam("id") String id, @PathParam("version") String version) {
        return apps.version(Requests.id(id), version).map(app -> ok(MarathonJson.toTree(app)));
    }

    static Response ok(Object body) {
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON).build();
    }

    static Response deployed(AppService.Deployed deployed) {
        return Response.status(deployed.created() ? 201 : 200).type(MediaType.APPLICATION_JSON)
                .header(DEPLOYMENT_HEADER, deployed.plan().id()).entity(deployed.body().toString()).build();
    }

    static Response killed(Object body) {
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) body;
        Response.ResponseBuilder response = Response.ok(node.toString(), MediaType.APPLICATION_JSON);
        if (node.has("deploymentId")) {
            response.header(DEPLOYMENT_HEADER, node.get("deploymentId").asText());
        }
        return response.build();
    }
}
