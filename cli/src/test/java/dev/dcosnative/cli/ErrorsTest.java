package dev.dcosnative.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dcosnative.cli.store.ClusterConfig;
import dev.dcosnative.cli.store.ConfigStore;
import dev.dcosnative.cli.support.CliRunner;
import dev.dcosnative.cli.support.FakeCluster;
import dev.dcosnative.cli.support.FakeCluster.Answer;

/** Failures are one line on stderr, exit code 1; wrong usage is one line, exit code 2; stack traces only with -v. */
class ErrorsTest {

    @TempDir
    Path home;

    final FakeCluster edge = new FakeCluster();
    CliRunner cli;

    @BeforeEach
    void cluster() {
        cli = new CliRunner(home);
        configure(tokenExpiringAt(Instant.now().plusSeconds(3600)));
    }

    void configure(String token) {
        ConfigStore store = new ConfigStore(cli.dcosDir());
        ClusterConfig cluster = store.open("c1");
        cluster.set("core.dcos_url", edge.url());
        cluster.set("cluster.name", "lab");
        if (token != null) {
            cluster.set("core.dcos_acs_token", token);
        } else {
            cluster.unset("core.dcos_acs_token");
        }
        cluster.save();
        store.attach(cluster);
    }

    @AfterEach
    void stop() {
        edge.close();
    }

