package dev.dcosnative.master.iam.group;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

import dev.dcosnative.master.iam.IamHttp;
import dev.dcosnative.master.iam.IamJson;

/** {@code /acs/api/v1/groups}: groups and their members. Superusers only (checked by the door, {@link IamHttp}). */
@Path(IamJson.API + "/groups")
@Consumes(MediaType.WILDCARD)
public class GroupsResource {

    private final GroupService groups;
    private final IamHttp http;

    public GroupsResource(GroupService groups, IamHttp http) {
        this.groups = groups;
        this.http = http;
    }

    @GET
    public Uni<Response> list() {
        return groups.list().map(IamJson::ok);
    }

    @GET
    @Path("{gid}")
    public Uni<Response> get(@PathParam("gid") String gid) {
        return groups.get(gid).map(IamJson::ok);
    }

    @PUT
    @Path("{gid}")
    public Uni<Response> create(@PathParam("gid") String gid, byte[] body, @Context RoutingContext ctx) {
        return groups.create(http.caller(ctx), gid, body).replaceWith(Response.status(201).build());
    }

    @PATCH
    @Path("{gid}")
    public Uni<Response> update(@PathParam("gid") String gid, byte[] body, @Context RoutingContext ctx) {
        return groups.update(http.caller(ctx), gid, body).replaceWith(Response.noContent().build());
    }

    @DELETE
    @Path("{gid}")
    public Uni<Response> delete(@PathParam("gid") String gid, @Context RoutingContext ctx) {
        return groups.delete(http.caller(ctx), gid).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("{gid}/users")
    public Uni<Response> members(@PathParam("gid") String gid, @QueryParam("type") String type) {
        return groups.members(gid, "service".equals(type)).map(IamJson::ok);
    }

    @GET
    @Path("{gid}/users/{uid}")
    public Uni<Response> member(@PathParam("gid") String gid, @PathParam("uid") String uid) {
        return groups.member(gid, uid).map(IamJson::ok);
    }

    @PUT
    @Path("{gid}/users/{uid}")
    public Uni<Response> addMember(@PathParam("gid") String gid, @PathParam("uid") String uid,
            @Context RoutingContext ctx) {
        return groups.addMember(http.caller(ctx), gid, uid).replaceWith(Response.noContent().build());
    }

    @DELETE
    @Path("{gid}/users/{uid}")
    public Uni<Response> removeMember(@PathParam("gid") String gid, @PathParam("uid") String uid,
            @Context RoutingContext ctx) {
        return groups.removeMember(http.caller(ctx), gid, uid).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("{gid}/permissions")
    public Uni<Response> permissions(@PathParam("gid") String gid) {
        return groups.permissions(gid).map(IamJson::ok);
    }
}
