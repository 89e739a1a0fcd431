package dev.dcosnative.master.iam.oidc;

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
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

import dev.dcosnative.master.iam.IamHttp;
import dev.dcosnative.master.iam.IamJson;

/**
 * {@code /acs/api/v1/auth/oidc}: the OpenID Connect providers (superusers only, although under the open
 * {@code /auth}) and the callback the providers send the browser back to after a login.
 */
@Path(IamJson.API + "/auth/oidc")
@Consumes(MediaType.WILDCARD)
public class OidcResource {

    private final OidcProviderService providers;
    private final OidcLoginService logins;
    private final IamHttp http;

    public OidcResource(OidcProviderService providers, OidcLoginService logins, IamHttp http) {
        this.providers = providers;
        this.logins = logins;
        this.http = http;
    }

    @GET
    @Path("providers")
    public Uni<Response> list(@Context RoutingContext ctx) {
        return http.requireSuperuser(ctx).chain(caller -> providers.list()).map(IamJson::ok);
    }

    @GET
    @Path("providers/{id}")
    public Uni<Response> get(@PathParam("id") String id, @Context RoutingContext ctx) {
        return http.requireSuperuser(ctx).chain(caller -> providers.get(id)).map(IamJson::ok);
    }

    @PUT
    @Path("providers/{id}")
    public Uni<Response> create(@PathParam("id") String id, byte[] body, @Context RoutingContext ctx) {
        return http.requireSuperuser(ctx).chain(caller -> providers.create(caller, id, body))
                .replaceWith(Response.status(201).build());
    }

    @PATCH
    @Path("providers/{id}")
    public Uni<Response> update(@PathParam("id") String id, byte[] body, @Context RoutingContext ctx) {
        return http.requireSuperuser(ctx).chain(caller -> providers.update(caller, id, body))
                .replaceWith(Response.noContent().build());
    }

    @DELETE
    @Path("providers/{id}")
    public Uni<Response> delete(@PathParam("id") String id, @Context RoutingContext ctx) {
        return http.requireSuperuser(ctx).chain(caller -> providers.delete(caller, id))
                .replaceWith(Response.noContent().build());
    }

    /**
     * The provider sends the browser here with {@code code} and {@code state} (or an {@code error}); it goes on to the
     * login's target, or, when the {@code dcos} CLI started the login, sees the ID token to paste.
     */
    @GET
    @Path("callback")
    public Uni<Response> callback(@QueryParam("code") String code, @QueryParam("state") String state,
            @QueryParam("error") String error, @Context RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(OidcLoginService.LOGIN_COOKIE);
        return logins.finish(code, state, error, cookie == null ? null : cookie.getValue(), http.remoteIp(ctx))
                .map(OidcLoginService::response);
    }
}