    static String tokenExpiringAt(Instant exp) {
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("{\"uid\":\"bootstrapuser\",\"exp\":" + exp.getEpochSecond() + "}").getBytes());
        return "eyJhbGciOiJSUzI1NiJ9." + payload + ".c2ln";
    }

    @Test
    void usageErrorsAreOneLineWithExitCodeTwo() {
        assertThat(cli.run("marathon", "app", "lsit")).satisfies(r -> {
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).isEqualTo("Error: 'lsit' is not a command of 'dcos marathon app' (did you mean "
                    + "'list'?) (see 'dcos marathon app --help')\n");
        });
        assertThat(cli.run("marathon", "app", "show")).satisfies(r -> {
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).isEqualTo("Error: Missing required parameter: '<app-id>' (see 'dcos marathon app "
                    + "show --help')\n");
        });
        assertThat(cli.run("marathon", "app", "list", "--jsn").err()).startsWith("Error: Unknown option: '--jsn'");
        assertThat(cli.run("auth").exitCode()).isEqualTo(2);
        assertThat(cli.run("marathon", "app", "update", "/web", "instances").err())
                .isEqualTo("Error: 'instances' is not <key>=<value> (see 'dcos marathon app update --help')\n");
        assertThat(cli.run("marathon", "group", "scale", "/g", "two").exitCode()).isEqualTo(2);
    }

    @Test
    void marathonsMessageIsTheError() {
        edge.on("GET", "/service/marathon/v2/apps/nope",
                r -> Answer.json(404, "{\"message\":\"App '/nope' does not exist\"}"));
        CliRunner.Result result = cli.run("marathon", "app", "show", "nope");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Error: App '/nope' does not exist\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void validationDetailsAndLockingDeploymentsAreOnTheSameLine() throws Exception {
        edge.on("PUT", "/service/marathon/v2/apps/web", r -> Answer.json(422,
                """
                        {"message":"Object is not valid","details":[{"path":"/instances","errors":["must be greater than or equal to 0"]}]}"""));
        assertThat(cli.run("marathon", "app", "update", "web", "instances=-1").err()).isEqualTo(
                "Error: Object is not valid (/instances: must be greater than or equal to 0)\n");
        edge.on("POST", "/service/marathon/v2/apps/web/restart", r -> Answer.json(409,
                """
                        {"message":"App is locked by one or more deployments. Override with the option '?force=true'.","deployments":[{"id":"d-1"}]}"""));
        assertThat(cli.run("marathon", "app", "restart", "/web").err()).isEqualTo("Error: App is locked by one or more "
                + "deployments. Override with the option '?force=true'. (deployment d-1)\n");
    }

    @Test
    void malformedAppJsonIsCaughtBeforeAnythingIsSent() throws Exception {
        Path broken = home.resolve("app.json");
        Files.writeString(broken, "{\n  \"id\": \"/web\",\n  \"instances\": 2,,\n}");
        CliRunner.Result result = cli.run("marathon", "app", "add", broken.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).matches("Error: .*app\\.json is not valid JSON: Unexpected character \\(','.*"
                + "\\(line 3, column 18\\)\n");

        Files.writeString(broken, "{\"id\": \"/web\", \"instances\": \"two\", \"cmd\": \"sleep 100\"}");
        assertThat(cli.run("marathon", "app", "add", broken.toString()).err())
                .endsWith("app.json is not a valid app definition: /instances: error.expected.jsnumber\n");
        Files.writeString(broken, "{\"cmd\": \"sleep 100\"}");
        assertThat(cli.run("marathon", "app", "add", broken.toString()).err())
                .endsWith("app.json is not a valid app definition: it has no \"id\"\n");
        assertThat(cli.stdin("[1, 2").run("marathon", "app", "add").err())
                .startsWith("Error: standard input is not valid JSON: ");
        assertThat(edge.requests()).isEmpty();
    }

    @Test
    void unreachableClusterIsOneLine() {
        configure(null);
        ConfigStore store = new ConfigStore(cli.dcosDir());
        ClusterConfig cluster = store.open("c1");
        cluster.set("core.dcos_url", "http://127.0.0.1:1");
        cluster.save();
        CliRunner.Result result = cli.run("marathon", "app", "list");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Error: Cannot reach lab at http://127.0.0.1:1: connection refused\n");
        CliRunner.Result verbose = cli.run("marathon", "app", "list", "-v");
        assertThat(verbose.err()).startsWith("Error: Cannot reach lab").contains("\tat dev.dcosnative.cli.http.");
    }

    @Test
    void aMissingOrExpiredLoginSaysHowToLogInAgain() {
        edge.on("GET", "/service/marathon/v2/apps", r -> new Answer(401, "<html>401</html>",
                java.util.Map.of("WWW-Authenticate", "oauthjwt", "Content-Type", "text/html")));
        configure(null);
        assertThat(cli.run("marathon", "app", "list").err())
                .isEqualTo("Error: Not logged in to lab: run 'dcos auth login'\n");
        configure(tokenExpiringAt(Instant.parse("2020-01-02T03:04:05Z")));
        CliRunner.Result expired = cli.run("marathon", "app", "list");
        assertThat(expired.exitCode()).isEqualTo(1);
        assertThat(expired.err()).startsWith("Error: Your login to lab expired at 2020-01-0")
                .endsWith(": log in again with 'dcos auth login'\n");
        configure(tokenExpiringAt(Instant.now().plusSeconds(600)));
        edge.on("GET", "/service/marathon/v2/apps", r -> Answer.json(401,
                "{\"title\":\"Unauthorized\",\"description\":\"The token is invalid or has expired: log in again\"}"));
        assertThat(cli.run("marathon", "app", "list").err()).isEqualTo("Error: lab did not accept your login token "
                + "(The token is invalid or has expired: log in again): log in again with 'dcos auth login'\n");
    }

    @Test
    void theEdgeSaysWhatDoesNotRunYet() {
        edge.on("GET", "/system/v1/logs/v1/range/", r -> Answer.json(503,
                "{\"title\":\"Service Unavailable\",\"description\":\"dcos-log does not run on this cluster yet\"}"));
        CliRunner.Result result = cli.run("node", "log", "--leader");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Error: Cannot read the node's log: dcos-log does not run on this cluster "
                + "yet\n");
    }

    @Test
    void theTokenIsSentAsDcosDoes() {
        edge.json("GET", "/service/marathon/v2/info", "{\"name\":\"marathon\",\"version\":\"1.11.0\"}");
        CliRunner.Result result = cli.run("marathon", "about");
        assertThat(result.out()).isEqualTo("{\n  \"name\": \"marathon\",\n  \"version\": \"1.11.0\"\n}\n");
        assertThat(edge.requests().get(0).header("Authorization")).startsWith("token=eyJhbGciOiJSUzI1NiJ9.");
    }
}
