package dev.dcosnative.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * Marathon's REST API as clients see it: every class of error with Marathon's status and body (and nothing changed),
 * the DC/OS prefixes and doubled slashes, groups with dependencies that order a deployment, task listing and
 * killing, and the event stream of a deployment.
 */
@Tag("cluster")
class MarathonApiIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension(() -> Cluster.builder("marathon-api")
            .publicAgents(0)
            .build());

    private static MarathonClient marathon() {
        return new MarathonClient(CLUSTER.cluster().masterUrl());
    }

    @Test
    void badJsonIsA400WithThePathOfTheWrongValue() {
        marathon().request().body("{\"id\": \"/typed\", \"cpus\": \"lots\"}").post("/v2/apps").then()
                .statusCode(400)
                .body("message", equalTo("Invalid JSON"))
                .body("details[0].path", equalTo("/cpus"))
                .body("details[0].errors", contains("error.expected.jsnumber"));
        marathon().request().body("{\"id\": \"/broken\", ").post("/v2/apps").then()
                .statusCode(400)
                .body("message", equalTo("Invalid JSON"))
                .body("details[0].errors[0]", notNullValue());
        marathon().request().get("/v2/apps/typed").then().statusCode(404);
    }

    @Test
    void semanticErrorsAreA422WithEveryPathAndMessage() {
        marathon().request().body("""
                {"id": "/Bad_Id", "cmd": "sleep 1", "cpus": 0, "instances": -1,
                 "upgradeStrategy": {"minimumHealthCapacity": 1.5},
                 "constraints": [["hostname", "SOMETIMES"]]}
                """).post("/v2/apps").then()
                .statusCode(422)
                .body("message", equalTo("Object is not valid"))
                .body("details.path", hasItem("/id"))
                .body("details.path", hasItem("/cpus"))
                .body("details.path", hasItem("/instances"))
                .body("details.path", hasItem("/upgradeStrategy/minimumHealthCapacity"))
                .body("details.path", hasItem("/constraints(0)"))
                .body("details.find { it.path == '/cpus' }.errors[0]", equalTo("got 0.0, expected 0.001 or more"));
        marathon().request().body("{\"id\": \"/nothing-to-run\"}").post("/v2/apps").then().statusCode(422)
                .body("details[0].errors[0]", containsString("'cmd' or 'args'"));
        assertThat(marathon().request().get("/v2/apps").jsonPath().getList("apps.id"))
                .doesNotContain("/nothing-to-run");
    }

    @Test
    void unknownAppsAre404AndExistingOnesConflict() {
        MarathonClient marathon = marathon();
        marathon.request().get("/v2/apps/nowhere").then().statusCode(404)
                .body("message", equalTo("App '/nowhere' does not exist"));
        marathon.request().delete("/v2/apps/nowhere").then().statusCode(404);
        marathon.request().body("{}").patch("/v2/apps/nowhere").then().statusCode(404);

        String deployment = marathon.createApp("""
                {"id": "/once", "cmd": "sleep 600", "cpus": 0.01, "mem": 16, "instances": 1}
                """);
        marathon.request().body("{\"id\": \"/once\", \"cmd\": \"sleep 1\"}").post("/v2/apps").then()
                .statusCode(409).body("message", equalTo("An app with id [/once] already exists."));
        marathon.awaitDeployment(deployment, WAIT);
        marathon.awaitDeployment(marathon.deleteApp("/once"), WAIT);
    }

    @Test
    void anAppLockedByARunningDeploymentIsA409UnlessForced() {
        MarathonClient marathon = marathon();
        String deployment = marathon.createApp("""
                {"id": "/locked", "cmd": "sleep 600", "cpus": 0.01, "mem": 16, "instances": 1,
                 "constraints": [["hostname", "LIKE", "nowhere"]]}
                """);
        marathon.request().body("{\"instances\": 2}").put("/v2/apps/locked").then().statusCode(409)
                .body("message", containsString("App is locked by one or more deployments"))
                .body("deployments[0].id", equalTo(deployment));
        assertThat(marathon.app("/locked").getInt("instances")).isEqualTo(1);

        String forced = marathon.request().body("{\"constraints\": []}").queryParam("force", true)
                .put("/v2/apps/locked").then().statusCode(200).extract().path("deploymentId");
        assertThat(marathon.deploymentIds()).doesNotContain(deployment);
        marathon.awaitDeployment(forced, WAIT);
        marathon.awaitRunning("/locked", 1, false, WAIT);
        marathon.awaitDeployment(marathon.deleteApp("/locked"), WAIT);
    }

    @Test
    void theDcosPrefixesAndDoubledSlashesReachTheSameApi() throws Exception {
        MarathonClient marathon = marathon();
        marathon.awaitDeployment(marathon.createApp("""
                {"id": "/prefixed", "cmd": "sleep 600", "cpus": 0.01, "mem": 16, "instances": 1}
                """), WAIT);
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/v2/apps//prefixed", "/marathon/v2/apps/prefixed",
                "/service/marathon/v2/apps/prefixed", "/service/marathon/v2/apps//prefixed")) {
            HttpResponse<String> response = http.send(Http.authorized(HttpRequest.newBuilder(
                    URI.create(CLUSTER.cluster().masterUrl() + path)).GET().build()),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(JsonPath.from(response.body()).getString("app.id")).as(path).isEqualTo("/prefixed");
        }
        marathon.request().get("/ping").then().statusCode(200).body(equalTo("pong"));
        marathon.request().get("/v2/info").then().statusCode(200).body("name", equalTo("marathon"))
                .body("elected", equalTo(true));
        marathon.request().get("/v2/leader").then().statusCode(200)
                .body("leader", equalTo(CLUSTER.cluster().leader().ip() + ":" + CLUSTER.cluster().leader().port()));
        String text = marathon.request().accept("text/plain").get("/v2/apps/prefixed/tasks").asString();
        assertThat(text).startsWith("/prefixed\t").contains(CLUSTER.cluster().agent("agent-1").ip() + ":");
        marathon.awaitDeployment(marathon.deleteApp("/prefixed"), WAIT);
    }

    @Test
    void killingTasksWithAndWithoutScale() {
        MarathonClient marathon = marathon();
        marathon.awaitDeployment(marathon.createApp("""
                {"id": "/killable", "cmd": "sleep 600", "cpus": 0.01, "mem": 16, "instances": 3}
                """), WAIT);
        String victim = (String) marathon.awaitRunning("/killable", 3, false, WAIT).get(0).get("id");

        marathon.request().delete("/v2/apps/killable/tasks/" + victim).then().statusCode(200)
                .body("task.id", equalTo(victim));
        Await.until("the killed task to be replaced", WAIT, () -> {
            var tasks = marathon.tasks("/killable");
            return tasks.size() == 3 && tasks.stream().noneMatch(t -> victim.equals(t.get("id")))
                    && tasks.stream().allMatch(t -> "TASK_RUNNING".equals(t.get("state")));
        });

        String scaledVictim = (String) marathon.tasks("/killable").get(0).get("id");
        String deployment = marathon.request().body("{\"ids\": [\"" + scaledVictim + "\"]}")
                .queryParam("scale", true).post("/v2/tasks/delete").then().statusCode(200)
                .extract().path("deploymentId");
        marathon.awaitDeployment(deployment, WAIT);
        assertThat(marathon.app("/killable").getInt("instances")).isEqualTo(2);
        assertThat(marathon.awaitRunning("/killable", 2, false, WAIT))
                .noneMatch(t -> scaledVictim.equals(t.get("id")));
        marathon.request().queryParam("scale", true).queryParam("wipe", true).delete("/v2/apps/killable/tasks")
                .then().statusCode(400);
        marathon.awaitDeployment(marathon.deleteApp("/killable"), WAIT);
    }

    @Test
    void aGroupDeploysItsAppsInDependencyOrder() {
        MarathonClient marathon = marathon();
        String deployment = marathon.request().body("""
                {"id": "/shop", "apps": [
                  {"id": "web", "cmd": "sleep 600", "cpus": 0.01, "mem": 16, "dependencies": ["db"]},
                  {"id": "db", "cmd": "sleep 600", "cpus": 0.01, "mem": 16}]}
                """).post("/v2/groups").then().statusCode(201).extract().path("deploymentId");
        JsonPath plan = marathon.request().get("/v2/deployments").jsonPath()
                .setRootPath("find { it.id == '" + deployment + "' }");
        List<String> order = new ArrayList<>();
        for (List<String> step : plan.<List<String>> getList("steps.actions.app")) {
            order.addAll(step);
        }
        assertThat(order.lastIndexOf("/shop/db")).isLessThan(order.lastIndexOf("/shop/web"));
        marathon.awaitDeployment(deployment, WAIT);

        marathon.request().get("/v2/groups/shop").then().statusCode(200)
                .body("apps.id", contains("/shop/db", "/shop/web"));
        String scaled = marathon.request().body("{\"scaleBy\": 2}").put("/v2/groups/shop").then().statusCode(200)
                .extract().path("deploymentId");
        marathon.awaitDeployment(scaled, WAIT);
        assertThat(marathon.app("/shop/web").getInt("instances")).isEqualTo(2);
        assertThat(marathon.request().get("/v2/groups/shop/versions").jsonPath().getList("$")).hasSizeGreaterThan(1);

        String removed = marathon.request().delete("/v2/groups/shop").then().statusCode(200).extract()
                .path("deploymentId");
        marathon.awaitDeployment(removed, WAIT);
        marathon.request().get("/v2/groups/shop").then().statusCode(404);
        marathon.request().get("/v2/apps/shop/web").then().statusCode(404);
    }

    @Test
    void theEventStreamShowsADeploymentFromRequestToSuccess() throws Exception {
        MarathonClient marathon = marathon();
        List<String> events = new CopyOnWriteArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(CLUSTER.cluster().masterUrl() + "/v2/events"))
                .header("Accept", "text/event-stream").GET().build();
        HttpResponse<java.io.InputStream> response = http.send(Http.authorized(request),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("text/event-stream"));
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
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
        Await.until("the stream to attach", WAIT, () -> events.contains("event_stream_attached"));

        String deployment = marathon.createApp("""
                {"id": "/evented", "cmd": "sleep 600", "cpus": 0.01, "mem": 16, "instances": 1}
                """);
        Await.until("deployment_success", WAIT, () -> events.contains("deployment_success"));
        response.body().close();

        assertThat(events).containsSubsequence("event_stream_attached", "api_post_event", "deployment_info",
                "status_update_event", "deployment_step_success", "deployment_success");
        assertThat(events).contains("instance_changed_event", "group_change_success");
        assertThat(marathon.deploymentIds()).doesNotContain(deployment);
        marathon.awaitDeployment(marathon.deleteApp("/evented"), WAIT);
    }
}
