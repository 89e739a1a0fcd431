package dev.dcosnative.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.restassured.path.json.JsonPath;

import dev.dcosnative.it.harness.Await;
import dev.dcosnative.it.harness.Cluster;
import dev.dcosnative.it.harness.ClusterExtension;
import dev.dcosnative.it.harness.Http;
import dev.dcosnative.it.harness.MarathonClient;

/**
 * Deployments that do not simply run through: cancelled with a rollback or forced to stop, held by readiness checks,
 * backed off and released from the queue, watched through a filtered event stream, and apps whose image this agent
 * cannot run, or whose agent went away.
 */
@Tag("cluster")
class MarathonDeploymentsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension(() -> Cluster.builder("marathon-deployments")
            .privateAgents(2)
            .publicAgents(0)
            .agentProperty("dcos.agent.status-update-retry-interval", "1s")
            .build());

    private static MarathonClient marathon() {
        return new MarathonClient(CLUSTER.cluster().masterUrl());
    }

    /** An app that cannot be placed: its deployment runs until it is cancelled. */
    private static final String STUCK = """
            {"id": "/stuck", "cmd": "sleep 600", "cpus": 0.01, "mem": 16, "instances": 1,
             "constraints": [["hostname", "LIKE", "nowhere"]]}
            """;

    @Test
    void cancellingADeploymentRollsItBackUnlessForced() {
        MarathonClient marathon = marathon();
        marathon.awaitDeployment(marathon.createApp("""
                {"id": "/rolled", "cmd": "sleep 600", "cpus": 0.01, "mem": 16, "instances": 1}
                """), WAIT);
        String version = marathon.app("/rolled").getString("version");
        String stuck = marathon.updateApp("/rolled", "{\"instances\": 2, \"constraints\": [[\"hostname\", \"LIKE\", "
                + "\"nowhere\"]]}");

        String rollback = marathon.request().delete("/v2/deployments/" + stuck).then().statusCode(200)
                .extract().path("deploymentId");
        assertThat(rollback).isNotEqualTo(stuck);
        assertThat(marathon.deploymentIds()).doesNotContain(stuck);
        marathon.awaitDeployment(rollback, WAIT);
        JsonPath app = marathon.app("/rolled");
        assertThat(app.getInt("instances")).isEqualTo(1);
        assertThat(app.getList("constraints")).isEmpty();
        assertThat(app.getString("version")).as("a rollback is a new version").isNotEqualTo(version);
        marathon.awaitRunning("/rolled", 1, false, WAIT);

        String forced = marathon.createApp(STUCK);
        marathon.request().queryParam("force", true).delete("/v2/deployments/" + forced).then().statusCode(202);
        assertThat(marathon.deploymentIds()).doesNotContain(forced);
        assertThat(marathon.app("/stuck").getInt("instances")).as("forced: stopped where it was, no rollback")
                .isEqualTo(1);
        marathon.request().delete("/v2/deployments/" + forced).then().statusCode(404);
        marathon.awaitDeployment(marathon.deleteApp("/stuck"), WAIT);
        marathon.awaitDeployment(marathon.deleteApp("/rolled"), WAIT);
    }

    @Test
    void aDeploymentWaitsForTheReadinessCheckOfItsNewTasks() {
        MarathonClient marathon = marathon();
        String deployment = marathon.createApp("""
                {"id": "/ready-later", "instances": 1, "cpus": 0.05, "mem": 48,
                 "cmd": "(sleep 4; touch ready) & exec python3 -m http.server $PORT0 --bind $HOST",
                 "portDefinitions": [{"port": 0, "name": "http"}],
                 "readinessChecks": [{"name": "ready", "protocol": "HTTP", "path": "/ready", "portName": "http",
                                      "intervalSeconds": 2, "timeoutSeconds": 1}]}
                """);
        Map<String, Object> waiting = Await.until("a readiness result that is not ready", WAIT, () -> {
            List<Map<String, Object>> actions = marathon.request().get("/v2/deployments").jsonPath()
                    .getList("find { it.id == '" + deployment + "' }.currentActions");
            if (actions == null || actions.isEmpty()) {
                return null;
            }
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> results = (List<Map<String, Object>>) actions.get(0).get("readinessCheckResults");
            return results.isEmpty() ? null : results.get(0);
        }, r -> r != null && Boolean.FALSE.equals(r.get("ready")));
        assertThat(waiting.get("name")).isEqualTo("ready");
        assertThat(marathon.tasks("/ready-later")).allSatisfy(t -> assertThat(t.get("state")).isEqualTo(
                "TASK_RUNNING"));
        marathon.awaitDeployment(deployment, WAIT);
        marathon.awaitDeployment(marathon.deleteApp("/ready-later"), WAIT);
    }

    @Test
    void aBackedOffAppIsReleasedByDeletingItsDelay() {
        MarathonClient marathon = marathon();
        marathon.createApp("""
                {"id": "/backed-off", "instances": 1, "cmd": "exit 1", "cpus": 0.01, "mem": 16,
                 "backoffSeconds": 600, "backoffFactor": 1, "maxLaunchDelaySeconds": 600}
                """);
        Await.until("the app to back off for minutes", WAIT, () -> marathon.queue()
                .getInt("queue.find { it.app.id == '/backed-off' }.delay.timeLeftSeconds") > 60);
        String failed = marathon.app("/backed-off").getString("lastTaskFailure.taskId");

        marathon.request().delete("/v2/queue/backed-off/delay").then().statusCode(204);
        Await.until("a new launch right away", WAIT, () -> {
            String last = marathon.app("/backed-off").getString("lastTaskFailure.taskId");
            return last != null && !last.equals(failed);
        });
        marathon.request().delete("/v2/queue/nothing/delay").then().statusCode(404);
        marathon.request().queryParam("force", true).delete("/v2/apps/backed-off").then().statusCode(200);
    }

    @Test
    void anImageTheAgentCannotRunFailsItsTasksWithAClearMessage() {
        MarathonClient marathon = marathon();
        marathon.createApp("""
                {"id": "/imaged", "instances": 1, "cpus": 0.01, "mem": 16, "backoffSeconds": 30,
                 "container": {"type": "DOCKER", "docker": {"image": "nginx:1.19"}}}
                """);
        String message = Await.until("the task to fail", WAIT,
                () -> marathon.app("/imaged").getString("lastTaskFailure.message"), m -> m != null);
        assertThat(message).contains("image").contains("nginx:1.19");
        assertThat(marathon.app("/imaged").getString("container.docker.image")).isEqualTo("nginx:1.19");
        marathon.request().queryParam("force", true).delete("/v2/apps/imaged").then().statusCode(200);
    }

    @Test
    void theEventStreamCanBeFilteredByEventType() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(Http.authorized(HttpRequest
                .newBuilder(URI.create(CLUSTER.cluster().marathonUrl()
                        + "/v2/events?event_type=deployment_success&event_type=api_post_event"))
                .header("Accept", "text/event-stream").GET().build()), HttpResponse.BodyHandlers.ofInputStream());
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("event: ")) {
                        events.add(line.substring(7));
                    }
                }
            } catch (java.io.IOException e) {
                // closed
            }
        });
        reader.setDaemon(true);
        reader.start();
        MarathonClient marathon = marathon();
        marathon.awaitDeployment(marathon.createApp("""
                {"id": "/filtered", "cmd": "sleep 600", "cpus": 0.01, "mem": 16, "instances": 1}
                """), WAIT);
        Await.until("deployment_success", WAIT, () -> events.contains("deployment_success"));
        response.body().close();
        assertThat(events).containsOnly("event_stream_attached", "api_post_event", "deployment_success");
        marathon.request().accept("application/json").get("/v2/events").then().statusCode(405);
        marathon.awaitDeployment(marathon.deleteApp("/filtered"), WAIT);
    }

    @Test
    void instancesOfAnAgentThatIsGoneAreReplacedOnAnotherAndTheirReturnIsNotADuplicate() {
        MarathonClient marathon = marathon();
        marathon.awaitDeployment(marathon.createApp("""
                {"id": "/moved", "cmd": "sleep 600", "cpus": 0.01, "mem": 16, "instances": 2}
                """), WAIT);
        List<Map<String, Object>> before = marathon.awaitRunning("/moved", 2, false, WAIT);
        String lostIp = (String) before.get(0).get("host");
        Cluster.Node lost = CLUSTER.cluster().agents().stream().filter(a -> a.ip().equals(lostIp)).findFirst()
                .orElseThrow();
        String keptIp = CLUSTER.cluster().agents().stream().map(Cluster.Node::ip).filter(ip -> !ip.equals(lostIp))
                .findFirst().orElseThrow();
        lost.process().kill();
        try {
            Await.until("both instances running on " + keptIp, WAIT, () -> marathon.tasks("/moved"),
                    tasks -> tasks.size() == 2 && tasks.stream().allMatch(t -> keptIp.equals(t.get("host"))
                            && "TASK_RUNNING".equals(t.get("state"))));
        } finally {
            lost.process().start();
        }
        Await.until("the returned agent's old tasks to be killed", WAIT,
                () -> new dev.dcosnative.it.harness.OperatorClient(lost.url()).call("{\"type\":\"GET_TASKS\"}")
                        .path("get_tasks")
                        .path("launched_tasks").size() == 0);
        assertThat(marathon.tasks("/moved")).hasSize(2)
                .allSatisfy(t -> assertThat(t.get("host")).isEqualTo(keptIp));
        marathon.awaitDeployment(marathon.deleteApp("/moved"), WAIT);
    }
}
