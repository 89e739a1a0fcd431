package dev.dcosnative.master.iam.oidc;

import static dev.dcosnative.master.iam.IamTestSupport.asSuperuser;
import static dev.dcosnative.master.iam.IamTestSupport.unique;
import static dev.dcosnative.master.iam.oidc.OidcBrowser.browserLogin;
import static dev.dcosnative.master.iam.oidc.OidcBrowser.configureProvider;
import static dev.dcosnative.master.iam.oidc.OidcBrowser.cookies;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import dev.dcosnative.master.iam.IamHttp;
import dev.dcosnative.master.iam.IamTestSupport;
import dev.dcosnative.master.iam.Tokens;

/** With {@code dcos.master.iam.oidc-auto-create-users=true}, a first OIDC login creates the user. */
@QuarkusTest
@TestProfile(OidcAutoCreateTest.AutoCreate.class)
class OidcAutoCreateTest {

    public static class AutoCreate implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dcos.master.iam.oidc-auto-create-users", "true");
        }
    }

    @Inject
    IamHttp http;

    @Inject
    Tokens tokens;

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
    void aFirstLoginCreatesTheUser() throws Exception {
        String providerId = configureProvider();
        String uid = unique("oidc-new") + "@example.com";

        HttpResponse<String> done = browserLogin(providerId, "/", uid, Optional.empty());

        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
        assertThat(tokens.verify(cookies(done).get(Tokens.AUTH_COOKIE))).contains(uid);
        asSuperuser().get("/acs/api/v1/users/" + uid).then().statusCode(200)
                .body("provider_type", equalTo("oidc"))
                .body("provider_id", equalTo(providerId))
                .body("is_remote", equalTo(true))
                .body("description", equalTo("Name of " + uid));
    }

    @Test
    void aFirstCliLoginWithAnIdTokenCreatesTheUser() {
        configureProvider();
        String uid = unique("oidc-cli-new") + "@example.com";

        String token = given().contentType(ContentType.JSON).body("{\"token\":\""
                + OidcBrowser.idToken(OidcBrowser.ISSUER_ID, OidcBrowser.CLIENT_ID, uid) + "\"}")
                .post("/acs/api/v1/auth/login").then().statusCode(200).extract().path("token");

        assertThat(tokens.verify(token)).contains(uid);
        asSuperuser().get("/acs/api/v1/users/" + uid).then().statusCode(200)
                .body("provider_type", equalTo("oidc"))
                .body("description", equalTo("Name of " + uid));
    }
}
