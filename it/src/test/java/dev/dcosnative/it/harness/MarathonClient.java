package dev.dcosnative.it.harness;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Marathon's REST API v2 on a test cluster's master, through REST Assured, with the waits the tests share: a
 * deployment to finish, an app to have its tasks running (and healthy).
 */
public final class MarathonClient {

    private final String base;

    public MarathonClient(String base) {
        this.base = base;
    }

    public RequestSpecification request() {
        RequestSpecification request = given().baseUri(base).contentType(ContentType.JSON).accept(ContentType.JSON);
        Http.tokenFor(java.net.URI.create(base)).ifPresent(t -> request.header("Authorization", "token=" + t));
        return request;
    }

    /** POSTs an app; 201 expected. Returns the deployment id. */
    public String createApp(String json) {
        Response response = request().body(json).post("/v2/apps");
        if (response.statusCode() != 201) {
            throw new AssertionError("POST /v2/apps answered " + response.statusCode() + ": " + response.asString());
        }
        return response.header("Marathon-Deployment-Id");
    }

    /** PUTs (partially) an app; 200 expected. Returns the deployment id. */
    public String updateApp(String id, String json) {
        Response response = request().body(json).put("/v2/apps" + id);
        if (response.statusCode() != 200) {
            throw new AssertionError("PUT /v2/apps" + id + " answered " + response.statusCode() + ": "
                    + response.asString());
        }
        return response.jsonPath().getString("deploymentId");
    }

    public String deleteApp(String id) {
        Response response = request().delete("/v2/apps" + id);
        if (response.statusCode() != 200) {
            throw new AssertionError("DELETE /v2/apps" + id + " answered " + response.statusCode() + ": "
                    + response.asString());
        }
        return response.jsonPath().getString("deploymentId");
    }

    /** {@code GET /v2/apps/{id}} (with tasks), as a JsonPath rooted at the app. */
    public JsonPath app(String id) {
        Response response = request().get("/v2/apps" + id);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /v2/apps" + id + " answered " + response.statusCode() + ": "
                    + response.asString());
        }
        return response.jsonPath().setRootPath("app");
    }

    public List<Map<String, Object>> tasks(String id) {
        return app(id).getList("tasks");
    }

    public List<String> deploymentIds() {
        return request().get("/v2/deployments").jsonPath().getList("id");
    }

    public JsonPath queue() {
        return request().queryParam("embed", "lastUnusedOffers").get("/v2/queue").jsonPath();
    }

    /** Waits until the deployment is no longer running (it succeeded, or was cancelled). */
    public void awaitDeployment(String deploymentId, Duration timeout) {
        Await.until("deployment " + deploymentId + " to finish", timeout,
                () -> !deploymentIds().contains(deploymentId));
    }

    /** Waits until the app has {@code count} running tasks (healthy ones when {@code healthy}). */
    public List<Map<String, Object>> awaitRunning(String id, int count, boolean healthy, Duration timeout) {
        return Await.until(id + " to have " + count + (healthy ? " healthy" : " running") + " tasks", timeout,
                () -> tasks(id), tasks -> tasks.stream().filter(t -> "TASK_RUNNING".equals(t.get("state")))
                        .filter(t -> !healthy || isHealthy(t)).count() == count && tasks.size() == count);
    }

    /** The task's last health check result is alive. */
    @SuppressWarnings("unchecked")
    public static boolean isHealthy(Map<String, Object> task) {
        List<Map<String, Object>> results = (List<Map<String, Object>>) task.get("healthCheckResults");
        return results != null && !results.isEmpty() && Boolean.TRUE.equals(results.get(0).get("alive"));
    }
}
