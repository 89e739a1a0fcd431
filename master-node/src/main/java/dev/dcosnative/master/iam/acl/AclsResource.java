package dev.dcosnative.master.iam.acl;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

import dev.dcosnative.master.iam.IamHttp;
import dev.dcosnative.master.iam.IamJson;

/**
 * {@code /acs/api/v1/acls}: ACLs and the permissions on them. A rid containing {@code /} arrives URL-encoded
 * ({@code %2F}) and is one path segment. Superusers only (checked by the door, {@link IamHttp}).
 */
@Path(IamJson.API + "/acls")
@Consumes(MediaType.WILDCARD)
public class AclsResource {

    private final AclService acls;
    private final IamHttp http;

    public AclsResource(AclService acls, IamHttp http) {
        this.acls = acls;
        this.http = http;
    }

    @GET
    public Uni<Response> list() {
        return acls.list().map(IamJson::ok);
    }

    @GET
    @Path("{rid}")
    public Uni<Response> get(@PathParam("rid") String rid) {
        return acls.get(rid).map(IamJson::ok);
    }

    @PUT
    @Path("{rid}")
    public Uni<Response> create(@PathParam("rid") String rid, byte[] body, @Context RoutingContext ctx) {
        return acls.create(http.caller(ctx), rid, body).replaceWith(Response.status(201).build());
    }

    @PATCH
    @Path("{rid}")
    public Uni<Response> update(@PathParam("rid") String rid, byte[] body, @Context RoutingContext ctx) {
        return acls.update(http.caller(ctx), rid, body).replaceWith(Response.noContent().build());
    }

    @DELETE
    @Path("{rid}")
    public Uni<Response> delete(@PathParam("rid") String rid, @Context RoutingContext ctx) {
        return acls.delete(http.caller(ctx), rid).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("{rid}/permissions")
    public Uni<Response> permissions(@PathParam("rid") String rid) {
        return acls.permissions(rid).map(IamJson::ok);
    }

    @GET
    @Path("{rid}/users/{uid}")
    public Uni<Response> userActions(@PathParam("rid") String rid, @PathParam("uid") String uid) {
        return acls.userActions(rid, uid).map(IamJson::ok);
    }

    @DELETE
    @Path("{rid}/users/{uid}")
    public Uni<Response> revokeUser(@PathParam("rid") String rid, @PathParam("uid") String uid,
            @Context RoutingContext ctx) {
        return acls.revokeUser(http.caller(ctx), rid, uid, null).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("{rid}/users/{uid}/{action}")
    public Uni<Response> userAllowed(@PathParam("rid") String rid, @PathParam("uid") String uid,
            @PathParam("action") String action) {
        return acls.userAllowed(rid, uid, action).map(IamJson::ok);
    }

    @PUT
    @Path("{rid}/users/{uid}/{action}")
    public Uni<Response> grantUser(@PathParam("rid") String rid, @PathParam("uid") String uid,
            @PathParam("action") String action, @Context RoutingContext ctx) {
        return acls.grantUser(http.caller(ctx), rid, uid, action).replaceWith(Response.noContent().build());
    }

    @DELETE
    @Path("{rid}/users/{uid}/{action}")
    public Uni<Response> revokeUserAction(@PathParam("rid") String rid, @PathParam("uid") String uid,
            @PathParam("action") String action, @Context RoutingContext ctx) {
        return acls.revokeUser(http.caller(ctx), rid, uid, action).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("{rid}/groups/{gid}")
    public Uni<Response> groupActions(@PathParam("rid") String rid, @PathParam("gid") String gid) {
        return acls.groupActions(rid, gid).map(IamJson::ok);
    }

    @DELETE
    @Path("{rid}/groups/{gid}")
    public Uni<Response> revokeGroup(@PathParam("rid") String rid, @PathParam("gid") String gid,
            @Context RoutingContext ctx) {
        return acls.revokeGroup(http.caller(ctx), rid, gid, null).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("{rid}/groups/{gid}/{action}")
    public Uni<Response> groupAllowed(@PathParam("rid") String rid, @PathParam("gid") String gid,
            @PathParam("action") String action) {
        return acls.groupAllowed(rid, gid, action).map(IamJson::ok);
    }

    @PUT
    @Path("{rid}/groups/{gid}/{action}")
    public Uni<Response> grantGroup(@PathParam("rid") String rid, @PathParam("gid") String gid,
            @PathParam("action") String action, @Context RoutingContext ctx) {
        return acls.grantGroup(http.caller(ctx), rid, gid, action).replaceWith(Response.noContent().build());
    }

    @DELETE
    @Path("{rid}/groups/{gid}/{action}")
    public Uni<Response> revokeGroupAction(@PathParam("rid") String rid, @PathParam("gid") String gid,
            @PathParam("action") String action, @Context RoutingContext ctx) {
        return acls.revokeGroup(http.caller(ctx), rid, gid, action).replaceWith(Response.noContent().build());
    }
}
