package dev.dcosnative.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.cli.output.Json;
import dev.dcosnative.cli.support.CliRunner;
import dev.dcosnative.cli.support.FakeCluster;
import dev.dcosnative.cli.support.FakeCluster.Answer;

/**
 * {@code cluster setup} and {@code auth login} in the situations no cluster of ours produces (a scripted edge, each
 * one's reason above it): which flow, what is sent, what is kept. Password, service-account and OpenID Connect
 * logins, a wrong password, and what setup stores are tested against a real cluster in CliClusterIT.
 */
class LoginTest {

    static final String PROVIDERS = """
            {"dcos-users":{"authentication-type":"dcos-uid-password","client-method":"dcos-usercredential-post-receive-authtoken","config":{"start_flow_url":"/acs/api/v1/auth/login"},"description":"Default DC/OS login provider"},
             "dcos-services":{"authentication-type":"dcos-uid-servicekey","client-method":"dcos-servicecredential-post-receive-authtoken","config":{"start_flow_url":"/acs/api/v1/auth/login"},"description":"Default DC/OS login provider"}}
            """;

    @TempDir
    Path home;

    final FakeCluster edge = new FakeCluster();

    @AfterEach
    void stop() {
        edge.close();
    }

    /** One expiry for the whole run: the token the scripted edge hands out and the one a test expects are equal. */
    static final long EXP = Instant.now().plusSeconds(3600).getEpochSecond();

    static String token(String uid) {
        long exp = EXP;
        String payload = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("{\"uid\":\"" + uid + "\",\"exp\":" + exp + "}").getBytes());
        return "eyJhbGciOiJSUzI1NiJ9." + payload + ".c2ln";
    }

    void aCluster() {
        edge.json("GET", "/dcos-metadata/dcos-version.json",
                "{\"version\":\"2.2.0\",\"dcos-variant\":\"open\",\"bootstrap-id\":\"boot\"}");
        edge.json("GET", "/acs/api/v1/auth/providers", PROVIDERS);
        edge.on("GET", "/metadata", r -> r.header("Authorization") == null ? Answer.json(401, "{}")
                : Answer.json(200, "{\"PUBLIC_IPV4\":\"127.0.0.1\",\"CLUSTER_ID\":\"c0ffee-1234\"}"));
        edge.json("GET", "/mesos/master/state-summary", "{\"cluster\":\"lab\",\"slaves\":[]}");
        edge.on("POST", "/acs/api/v1/auth/login", r -> {
            JsonNode body = read(r.body());
            if (body.path("password").asText().equals("deleteme")) {
                return Answer.json(200, "{\"token\":\"" + token(body.path("uid").asText()) + "\"}");
            }
            return Answer.json(401, "{\"title\":\"Unauthorized\",\"description\":\"Invalid username or password\","
                    + "\"code\":\"ERR_INVALID_CREDENTIALS\"}").with("WWW-Authenticate", "acsjwt");
        });
    }

    static JsonNode read(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // an older DC/OS that lists no login providers and only answers the 401 oauthjwt challenge: ours lists them
    @Test
    void withoutAProviderListTheChallengeDecidesAndAuthLoginReplacesTheToken() {
        aCluster();
        CliRunner cli = new CliRunner(home).env("DCOS_USERNAME", "bootstrapuser").env("DCOS_PASSWORD", "deleteme");
        assertThat(cli.run("cluster", "setup", edge.url()).exitCode()).isZero();
        edge.on("GET", "/acs/api/v1/auth/providers", r -> Answer.json(404, "{}"));
        edge.on("HEAD", "/pkgpanda/active.buildinfo.full.json",
                r -> new Answer(401, "", java.util.Map.of("WWW-Authenticate", "oauthjwt")));
        CliRunner.Result login = cli.env("DCOS_USERNAME", "alice").run("auth", "login");
        assertThat(login.exitCode()).as(login.toString()).isZero();
        assertThat(login.out()).startsWith("Logged in to lab as alice (until ");
        assertThat(edge.requests("HEAD", "/pkgpanda/active.buildinfo.full.json")).hasSize(1);
        assertThat(cli.run("config", "show", "core.dcos_acs_token").out().trim()).isEqualTo(token("alice"));
        assertThat(cli.run("config", "show").out()).contains("core.dcos_acs_token  *******");

        CliRunner.Result logout = cli.run("auth", "logout");
        assertThat(logout.out()).isEqualTo("Logged out of lab\n");
        assertThat(cli.run("config", "show", "core.dcos_acs_token").err())
                .isEqualTo("Error: 'core.dcos_acs_token' is not set for lab\n");
    }

    // a server that is not DC/OS at all (404 for the version document)
    @Test
    void notADcosClusterIsSaidSo() {
        CliRunner.Result result = new CliRunner(home).run("cluster", "setup", edge.url());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Error: " + edge.url() + " does not look like a DC/OS cluster: GET "
                + "/dcos-metadata/dcos-version.json answered 404\n");
    }
}
