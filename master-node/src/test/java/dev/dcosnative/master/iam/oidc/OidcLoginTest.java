package dev.dcosnative.master.iam.oidc;

import static dev.dcosnative.master.iam.IamTestSupport.as;
import static dev.dcosnative.master.iam.IamTestSupport.asSuperuser;
import static dev.dcosnative.master.iam.IamTestSupport.createUser;
import static dev.dcosnative.master.iam.IamTestSupport.login;
import static dev.dcosnative.master.iam.IamTestSupport.unique;
import static dev.dcosnative.master.iam.oidc.OidcBrowser.CLIENT_ID;
import static dev.dcosnative.master.iam.oidc.OidcBrowser.CLIENT_SECRET;
import static dev.dcosnative.master.iam.oidc.OidcBrowser.browserLogin;
import static dev.dcosnative.master.iam.oidc.OidcBrowser.configureProvider;
import static dev.dcosnative.master.iam.oidc.OidcBrowser.cookies;
import static dev.dcosnative.master.iam.oidc.OidcBrowser.get;
import static dev.dcosnative.master.iam.oidc.OidcBrowser.invite;
import static dev.dcosnative.master.iam.oidc.OidcBrowser.issuer;
import static dev.dcosnative.master.iam.oidc.OidcBrowser.providerJson;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.dcosnative.master.iam.IamHttp;
import dev.dcosnative.master.iam.IamTestSupport;
import dev.dcosnative.master.iam.Tokens;
import dev.dcosnative.master.iam.db.Database;

/**
 * OpenID Connect login from the outside: a real provider (mock-oauth2-server on 127.0.0.1, a free port) configured
 * through {@code /acs/api/v1/auth/oidc/providers} as the superuser, and the whole browser flow (login → provider →
 * callback → target) with a plain HTTP client that follows the redirects itself.
 */
@QuarkusTest
class OidcLoginTest {

    @Inject
    IamHttp http;

    @Inject
    Tokens tokens;

    @Inject
    Database database;

    @BeforeAll
    static void startProvider() throws Exception {
        OidcBrowser.startProvider();
    }

    @AfterAll
    static void stopProvider() {
        OidcBrowser.stopProvider();
    }

    @BeforeEach
    void awaitIam() throws InterruptedException {
        IamTestSupport.awaitIam(http);
    }

