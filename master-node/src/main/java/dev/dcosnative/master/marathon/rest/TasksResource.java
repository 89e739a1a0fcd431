package dev.dcosnative.master.marathon.rest;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

import dev.dcosnative.master.marathon.app.TaskService;

/** {@code /v2/tasks}: every task of every app, and {@code POST /v2/tasks/delete}. */
@Path("/v2/tasks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class TasksResource {

    private final TaskService tasks;

    public TasksResource(TaskService tasks) {
        this.tasks = tasks;
    }

    @GET
    public Uni<Response> list(@QueryParam("status") List<String> status, @QueryParam("status[]") List<String> statuses) {
        return tasks.allTasks(statuses(status, statuses)).map(AppsResource::ok);
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public Uni<Response> listText(@QueryParam("status") List<String> status,
            @QueryParam("status[]") List<String> statuses) {
        return tasks.allTasksText(statuses(status, statuses))
                .map(text -> Response.ok(text, MediaType.TEXT_PLAIN).build());
    }

    @POST
    @Path("delete")
    public Uni<Response> delete(byte[] body, @QueryParam("scale") @DefaultValue("false") boolean scale,
            @QueryParam("wipe") @DefaultValue("false") boolean wipe,
            @QueryParam("force") @DefaultValue("false") boolean force, @Context HttpServerRequest request) {
        return tasks.killTasks(body, scale, wipe, force, Requests.api(request)).map(AppsResource::killed);
    }

    private static Set<String> statuses(List<String> status, List<String> statuses) {
        Set<String> all = new LinkedHashSet<>();
        if (status != null) {
            all.addAll(status);
        }
        if (statuses != null) {
            all.addAll(statuses);
        }
        all.removeIf(String::isBlank);
        return all;
    }
}
