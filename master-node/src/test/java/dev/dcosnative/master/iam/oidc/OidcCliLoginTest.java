package dev.dcosnative.master.iam.oidc;

import static dev.dcosnative.master.iam.IamTestSupport.asSuperuser;
import static dev.dcosnative.master.iam.IamTestSupport.unique;
import static dev.dcosnative.master.iam.oidc.OidcBrowser.CLIENT_ID;
import static dev.dcosnative.master.iam.oidc.OidcBrowser.ISSUER_ID;
import static dev.dcosnative.master.iam.oidc.OidcBrowser.browserLogin;
import static dev.dcosnative.master.iam.oidc.OidcBrowser.configureProvider;
import static dev.dcosnative.master.iam.oidc.OidcBrowser.cookies;
import static dev.dcosnative.master.iam.oidc.OidcBrowser.idToken;
import static dev.dcosnative.master.iam.oidc.OidcBrowser.invite;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import dev.dcosnative.master.iam.IamHttp;
import dev.dcosnative.master.iam.IamTestSupport;
import dev.dcosnative.master.iam.Tokens;
import dev.dcosnative.master.iam.core.OidcFlow;
import dev.dcosnative.master.iam.db.Database;

/**
 * The {@code dcos} CLI's OpenID Connect login, as in DC/OS: the browser's login with the target
 * {@value OidcFlow#CLI_TARGET} ends on a page showing the provider's ID token, which the CLI posts to
 * {@code /acs/api/v1/auth/login} without uid for a DC/OS token. A real provider (mock-oauth2-server on 127.0.0.1).
 */
@QuarkusTest
class OidcCliLoginTest {

    private static final Pattern TEXTAREA = Pattern.compile("<textarea[^>]*>([^<]*)</textarea>");

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
    void theBrowserShowsTheIdTokenWhichTheCliTradesForADcosToken() throws Exception {
        String providerId = configureProvider();
        String uid = unique("oidc-cli") + "@example.com";
        invite(uid, providerId);

        HttpResponse<String> page = browserLogin(providerId, OidcFlow.CLI_TARGET, uid, Optional.empty());

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.headers().firstValue("Location")).isEmpty();
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/html"));
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(c -> assertThat(c)
                .contains("default-src 'none'"));
        assertThat(page.body()).contains("dcos").contains("paste");
        // the browser is logged in too, as after any login
        Map<String, String> cookies = cookies(page);
        assertThat(tokens.verify(cookies.get(Tokens.AUTH_COOKIE))).contains(uid);
        assertThat(cookies).containsKey(Tokens.INFO_COOKIE);

        Matcher shown = TEXTAREA.matcher(page.body());
        assertThat(shown.find()).as(page.body()).isTrue();
        String idToken = shown.group(1).trim();
        assertThat(idToken.split("\\.")).hasSize(3);
        assertThat(payload(idToken)).contains("\"email\":\"" + uid + "\"");

        Response login = given().contentType(ContentType.JSON).body("{\"token\":\"" + idToken + "\"}")
                .post("/acs/api/v1/auth/login");
        login.then().statusCode(200).contentType(ContentType.JSON);
        String token = login.path("token");
        assertThat(tokens.verify(token)).contains(uid);
        assertThat(login.headers().getValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith(Tokens.AUTH_COOKIE + "=" + token).contains("HttpOnly"));
        // the DC/OS token opens the user's own record
        given().header("Authorization", "token=" + token).get("/acs/api/v1/users/" + uid).then().statusCode(200)
                .body("provider_id", equalTo(providerId));

