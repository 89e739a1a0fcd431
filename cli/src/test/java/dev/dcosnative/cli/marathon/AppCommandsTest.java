package dev.dcosnative.cli.marathon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dcosnative.cli.store.ClusterConfig;
import dev.dcosnative.cli.store.ConfigStore;
import dev.dcosnative.cli.support.CliRunner;
import dev.dcosnative.cli.support.FakeCluster;
import dev.dcosnative.cli.support.FakeCluster.Answer;

/** The app commands against a scripted Marathon: what is sent, how a deployment is followed, the table. */
class AppCommandsTest {

    static final String M = "/service/marathon";

    @TempDir
    Path home;

    final FakeCluster edge = new FakeCluster();
    CliRunner cli;

    @BeforeEach
    void cluster() {
        cli = new CliRunner(home);
        ConfigStore store = new ConfigStore(cli.dcosDir());
        ClusterConfig cluster = store.open("c1");
        cluster.set("core.dcos_url", edge.url());
        cluster.save();
    }

    @AfterEach
    void stop() {
        edge.close();
    }

    static String deployment(int step) {
        return "[{\"id\":\"d-1\",\"version\":\"v2\",\"affectedApps\":[\"/web\"],\"currentStep\":1,\"totalSteps\":1,"
                + "\"currentActions\":[{\"action\":\"StartApplication\",\"app\":\"/web\"}]}]";
    }

    static String app(int running) {
        StringBuilder tasks = new StringBuilder();
        for (int i = 0; i < running; i++) {
            tasks.append(i == 0 ? "" : ",").append("{\"state\":\"TASK_RUNNING\",\"version\":\"v2\"}");
        }
        return "{\"app\":{\"id\":\"/web\",\"instances\":2,\"version\":\"v2\",\"versionInfo\":{\"lastConfigChangeAt\":"
                + "\"v2\"},\"healthChecks\":[],\"tasks\":[" + tasks + "]}}";
    }

    @Test
    void addSendsTheDocumentAsWrittenAndFollowsTheDeploymentToItsEnd() throws Exception {
        Path file = home.resolve("web.json");
        String document = "{ \"id\": \"/web\", \"instances\": 2, \"cmd\": \"sleep 1000\", \"mem\": 32 }";
        Files.writeString(file, document);
        edge.on("POST", M + "/v2/apps", r -> Answer.json(201, "{\"id\":\"/web\",\"deployments\":[{\"id\":\"d-1\"}]}"));
        AtomicInteger polls = new AtomicInteger();
        edge.on("GET", M + "/v2/deployments", r -> Answer.json(200, polls.incrementAndGet() <= 3 ? deployment(1) : "[]"));
        edge.on("GET", M + "/v2/apps/web", r -> Answer.json(200, app(Math.min(2, polls.get() - 1))));

        CliRunner.Result result = cli.run("marathon", "app", "add", file.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(edge.requests("POST", M + "/v2/apps").get(0).body()).isEqualTo(document);
        assertThat(result.out()).isEqualTo("Created deployment d-1\n");
        assertThat(result.err()).startsWith("""
                deployment d-1: step 1/1: StartApplication /web 0/2 (0%)
                deployment d-1: step 1/1: StartApplication /web 1/2 (50%)
                deployment d-1: step 1/1: StartApplication /web 2/2 (100%)
                Deployment d-1 finished in """);
    }

    @Test
    void aDeploymentThatEndsShortOfItsTargetIsAFailure() {
        edge.on("PUT", M + "/v2/apps/web", r -> Answer.json(200, "{\"deploymentId\":\"d-1\",\"version\":\"v2\"}"));
        AtomicInteger polls = new AtomicInteger();
        edge.on("GET", M + "/v2/deployments", r -> Answer.json(200, polls.incrementAndGet() <= 1 ? deployment(1)
                : "[{\"id\":\"d-2\",\"affectedApps\":[\"/web\"],\"currentActions\":[]}]"));
        edge.on("GET", M + "/v2/apps/web", r -> Answer.json(200, app(1)));
        CliRunner.Result result = cli.run("marathon", "app", "update", "/web", "instances=2", "cmd=sleep 100");
        assertThat(edge.requests("PUT", M + "/v2/apps/web").get(0).body())
                .isEqualTo("{\"instances\":2,\"cmd\":\"sleep 100\"}");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).endsWith("Error: Deployment d-1 did not finish: deployment d-2 now works on /web (a "
                + "rollback or a forced change)\n");
    }

    @Test
    void noWaitReturnsOnceTheDeploymentStarted() {
        edge.on("DELETE", M + "/v2/apps/web", r -> Answer.json(200, "{\"deploymentId\":\"d-9\",\"version\":\"v3\"}"));
        CliRunner.Result result = cli.run("marathon", "app", "remove", "/web", "--no-wait");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("Created deployment d-9\n");
        assertThat(edge.requests("GET", M + "/v2/deployments")).isEmpty();
    }

    @Test
    void listIsATableAndJsonIsTheApisDocument() {
        edge.json("GET", M + "/v2/apps", """
                {"apps":[{"id":"/web","cmd":"python3 -m http.server","instances":2,"cpus":0.1,"mem":64.0,
                  "healthChecks":[{"protocol":"MESOS_HTTP"}],"tasksRunning":2,"tasksHealthy":1,"container":null},
                 {"id":"/db","args":["postgres","-D","/data"],"instances":1,"cpus":1,"mem":1024,"healthChecks":[],
                  "tasksRunning":0,"container":{"type":"MESOS"}}]}""");
        edge.json("GET", M + "/v2/deployments",
                "[{\"id\":\"d\",\"currentActions\":[{\"action\":\"ScaleApplication\",\"app\":\"/db\"}]}]");
        edge.json("GET", M + "/v2/queue", "{\"queue\":[{\"app\":{\"id\":\"/db\"},\"count\":1}]}");
        CliRunner.Result table = cli.run("marathon", "app", "list");
        assertThat(table.out()).isEqualTo("""
                ID     MEM  CPUS  TASKS  HEALTH  DEPLOYMENT  WAITING  CONTAINER  CMD
                /web    64   0.1  2/2    1/2     ---         False    N/A        python3 -m http.server
                /db   1024     1  0/1    ---     scale       True     MESOS      postgres -D /data
                """);
        CliRunner.Result json = cli.run("marathon", "app", "list", "--json");
        assertThat(json.out()).startsWith("[\n  {\n    \"id\": \"/web\",");
        assertThat(cli.run("marathon", "app", "list", "-q").out()).isEqualTo("/web\n/db\n");
    }
}
