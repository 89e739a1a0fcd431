package dev.dcosnative.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.it.harness.Await;
import dev.dcosnative.it.harness.Cluster;
import dev.dcosnative.it.harness.ClusterExtension;
import dev.dcosnative.it.harness.Http;

/**
 * The edge (Admin Router) is the door and IAM (Bouncer) the identity behind it, tested from outside: every protected
 * route refuses requests without a valid token, ACLs granted to users and groups open exactly what they name,
 * service accounts log in with their keys, repeated failed logins are throttled, and IAM's data and keys survive a
 * master restart.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EdgeAuthIT {

    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension(() -> Cluster.builder("edge-auth").build());

    private static String edge() {
        return CLUSTER.cluster().edgeUrl();
    }

    private record Call(String method, String path, String body) {
    }

    /** Protected routes of the edge (reference §7), one per component or proxy kind. */
    private static List<Call> protectedRoutes() {
        String agentId = CLUSTER.cluster().operator().getAgents().path("get_agents").path("agents").get(0)
                .path("agent_info").path("id").path("value").asText();
        return List.of(new Call("GET", "/mesos/master/state", null),
                new Call("POST", "/mesos/api/v1", "{\"type\":\"GET_AGENTS\"}"),
                new Call("GET", "/mesos/state-summary", null),
                new Call("GET", "/service/marathon/v2/apps", null),
                new Call("POST", "/service/marathon/v2/apps", "{\"id\":\"/nope\",\"cmd\":\"sleep 1\"}"),
                new Call("GET", "/marathon/v2/info", null),
                new Call("GET", "/agent/" + agentId + "/slave(1)/state", null),
                new Call("GET", "/slave/" + agentId + "/state", null),
                new Call("GET", "/acs/api/v1/users", null),
                new Call("PUT", "/acs/api/v1/users/mallory", "{\"password\":\"mallory-password\"}"),
                new Call("GET", "/pkgpanda/active.buildinfo.full.json", null),
                new Call("GET", "/metadata", null),
                new Call("POST", "/package/list", "{}"),
                new Call("GET", "/service/metronome/v1/jobs", null),
                new Call("GET", "/service/some-service/", null),
                new Call("GET", "/system/health/v1", null),
                new Call("GET", "/system/v1/logs/v1/range/", null),
                new Call("GET", "/mesos_dns/v1/config", null));
    }

    private static HttpResponse<byte[]> call(Call call, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(edge() + call.path()))
                .timeout(Duration.ofSeconds(10))
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(call.body()));
        if (call.body() != null) {
            builder.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return Http.sendAsIs(builder.build());
    }

    private static HttpResponse<byte[]> as(String token, String method, String path, String body) {
        return call(new Call(method, path, body), token == null ? null : "token=" + token);
    }

    private static HttpResponse<byte[]> login(String body) {
        return Http.sendAsIs(HttpRequest.newBuilder(URI.create(edge() + "/acs/api/v1/auth/login"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static String loginAs(String uid, String password) {
        HttpResponse<byte[]> response = login("{\"uid\":\"" + uid + "\",\"password\":\"" + password + "\"}");
        assertThat(response.statusCode()).as(Http.text(response)).isEqualTo(200);
        return Http.json(response).path("token").asText();
    }

    private static void superuser(String method, String path, String body, int expected) {
        HttpResponse<byte[]> response = as(CLUSTER.cluster().token(), method, path, body);
        assertThat(response.statusCode()).as(method + " " + path + ": " + Http.text(response)).isEqualTo(expected);
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String rs256(PrivateKey key, String claims) throws Exception {
        String signingInput = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64(claims.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + b64(signature.sign());
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    @Test
    @Order(1)
    void everyProtectedRouteRefusesMissingForgedAndTamperedTokens() throws Exception {
        String valid = CLUSTER.cluster().token();
        String[] parts = valid.split("\\.");
        JsonNode claims = Http.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        String tampered = parts[0] + "."
                + b64(("{\"uid\":\"" + claims.path("uid").asText() + "\",\"exp\":" + (claims.path("exp").asLong()
                        + 86_400) + "}").getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        long now = Instant.now().getEpochSecond();
        String forged = rs256(rsa().getPrivate(), "{\"uid\":\"" + Cluster.SUPERUSER + "\",\"exp\":" + (now + 600)
                + "}");
        String unsigned = b64("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64(("{\"uid\":\"" + Cluster.SUPERUSER + "\",\"exp\":" + (now + 600) + "}")
                        .getBytes(StandardCharsets.UTF_8))
                + ".";
        List<String> refused = List.of("token=" + tampered, "token=" + forged, "token=" + unsigned, "token=abc",
                "Bearer " + forged, "Basic Ym9vdHN0cmFwdXNlcjpkZWxldGVtZQ==");

        for (Call route : protectedRoutes()) {
            HttpResponse<byte[]> anonymous = call(route, null);
            assertThat(anonymous.statusCode()).as(route + " without a token: " + Http.text(anonymous))
                    .isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(route.toString())
                    .hasValue("oauthjwt");
            for (String authorization : refused) {
                assertThat(call(route, authorization).statusCode()).as(route + " with " + authorization)
                        .isEqualTo(401);
            }
            // the cookie the UI sends is a token too: a tampered one is refused like the header
            HttpResponse<byte[]> cookie = Http.sendAsIs(HttpRequest.newBuilder(URI.create(edge() + route.path()))
                    .header("Cookie", "dcos-acs-auth-cookie=" + tampered).GET().build());
            assertThat(cookie.statusCode()).as(route + " with a tampered cookie").isEqualTo(401);
        }
        HttpResponse<byte[]> mallory = as(valid, "GET", "/acs/api/v1/users/mallory", null);
        assertThat(Http.json(mallory).path("code").asText()).as("no refused request created anything")
                .isEqualTo("ERR_UNKNOWN_USER_ID");

        // the superuser's valid token opens them (or reaches the component behind)
        assertThat(as(valid, "GET", "/mesos/master/state", null).statusCode()).isEqualTo(200);
        assertThat(as(valid, "GET", "/service/marathon/v2/apps", null).statusCode()).isEqualTo(200);
        assertThat(as(valid, "GET", "/acs/api/v1/users", null).statusCode()).isEqualTo(200);
        assertThat(Http.sendAsIs(HttpRequest.newBuilder(URI.create(edge() + "/mesos/master/state"))
                .header("Cookie", "dcos-acs-auth-cookie=" + valid).GET().build()).statusCode())
                .as("the UI's cookie").isEqualTo(200);
    }

    @Test
    @Order(2)
    void openRoutesNeedNoToken() {
        for (String path : List.of("/acs/api/v1/auth/jwks", "/acs/api/v1/auth/providers",
                "/dcos-metadata/dcos-version.json", "/exhibitor/exhibitor/v1/cluster/status", "/")) {
            HttpResponse<byte[]> response = as(null, "GET", path, null);
            assertThat(response.statusCode()).as(path + ": " + Http.text(response)).isEqualTo(200);
        }
        JsonNode jwks = Http.json(as(null, "GET", "/acs/api/v1/auth/jwks", null));
        assertThat(jwks.path("keys").get(0).path("alg").asText()).isEqualTo("RS256");
        assertThat(jwks.path("keys").get(0).path("kty").asText()).isEqualTo("RSA");
        assertThat(Http.json(as(null, "GET", "/acs/api/v1/auth/providers", null)).path("dcos-users")
                .path("authentication-type").asText()).isEqualTo("dcos-uid-password");
    }

    @Test
    @Order(3)
    void permissionsOfUsersAndGroupsOpenExactlyWhatTheyName() {
        superuser("PUT", "/acs/api/v1/users/alice", "{\"description\":\"Alice\",\"password\":\"alice-password\"}", 201);
        superuser("PUT", "/acs/api/v1/users/alice", "{\"description\":\"Alice\",\"password\":\"alice-password\"}", 409);
        String alice = loginAs("alice", "alice-password");

        assertThat(as(alice, "GET", "/service/marathon/v2/apps", null).statusCode()).isEqualTo(403);
        assertThat(as(alice, "GET", "/mesos/master/state", null).statusCode()).isEqualTo(403);
        assertThat(as(alice, "GET", "/acs/api/v1/users", null).statusCode()).as("IAM is the superuser's")
                .isEqualTo(403);

        // the edge's rid lets her through the door; Marathon then wants its own permission (like DC/OS EE)
        superuser("PUT", "/acs/api/v1/acls/dcos:adminrouter:service:marathon",
                "{\"description\":\"Marathon through the edge\"}", 201);
        superuser("PUT", "/acs/api/v1/acls/dcos:adminrouter:service:marathon/users/alice/full", null, 204);
        HttpResponse<byte[]> marathonSays = as(alice, "GET", "/service/marathon/v2/apps", null);
        assertThat(marathonSays.statusCode()).isEqualTo(403);
        assertThat(Http.json(marathonSays).path("message").asText()).isEqualTo("Not Authorized to perform this action!");

        superuser("PUT", "/acs/api/v1/acls/dcos:service:marathon:marathon:services:%2F",
                "{\"description\":\"all of Marathon's apps\"}", 201);
        superuser("PUT", "/acs/api/v1/acls/dcos:service:marathon:marathon:services:%2F/users/alice/read", null, 204);
        Await.until("alice's new permissions to apply", Duration.ofSeconds(15),
                () -> as(alice, "GET", "/service/marathon/v2/apps", null).statusCode(), status -> status == 200);
        assertThat(as(alice, "POST", "/service/marathon/v2/apps", "{\"id\":\"/alice\",\"cmd\":\"sleep 1\"}")
                .statusCode()).as("read is not create").isEqualTo(403);
        assertThat(as(alice, "GET", "/mesos/master/state", null).statusCode()).as("Mesos is another rid")
                .isEqualTo(403);

        // a group's permission reaches its members
        superuser("PUT", "/acs/api/v1/users/bob", "{\"description\":\"Bob\",\"password\":\"bob-password\"}", 201);
        superuser("PUT", "/acs/api/v1/groups/operators", "{\"description\":\"Operators\"}", 201);
        superuser("PUT", "/acs/api/v1/groups/operators/users/bob", null, 204);
        superuser("PUT", "/acs/api/v1/acls/dcos:adminrouter:ops:mesos", "{\"description\":\"Mesos\"}", 201);
        superuser("PUT", "/acs/api/v1/acls/dcos:adminrouter:ops:mesos/groups/operators/full", null, 204);
        String bob = loginAs("bob", "bob-password");
        Await.until("the group's permission to apply", Duration.ofSeconds(15),
                () -> as(bob, "GET", "/mesos/master/state", null).statusCode(), status -> status == 200);
        assertThat(as(bob, "GET", "/service/marathon/v2/apps", null).statusCode()).isEqualTo(403);

        // taking the permission back closes the door again
        superuser("DELETE", "/acs/api/v1/acls/dcos:adminrouter:ops:mesos/groups/operators/full", null, 204);
        Await.until("the revoked permission to apply", Duration.ofSeconds(15),
                () -> as(bob, "GET", "/mesos/master/state", null).statusCode(), status -> status == 403);
    }

    @Test
    @Order(4)
    void aServiceAccountLogsInWithItsKeyAndOnlyWithIt() throws Exception {
        KeyPair keys = rsa();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        superuser("PUT", "/acs/api/v1/users/ci-robot",
                "{\"description\":\"CI\",\"public_key\":\"" + pem.replace("\n", "\\n") + "\"}", 201);
        long now = Instant.now().getEpochSecond();

        HttpResponse<byte[]> ok = login("{\"uid\":\"ci-robot\",\"token\":\""
                + rs256(keys.getPrivate(), "{\"uid\":\"ci-robot\",\"exp\":" + (now + 300) + "}") + "\"}");
        assertThat(ok.statusCode()).as(Http.text(ok)).isEqualTo(200);
        String token = Http.json(ok).path("token").asText();
        assertThat(as(token, "GET", "/service/marathon/v2/apps", null).statusCode())
                .as("authenticated, not authorized").isEqualTo(403);

        HttpResponse<byte[]> otherKey = login("{\"uid\":\"ci-robot\",\"token\":\""
                + rs256(rsa().getPrivate(), "{\"uid\":\"ci-robot\",\"exp\":" + (now + 300) + "}") + "\"}");
        assertThat(otherKey.statusCode()).isEqualTo(401);
        HttpResponse<byte[]> expired = login("{\"uid\":\"ci-robot\",\"token\":\""
                + rs256(keys.getPrivate(), "{\"uid\":\"ci-robot\",\"exp\":" + (now - 300) + "}") + "\"}");
        assertThat(expired.statusCode()).isEqualTo(401);
    }

    @Test
    @Order(5)
    void repeatedFailedLoginsAreThrottled() {
        superuser("PUT", "/acs/api/v1/users/carol", "{\"description\":\"Carol\",\"password\":\"carol-password\"}",
                201);
        int status = 0;
        int attempts = 0;
        while (attempts < 20 && status != 429) {
            status = login("{\"uid\":\"carol\",\"password\":\"guess-" + attempts + "\"}").statusCode();
            assertThat(status).isIn(401, 429);
            attempts++;
        }
        assertThat(status).as("locked after %d failures", attempts).isEqualTo(429);
        assertThat(attempts).isLessThanOrEqualTo(6);
        HttpResponse<byte[]> rightPassword = login("{\"uid\":\"carol\",\"password\":\"carol-password\"}");
        assertThat(rightPassword.statusCode()).as("even the right password waits for the lock").isEqualTo(429);
        assertThat(rightPassword.headers().firstValue("Retry-After")).isPresent();
        assertThat(loginAs("alice", "alice-password")).as("other users are not locked out").isNotBlank();
    }

    @Test
    @Order(6)
    void usersPermissionsAndTokensSurviveAMasterRestart() {
        String alice = loginAs("alice", "alice-password");
        Cluster cluster = CLUSTER.cluster();
        cluster.master(0).process().kill();
        cluster.master(0).process().start();
        cluster.awaitLeader(Duration.ofSeconds(90));

        Await.until("alice's old token to be accepted by the restarted master", Duration.ofSeconds(60),
                () -> as(alice, "GET", "/service/marathon/v2/apps", null).statusCode(), status -> status == 200);
        assertThat(as(alice, "GET", "/mesos/master/state", null).statusCode()).isEqualTo(403);
        assertThat(loginAs("bob", "bob-password")).isNotBlank();
        assertThat(as(cluster.token(), "GET", "/acs/api/v1/groups/operators/users", null).statusCode())
                .isEqualTo(200);
        assertThat(Http.json(as(cluster.token(), "GET", "/acs/api/v1/groups/operators/users", null)).toString())
                .contains("bob");
    }
}
