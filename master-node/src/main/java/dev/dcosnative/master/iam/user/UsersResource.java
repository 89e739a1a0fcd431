package dev.dcosnative.master.iam.user;

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

/**
 * {@code /acs/api/v1/users}: users and service accounts. Only for superusers, except reading one's own user; the
 * door ({@link IamHttp}) checked the token and the permission before a method runs.
 */
@Path(IamJson.API + "/users")
@Consumes(MediaType.WILDCARD)
public class UsersResource {

    private final UserService users;
    private final IamHttp http;

    public UsersResource(UserService users, IamHttp http) {
        this.users = users;
        this.http = http;
    }

    @GET
    public Uni<Response> list(@QueryParam("type") String type) {
        return users.list("service".equals(type)).map(IamJson::ok);
    }

    @GET
    @Path("{uid}")
    public Uni<Response> get(@PathParam("uid") String uid) {
        return users.get(uid).map(IamJson::ok);
    }

    @PUT
    @Path("{uid}")
    public Uni<Response> create(@PathParam("uid") String uid, byte[] body, @Context RoutingContext ctx) {
        return users.create(http.caller(ctx), uid, body).replaceWith(Response.status(201).build());
    }

    @PATCH
    @Path("{uid}")
    public Uni<Response> update(@PathParam("uid") String uid, byte[] body, @Context RoutingContext ctx) {
        return users.update(http.caller(ctx), uid, body).replaceWith(Response.noContent().build());
    }

    @DELETE
    @Path("{uid}")
    public Uni<Response> delete(@PathParam("uid") String uid, @Context RoutingContext ctx) {
        return users.delete(http.caller(ctx), uid).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("{uid}/groups")
    public Uni<Response> groups(@PathParam("uid") String uid) {
        return users.groups(uid).map(IamJson::ok);
    }

    @GET
    @Path("{uid}/permissions")
    public Uni<Response> permissions(@PathParam("uid") String uid) {
        return users.permissions(uid).map(IamJson::ok);
    }
}
