package dev.dcosnative.master.iam.auth;

import static dev.dcosnative.master.iam.IamTestSupport.createUser;
import static dev.dcosnative.master.iam.IamTestSupport.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

import dev.dcosnative.master.iam.IamHttp;
import dev.dcosnative.master.iam.IamTestSupport;
import dev.dcosnative.master.iam.Tokens;
import dev.dcosnative.master.iam.core.Pem;
import dev.dcosnative.master.iam.db.Database;

/** The login and the other open endpoints of {@code /acs/api/v1/auth}, against the master's real PostgreSQL. */
@QuarkusTest
class AuthApiTest {

    @Inject
    IamHttp http;

    @Inject
    Tokens tokens;

    @Inject
    Database database;

    @BeforeEach
    void awaitIam() throws InterruptedException {
        IamTestSupport.awaitIam(http);
    }

    @Test
    void aPasswordLoginGivesATokenThatVerifiesAndTheUiCookies() throws Exception {
        String uid = unique("alice");
        createUser(uid, "alice-password");

        Response response = login(uid, "alice-password");

        response.then().statusCode(200).contentType(ContentType.JSON).body("token", notNullValue());
        String token = response.path("token");
        assertThat(tokens.verify(token)).contains(uid);
        JsonNode header = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        assertThat(header.path("kid").asText()).isNotEmpty();
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims.path("uid").asText()).isEqualTo(uid);
        assertThat(claims.path("exp").isIntegralNumber()).isTrue();
        assertThat(claims.path("exp").asLong()).isBetween(Instant.now().plus(Duration.ofDays(5)).getEpochSecond() - 60,
                Instant.now().plus(Duration.ofDays(5)).getEpochSecond() + 60);

        List<String> cookies = response.headers().getValues("Set-Cookie");
        assertThat(cookies).hasSize(2);
        String auth = cookies.stream().filter(c -> c.startsWith(Tokens.AUTH_COOKIE + "=")).findFirst().orElseThrow();
        assertThat(auth).startsWith(Tokens.AUTH_COOKIE + "=" + token + ";").contains("HttpOnly")
                .contains("Path=/").contains("SameSite=Lax").doesNotContain("Domain").doesNotContain("Secure");
        String info = cookies.stream().filter(c -> c.startsWith(Tokens.INFO_COOKIE + "=")).findFirst().orElseThrow();
        assertThat(info).doesNotContain("HttpOnly").contains("Path=/");
        String infoValue = info.substring(Tokens.INFO_COOKIE.length() + 1, info.indexOf(';'));
        JsonNode infoJson = new ObjectMapper().readTree(new String(Base64.getDecoder().decode(infoValue),
                StandardCharsets.UTF_8));
        assertThat(infoJson.path("uid").asText()).isEqualTo(uid);
        assertThat(infoJson.path("description").asText()).isEqualTo("user " + uid);
        assertThat(infoJson.path("is_remote").asBoolean(true)).isFalse();