        assertThat(loginAudit(uid)).containsExactly("success oidc " + providerId,
                "success oidc " + providerId + " id token");
    }

    @Test
    void anInvitedUsersFreshIdTokenLogsIn() {
        String providerId = configureProvider();
        String uid = unique("oidc-fresh") + "@example.com";
        invite(uid, providerId);

        String token = given().contentType(ContentType.JSON)
                .body("{\"token\":\"" + idToken(ISSUER_ID, CLIENT_ID, uid) + "\"}").post("/acs/api/v1/auth/login")
                .then().statusCode(200).extract().path("token");
        assertThat(tokens.verify(token)).contains(uid);
    }

    @Test
    void unknownIssuersOtherClientsTamperedAndMalformedTokensAreInvalidCredentials() throws Exception {
        String providerId = configureProvider();
        String uid = unique("oidc-eve") + "@example.com";
        String victim = unique("oidc-victim") + "@example.com";
        invite(uid, providerId);
        invite(victim, providerId);
        String valid = idToken(ISSUER_ID, CLIENT_ID, uid);
        String[] parts = valid.split("\\.");
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(payload(valid)
                .replace(uid, victim).getBytes(StandardCharsets.UTF_8));

        List<String> refused = new ArrayList<>(List.of(
                idToken(unique("other-issuer"), CLIENT_ID, uid), // no provider with this issuer
                idToken(ISSUER_ID, "another-client", uid), // the provider's issuer, another client
                parts[0] + "." + forgedPayload + "." + parts[2], // another user, the signature of the first
                parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA",
                parts[0] + "." + parts[1] + ".", // unsigned
                "not-a-jwt"));
        for (String idToken : refused) {
            given().contentType(ContentType.JSON).body("{\"token\":\"" + idToken + "\"}")
                    .post("/acs/api/v1/auth/login").then().statusCode(401)
                    .header("WWW-Authenticate", "oauthjwt")
                    .header("Set-Cookie", nullValue())
                    .body("title", equalTo("401 Unauthorized"))
                    .body("code", equalTo("ERR_INVALID_CREDENTIALS"));
        }
        assertThat(loginAudit(uid)).isEmpty();
        assertThat(loginAudit(victim)).isEmpty();
        assertThat(failures("(oidc)")).isNotZero();
        assertThat(failures(providerId)).isNotZero();

        // malformed bodies stay bad requests
        given().contentType(ContentType.JSON).body("{\"token\":\"" + valid + "\",\"password\":\"p\"}")
                .post("/acs/api/v1/auth/login").then().statusCode(400).body("code", equalTo("ERR_INVALID_DATA"));
        given().contentType(ContentType.JSON).body("{\"token\":7}").post("/acs/api/v1/auth/login").then()
                .statusCode(400);
    }

    @Test
    void anUninvitedUserIsRefusedAsInTheCallbackAndNothingChanges() throws Exception {
        String providerId = configureProvider();
        // a provider of the same issuer for another client: its users may not log in with this client's tokens
        String otherProvider = unique("idp-other");
        asSuperuser().contentType(ContentType.JSON).body(OidcBrowser.providerJson("Other client")
                .replace(CLIENT_ID, "other-client")).put("/acs/api/v1/auth/oidc/providers/" + otherProvider).then()
                .statusCode(201);
        String stranger = unique("oidc-stranger") + "@example.com";
        String elsewhere = unique("oidc-elsewhere") + "@example.com";
        invite(elsewhere, otherProvider);

        HttpResponse<String> page = browserLogin(providerId, OidcFlow.CLI_TARGET, stranger, Optional.empty());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(403);
        assertThat(page.body()).contains("ERR_USER_NOT_INVITED").doesNotContain("<textarea");
        assertThat(cookies(page)).doesNotContainKey(Tokens.AUTH_COOKIE);

        for (String uid : List.of(stranger, elsewhere)) {
            given().contentType(ContentType.JSON).body("{\"token\":\"" + idToken(ISSUER_ID, CLIENT_ID, uid) + "\"}")
                    .post("/acs/api/v1/auth/login").then().statusCode(403)
                    .header("Set-Cookie", nullValue())
                    .body("title", equalTo("403 Forbidden"))
                    .body("code", equalTo("ERR_USER_NOT_INVITED"));
        }
        asSuperuser().get("/acs/api/v1/users/" + stranger).then().statusCode(400)
                .body("code", equalTo("ERR_UNKNOWN_USER_ID"));
        asSuperuser().get("/acs/api/v1/users/" + elsewhere).then().statusCode(200)
                .body("provider_id", equalTo(otherProvider));
        // (every provider of these tests has the same issuer and client: the CLI's login may pick any of them)
        assertThat(loginAudit(stranger)).hasSize(2).allSatisfy(row -> assertThat(row).startsWith("denied oidc idp-")
                .endsWith(": user not invited")).contains("denied oidc " + providerId + ": user not invited");
        assertThat(loginAudit(elsewhere)).singleElement().satisfies(row -> assertThat(row)
                .startsWith("denied oidc idp-").endsWith(": user not invited"));
    }

    private static String payload(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    /** The login audit rows of {@code uid}: outcome and detail. */
    private List<String> loginAudit(String uid) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection sql = IamTestSupport.sql(database);
                PreparedStatement query = sql.prepareStatement("select outcome, detail from iam_audit "
                        + "where action = 'login' and object = ? order by id")) {
            query.setString(1, uid);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString("outcome") + " " + result.getString("detail"));
                }
            }
        }
        return rows;
    }

    private int failures(String object) throws Exception {
        try (Connection sql = IamTestSupport.sql(database);
                PreparedStatement query = sql.prepareStatement("select count(*) from iam_audit "
                        + "where action = 'login' and object = ? and outcome = 'failure' "
                        + "and detail like 'oidc id token: %'")) {
            query.setString(1, object);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }
}