    @Test
    void anInvitedUserLogsInThroughTheProviderAndLandsOnTheTarget() throws Exception {
        String providerId = configureProvider();
        String uid = unique("oidc-alice") + "@example.com";
        invite(uid, providerId);

        given().get("/acs/api/v1/auth/providers").then().statusCode(200)
                .body("'" + providerId + "'.authentication-type", equalTo("oidc-authorization-code-flow"))
                .body("'" + providerId + "'.client-method", equalTo("browser-prompt-oidcidtoken-get-authtoken"))
                .body("'" + providerId + "'.config.start_flow_url",
                        equalTo("/acs/api/v1/auth/login?oidc-provider=" + providerId))
                .body("'" + providerId + "'.description", equalTo("Test provider " + providerId));

        HttpResponse<String> done = browserLogin(providerId, "/#/services?x=1", uid, Optional.empty());

        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
        assertThat(done.headers().firstValue("Location")).contains("/#/services?x=1");
        Map<String, String> cookies = cookies(done);
        assertThat(cookies).containsKeys(Tokens.AUTH_COOKIE, Tokens.INFO_COOKIE);
        assertThat(tokens.verify(cookies.get(Tokens.AUTH_COOKIE))).contains(uid);
        assertThat(done.headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith(Tokens.AUTH_COOKIE + "=").contains("HttpOnly")
                        .contains("Path=/"));
        // the cookie's token opens the user's own record
        given().cookie(Tokens.AUTH_COOKIE, cookies.get(Tokens.AUTH_COOKIE)).get("/acs/api/v1/users/" + uid).then()
                .statusCode(200).body("provider_type", equalTo("oidc")).body("provider_id", equalTo(providerId));

        try (Connection sql = IamTestSupport.sql(database);
                PreparedStatement query = sql.prepareStatement("select outcome, detail from iam_audit "
                        + "where action = 'login' and object = ? order by id")) {
            query.setString(1, uid);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString("outcome")).isEqualTo("success");
                assertThat(rows.getString("detail")).isEqualTo("oidc " + providerId);
            }
        }
    }

    @Test
    void anAbsoluteTargetIsReplacedByTheClusterRoot() throws Exception {
        String providerId = configureProvider();
        String uid = unique("oidc-dan") + "@example.com";
        invite(uid, providerId);

        HttpResponse<String> done = browserLogin(providerId, "//evil.example.com/x", uid, Optional.empty());

        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
        assertThat(done.headers().firstValue("Location")).contains("/");
    }

    @Test
    void anUninvitedUserIsRefusedWithoutACookie() throws Exception {
        String providerId = configureProvider();
        String otherProvider = configureProvider();
        String stranger = unique("oidc-mallory") + "@example.com";
        String invitedElsewhere = unique("oidc-bob") + "@example.com";
        invite(invitedElsewhere, otherProvider);
        String local = unique("oidc-local") + "@example.com";
        createUser(local, "local-password");

        for (String uid : List.of(stranger, invitedElsewhere, local)) {
            HttpResponse<String> refused = browserLogin(providerId, "/", uid, Optional.empty());

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            assertThat(refused.body()).contains("\"title\":\"403 Forbidden\"").contains("ERR_USER_NOT_INVITED")
                    .contains(uid);
            assertThat(cookies(refused)).doesNotContainKeys(Tokens.AUTH_COOKIE, Tokens.INFO_COOKIE);
        }
    }

    @Test
    void aTamperedOrMissingStateIsABadRequest() throws Exception {
        String providerId = configureProvider();
        String uid = unique("oidc-carol") + "@example.com";
        invite(uid, providerId);

        HttpResponse<String> tampered = browserLogin(providerId, "/", uid, Optional.of("not-the-state"));
        assertThat(tampered.statusCode()).as(tampered.body()).isEqualTo(400);
        assertThat(tampered.body()).contains("\"title\":\"400 Bad Request\"").contains("ERR_OIDC_INVALID_STATE");
        assertThat(cookies(tampered)).doesNotContainKey(Tokens.AUTH_COOKIE);

        // a callback without the browser's login cookie
        HttpResponse<String> noCookie = get("/acs/api/v1/auth/oidc/callback?code=x&state=y", null);
        assertThat(noCookie.statusCode()).isEqualTo(400);
        assertThat(noCookie.body()).contains("ERR_OIDC_INVALID_STATE");
    }

    @Test
    void unknownProvidersCannotStartALogin() throws Exception {
        HttpResponse<String> unknown = get("/acs/api/v1/auth/login?oidc-provider=" + unique("nope"), null);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("ERR_UNKNOWN_OIDC_PROVIDER");
    }

    @Test
    void theProviderApiIsForSuperusersAndNeverAnswersTheSecret() {
        String providerId = unique("idp");
        String path = "/acs/api/v1/auth/oidc/providers/" + providerId;

        given().contentType(ContentType.JSON).body(providerJson("x")).put(path).then().statusCode(401)
                .header("WWW-Authenticate", "oauthjwt").body("title", equalTo("401 Unauthorized"));
        given().get("/acs/api/v1/auth/oidc/providers").then().statusCode(401);
        String user = unique("oidc-plain");
        createUser(user, "plain-password");
        String userToken = login(user, "plain-password");
        as(userToken).contentType(ContentType.JSON).body(providerJson("x")).put(path).then().statusCode(403)
                .body("title", equalTo("403 Forbidden"));
        as(userToken).get("/acs/api/v1/auth/oidc/providers").then().statusCode(403);

        asSuperuser().contentType(ContentType.JSON).body("{not json").put(path).then().statusCode(400)
                .body("title", equalTo("400 Bad Request")).body("code", equalTo("ERR_INVALID_DATA"));
        asSuperuser().contentType(ContentType.JSON).body("{\"base_url\":\"http://127.0.0.1\",\"client_id\":\"c\","
                + "\"client_secret\":\"s\"}").put(path).then().statusCode(400)
                .body("code", equalTo("ERR_INVALID_DATA")).body("description", equalTo("`issuer` must be provided"));
        asSuperuser().contentType(ContentType.JSON).body("{\"issuer\":\"ftp://x\",\"base_url\":\"http://127.0.0.1\","
                + "\"client_id\":\"c\",\"client_secret\":\"s\"}").put(path).then().statusCode(400);
        asSuperuser().contentType(ContentType.JSON).body(providerJson("x")).put("/acs/api/v1/auth/oidc/providers/"
                + "bad%20id").then().statusCode(400).body("code", equalTo("ERR_INVALID_PROVIDER_ID"));
        asSuperuser().get(path).then().statusCode(404).body("title", equalTo("404 Not Found"));

        asSuperuser().contentType(ContentType.JSON).body(providerJson("first")).put(path).then().statusCode(201);
        asSuperuser().contentType(ContentType.JSON).body(providerJson("again")).put(path).then().statusCode(409)
                .body("title", equalTo("409 Conflict"));

        asSuperuser().get(path).then().statusCode(200)
                .body("description", equalTo("first"))
                .body("issuer", equalTo(issuer()))
                .body("client_id", equalTo(CLIENT_ID))
                .body("verify_server_certificate", equalTo(true))
                .body("$", not(hasKey("client_secret")));
        assertThat(asSuperuser().get(path).asString()).doesNotContain(CLIENT_SECRET);
        asSuperuser().get("/acs/api/v1/auth/oidc/providers").then().statusCode(200)
                .body("'" + providerId + "'", equalTo("first"));
        assertThat(asSuperuser().get("/acs/api/v1/auth/oidc/providers").asString()).doesNotContain(CLIENT_SECRET);

        asSuperuser().contentType(ContentType.JSON).body("{\"description\":\"second\"}").patch(path).then()
                .statusCode(204);
        asSuperuser().get(path).then().statusCode(200).body("description", equalTo("second"))
                .body("client_id", equalTo(CLIENT_ID));
        asSuperuser().contentType(ContentType.JSON).body("{\"client_secret\":7}").patch(path).then().statusCode(400);
        asSuperuser().contentType(ContentType.JSON).body("{\"description\":\"x\"}")
                .patch("/acs/api/v1/auth/oidc/providers/" + unique("none")).then().statusCode(404);

        asSuperuser().delete(path).then().statusCode(204);
        asSuperuser().get(path).then().statusCode(404);
        asSuperuser().delete(path).then().statusCode(404);
    }
}