        // the token opens the user's own record, in every form DC/OS accepts it
        given().header("Authorization", "token=" + token).get("/acs/api/v1/users/" + uid).then().statusCode(200)
                .body("uid", equalTo(uid));
        given().header("Authorization", "Bearer " + token).get("/acs/api/v1/users/" + uid).then().statusCode(200);
        given().cookie(Tokens.AUTH_COOKIE, token).get("/acs/api/v1/users/" + uid).then().statusCode(200);
    }

    @Test
    void wrongPasswordsAndUnknownUsersGetBouncersUnauthorized() {
        String uid = unique("bob");
        createUser(uid, "bob-password");

        for (Response refused : List.of(login(uid, "not-the-password"), login(unique("nobody"), "whatever-pass"))) {
            refused.then()
                    .statusCode(401)
                    .header("WWW-Authenticate", "oauthjwt")
                    .contentType(ContentType.JSON)
                    .body("title", equalTo("401 Unauthorized"))
                    .body("code", equalTo("ERR_INVALID_CREDENTIALS"))
                    .body("description", notNullValue());
            assertThat(refused.headers().getValues("Set-Cookie")).isEmpty();
        }
    }

    @Test
    void malformedLoginsAreBadRequests() {
        given().contentType(ContentType.JSON).body("{\"uid\":\"someone\"}").post("/acs/api/v1/auth/login").then()
                .statusCode(400).body("code", equalTo("ERR_INVALID_DATA"));
        given().contentType(ContentType.JSON).body("not json").post("/acs/api/v1/auth/login").then()
                .statusCode(400).body("title", equalTo("400 Bad Request"));
        given().contentType(ContentType.JSON).body("{\"uid\":\"a\",\"password\":\"p\",\"token\":\"t\"}")
                .post("/acs/api/v1/auth/login").then().statusCode(400);
        given().get("/acs/api/v1/auth/login").then().statusCode(400)
                .body("code", equalTo("ERR_MISSING_QUERY_PARAMETERS"));
    }

    @Test
    void failedLoginsLockTheUidUntilTheLockIsOver() throws InterruptedException {
        String uid = unique("carol");
        createUser(uid, "carol-password");
        for (int i = 0; i < 5; i++) {
            login(uid, "wrong-password-" + i).then().statusCode(401);
        }

        // locked: even the right password is refused, with Retry-After
        Response locked = login(uid, "carol-password");
        locked.then().statusCode(429).body("title", equalTo("429 Too Many Requests"));
        long retryAfter = Long.parseLong(locked.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 2L);
        // other users are not affected
        String other = unique("dave");
        createUser(other, "dave-password");
        login(other, "dave-password").then().statusCode(200);

        // the lock (1 s in tests) ends: the right password works again and clears the failures
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        int status;
        do {
            Thread.sleep(250);
            status = login(uid, "carol-password").statusCode();
        } while (status == 429 && Instant.now().isBefore(deadline));
        assertThat(status).isEqualTo(200);
        login(uid, "wrong-password").then().statusCode(401);
        login(uid, "carol-password").then().statusCode(200);
    }

    @Test
    void aServiceAccountLogsInWithATokenSignedByItsKey() throws Exception {
        String uid = unique("svc");
        KeyPair keys = rsaKeyPair();
        IamTestSupport.asSuperuser().contentType(ContentType.JSON)
                .body("{\"description\":\"a service\",\"public_key\":" + json(Pem.publicKey(keys.getPublic())) + "}")
                .put("/acs/api/v1/users/" + uid).then().statusCode(201);
        long now = Instant.now().getEpochSecond();

        String loginToken = Jwt.claim("uid", uid).expiresAt(now + 300).jws().algorithm(SignatureAlgorithm.RS256)
                .sign(keys.getPrivate());
        String token = serviceLogin(uid, loginToken).then().statusCode(200).extract().path("token");
        assertThat(tokens.verify(token)).contains(uid);

        // expired, tampered, signed by another key, for another uid, without exp, with a password: refused
        String expired = Jwt.claim("uid", uid).issuedAt(now - 600).expiresAt(now - 300).jws()
                .algorithm(SignatureAlgorithm.RS256).sign(keys.getPrivate());
        String[] parts = loginToken.split("\\.");
        String otherUidClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"uid\":\"" + uid
                + "x\",\"exp\":" + (now + 300) + "}").getBytes(StandardCharsets.UTF_8));
        String tampered = parts[0] + "." + otherUidClaims + "." + parts[2];
        String otherKey = Jwt.claim("uid", uid).expiresAt(now + 300).jws().algorithm(SignatureAlgorithm.RS256)
                .sign(rsaKeyPair().getPrivate());
        String otherUid = Jwt.claim("uid", uid + "x").expiresAt(now + 300).jws().algorithm(SignatureAlgorithm.RS256)
                .sign(keys.getPrivate());
        // five failures: the most before the uid is locked
        login(uid, "a-password-guess").then().statusCode(401);
        for (String refused : List.of(expired, tampered, otherKey, otherUid)) {
            serviceLogin(uid, refused).then().statusCode(401).body("code", equalTo("ERR_INVALID_CREDENTIALS"));
        }
        serviceLogin(unique("nosvc"), "abc").then().statusCode(401);
        serviceLogin(unique("nosvc"), loginToken).then().statusCode(401);

        IamTestSupport.asSuperuser().get("/acs/api/v1/users?type=service").then().statusCode(200)
                .body("array.uid", org.hamcrest.Matchers.hasItem(uid));
    }

    @Test
    void logoutClearsBothCookies() {
        Response response = given().get("/acs/api/v1/auth/logout");
        response.then().statusCode(200);
        List<String> cookies = response.headers().getValues("Set-Cookie");
        assertThat(cookies).anySatisfy(c -> assertThat(c).startsWith(Tokens.AUTH_COOKIE + "=;")
                .contains("Expires=Sat, 01 Jan 2000 00:00:00 GMT"));
        assertThat(cookies).anySatisfy(c -> assertThat(c).startsWith(Tokens.INFO_COOKIE + "=;"));
    }

    @Test
    void jwksAndProvidersAreOpen() {
        given().get("/acs/api/v1/auth/jwks").then().statusCode(200)
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].use", equalTo("sig"))
                .body("keys[0].kid", notNullValue())
                .body("keys[0].n", notNullValue())
                .body("keys[0].e", equalTo("AQAB"))
                .body("keys[0]", org.hamcrest.Matchers.not(hasKey("d")));
        given().get("/acs/api/v1/auth/providers").then().statusCode(200)
                .body("dcos-users.authentication-type", equalTo("dcos-uid-password"))
                .body("dcos-users.client-method", equalTo("dcos-usercredential-post-receive-authtoken"))
                .body("dcos-users.config.start_flow_url", equalTo("/acs/api/v1/auth/login"))
                .body("dcos-services.authentication-type", equalTo("dcos-uid-servicekey"));
    }

    @Test
    void everyLoginIsAuditedWithoutTheSecret() throws Exception {
        String uid = unique("erin");
        createUser(uid, "erin-password");
        login(uid, "erin-password").then().statusCode(200);
        login(uid, "erin-wrong-password").then().statusCode(401);

        try (Connection sql = IamTestSupport.sql(database);
                PreparedStatement query = sql.prepareStatement(
                        "select actor, outcome, detail, remote_ip from iam_audit where action = 'login' and object = ? "
                                + "order by id")) {
            query.setString(1, uid);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString("actor")).isEqualTo(uid);
                assertThat(rows.getString("outcome")).isEqualTo("success");
                assertThat(rows.getString("remote_ip")).isNotBlank();
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString("actor")).isNull();
                assertThat(rows.getString("outcome")).isEqualTo("failure");
                assertThat(rows.getString("detail")).isEqualTo("wrong password").doesNotContain("erin-wrong");
                assertThat(rows.next()).isFalse();
            }
        }
    }

    private static Response login(String uid, String password) {
        return given().contentType(ContentType.JSON)
                .body("{\"uid\":\"" + uid + "\",\"password\":\"" + password + "\"}")
                .post("/acs/api/v1/auth/login");
    }

    private static Response serviceLogin(String uid, String token) {
        return given().contentType(ContentType.JSON)
                .body("{\"uid\":\"" + uid + "\",\"token\":\"" + token + "\"}")
                .post("/acs/api/v1/auth/login");
    }

    static KeyPair rsaKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    static String json(String value) {
        return new ObjectMapper().valueToTree(value).toString();
    }
}
