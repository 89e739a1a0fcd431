package dev.dcosnative.master.iam.auth;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

import dev.dcosnative.master.iam.IamException;
import dev.dcosnative.master.iam.IamHttp;
import dev.dcosnative.master.iam.IamJson;
import dev.dcosnative.master.iam.Tokens;
import dev.dcosnative.master.iam.oidc.OidcLoginService;
import dev.dcosnative.master.iam.store.IamStore;
import dev.dcosnative.master.iam.store.OidcProviderEntity;
import dev.dcosnative.master.iam.token.SigningKeys;

/**
 * {@code /acs/api/v1/auth}: login, logout, the JWKS and the login providers. Open (no token needed), as in DC/OS.
 * The login sets the token in {@code dcos-acs-auth-cookie} (HttpOnly) and the user's description in
 * {@code dcos-acs-info-cookie} (base64 JSON the UI reads).
 */
@Path(IamJson.API + "/auth")
@Consumes(MediaType.WILDCARD)
public class AuthResource {

    /** A date long past, as Bouncer clears cookies with it. */
    private static final String EXPIRED = "Sat, 01 Jan 2000 00:00:00 GMT";

    private final LoginService logins;
    private final SigningKeys keys;
    private final IamStore store;
    private final IamHttp http;
    private final OidcLoginService oidc;

    public AuthResource(LoginService logins, SigningKeys keys, IamStore store, IamHttp http, OidcLoginService oidc) {
        this.logins = logins;
        this.oidc = oidc;
        this.keys = keys;
        this.store = store;
        this.http = http;
    }

    /**
     * {@code {uid, password}}, {@code {uid, token}} (a service login token) or {@code {token}} (an OIDC ID token the
     * {@code dcos} CLI's user pasted): a DC/OS token, also set in the cookies.
     */
    @POST
    @Path("login")
    public Uni<Response> login(byte[] body, @Context RoutingContext ctx) {
        return logins.login(body, http.remoteIp(ctx)).map(login -> {
            Response.ResponseBuilder response = Response.ok(IamJson.object().put("token", login.token()).toString(),
                    IamJson.CONTENT_TYPE);
            LoginCookies.of(login, logins.tokenLifetime()).forEach(cookie -> response.header("Set-Cookie", cookie));
            return response.build();
        });
    }

    /**
     * Single sign-on: {@code ?oidc-provider=<id>[&target=<path>]} sends the browser to the provider (authorization code
     * flow); it comes back to {@code /auth/oidc/callback} and from there to {@code target}.
     */
    @GET
    @Path("login")
    public Uni<Response> startSingleSignOn(@QueryParam("oidc-provider") String provider,
            @QueryParam("target") String target) {
        if (provider == null || provider.isBlank()) {
            throw new IamException(400, "ERR_MISSING_QUERY_PARAMETERS", "Expected query parameter `oidc-provider`.");
        }
        return oidc.start(provider, target).map(OidcLoginService::redirect);
    }

    @GET
    @Path("logout")
    public Response logout() {
        return Response.ok()
                .header("Set-Cookie", Tokens.AUTH_COOKIE + "=; Expires=" + EXPIRED + "; Path=/; HttpOnly; SameSite=Lax")
                .header("Set-Cookie", Tokens.INFO_COOKIE + "=; Expires=" + EXPIRED + "; Path=/; SameSite=Lax")
                .build();
    }

    @GET
    @Path("jwks")
    public Response jwks() {
        return Response.ok(keys.jwks(), IamJson.CONTENT_TYPE).build();
    }

    /** Which login methods there are: local users, service accounts, and each configured OIDC provider. */
    @GET
    @Path("providers")
    public Uni<Response> providers() {
        return store.read(() -> OidcProviderEntity.<OidcProviderEntity> list("order by providerId")).map(oidc -> {
            ObjectNode json = IamJson.object();
            json.set("dcos-users", provider("dcos-uid-password", "dcos-usercredential-post-receive-authtoken",
                    "Default: login with uid and password", IamJson.API + "/auth/login"));
            json.set("dcos-services", provider("dcos-uid-servicekey", "dcos-servicecredential-post-receive-authtoken",
                    "Default: login with uid and service login token", IamJson.API + "/auth/login"));
            oidc.forEach(p -> json.set(p.providerId, provider("oidc-authorization-code-flow",
                    "browser-prompt-oidcidtoken-get-authtoken", p.description,
                    IamJson.API + "/auth/login?oidc-provider=" + IamJson.segment(p.providerId))));
            return IamJson.ok(json);
        });
    }

    private static ObjectNode provider(String type, String clientMethod, String description, String startFlowUrl) {
        ObjectNode json = IamJson.object();
        json.put("authentication-type", type);
        json.put("client-method", clientMethod);
        json.putObject("config").put("start_flow_url", startFlowUrl);
        json.put("description", description);
        return json;
    }
}
