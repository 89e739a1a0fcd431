package dev.dcosnative.cli.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dcosnative.cli.http.ApiException;
import dev.dcosnative.cli.http.ApiResponse;
import dev.dcosnative.cli.http.DcosClient;
import dev.dcosnative.cli.output.Json;
import dev.dcosnative.shared.marathon.PathId;

/** Marathon's REST API v2 (reference §1) at {@code <dcos_url>/service/marathon}, as the CLI calls it. */
public final class MarathonApi {

    private final DcosClient client;
    private final String base;

    public MarathonApi(DcosClient client, String base) {
        this.client = client;
        this.base = base;
    }

    public DcosClient client() {
        return client;
    }

    /** An app, group or task id as a URL path ({@code /prod/web} → {@code prod/web}), each segment encoded. */
    public static String path(String id) {
        List<String> segments = new ArrayList<>();
        for (String segment : PathId.of(id).path()) {
            segments.add(encode(segment));
        }
        return String.join("/", segments);
    }

    /** An absolute id: {@code web} → {@code /web}. */
    public static String absolute(String id) {
        return PathId.of(id).canonical().toString();
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String force(boolean force) {
        return force ? "?force=true" : "";
    }

    public JsonNode info() {
        return client.getJson(base + "/v2/info");
    }

    public JsonNode apps() {
        return client.getJson(base + "/v2/apps?embed=apps.counts&embed=apps.deployments").path("apps");
    }

    /** An app with its tasks, counts, deployments and last task failure. */
    public JsonNode app(String id) {
        return client.getJson(base + "/v2/apps/" + path(id)
                + "?embed=app.counts&embed=app.tasks&embed=app.deployments&embed=app.lastTaskFailure")
                .path("app");
    }

    /** An app, or empty when Marathon says it does not exist. */
    public Optional<JsonNode> findApp(String id) {
        try {
            return Optional.of(app(id));
        } catch (ApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public JsonNode appVersion(String id, String version) {
        return client.getJson(base + "/v2/apps/" + path(id) + "/versions/" + encode(version));
    }

    public JsonNode appVersions(String id) {
        return client.getJson(base + "/v2/apps/" + path(id) + "/versions").path("versions");
    }

    /** Creates an app from the user's document; the deployment's id and the app as created. */
    public JsonNode createApp(byte[] document, boolean force) {
        return client.sendDocument("POST", base + "/v2/apps" + force(force), document).json();
    }

    /** Changes an app (a partial update: only the given fields change). */
    public JsonNode updateApp(String id, byte[] document, boolean force) {
        return client.sendDocument("PUT", base + "/v2/apps/" + path(id) + force(force), document).json();
    }

    public JsonNode updateApp(String id, ObjectNode changes, boolean force) {
        return client.put(base + "/v2/apps/" + path(id) + force(force), changes).json();
    }

    public JsonNode removeApp(String id, boolean force) {
        return client.delete(base + "/v2/apps/" + path(id) + "?force=" + force).json();
    }

    public JsonNode restartApp(String id, boolean force) {
        return client.post(base + "/v2/apps/" + path(id) + "/restart" + force(force), null).json();
    }

    /** Kills an app's tasks (on one host, or all); with {@code scale} the instance count drops accordingly. */
    public JsonNode killAppTasks(String id, boolean scale, String host) {
        String query = "?scale=" + scale + (host == null ? "" : "&host=" + encode(host));
        return client.delete(base + "/v2/apps/" + path(id) + "/tasks" + query).json();
    }

    public JsonNode appTasks(String id) {
        return client.getJson(base + "/v2/apps/" + path(id) + "/tasks").path("tasks");
    }

    public JsonNode tasks() {
        return client.getJson(base + "/v2/tasks").path("tasks");
    }

    /** Kills tasks by id ({@code scale}: lower the instance counts; {@code wipe}: forget resident tasks). */
    public JsonNode killTasks(List<String> ids, boolean scale, boolean wipe) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ids.forEach(body.putArray("ids")::add);
        return client.post(base + "/v2/tasks/delete?scale=" + scale + "&wipe=" + wipe, body).json();
    }

    public JsonNode groups() {
        return client.getJson(base + "/v2/groups?embed=group.groups&embed=group.apps");
    }

    public JsonNode group(String id) {
        return client.getJson(base + "/v2/groups/" + path(id) + "?embed=group.groups&embed=group.apps");
    }

    public JsonNode groupVersion(String id, String version) {
        return client.getJson(base + "/v2/groups/" + path(id) + "/versions/" + encode(version));
    }

    public JsonNode createGroup(byte[] document, boolean force) {
        return client.sendDocument("POST", base + "/v2/groups" + force(force), document).json();
    }

    public JsonNode updateGroup(String id, ObjectNode changes, boolean force) {
        return client.put(base + "/v2/groups/" + path(id) + force(force), changes).json();
    }

    public JsonNode updateGroup(String id, byte[] document, boolean force) {
        return client.sendDocument("PUT", base + "/v2/groups/" + path(id) + force(force), document).json();
    }

    public JsonNode removeGroup(String id, boolean force) {
        return client.delete(base + "/v2/groups/" + path(id) + force(force)).json();
    }

    public JsonNode deployments() {
        return client.getJson(base + "/v2/deployments");
    }

    public Optional<JsonNode> deployment(String id) {
        for (JsonNode deployment : deployments()) {
            if (deployment.path("id").asText().equals(id)) {
                return Optional.of(deployment);
            }
        }
        return Optional.empty();
    }

    /** Cancels a deployment: with {@code force} it just stops; otherwise a rollback deployment starts. */
    public ApiResponse cancelDeployment(String id, boolean force) {
        return client.call("DELETE", base + "/v2/deployments/" + encode(id) + (force ? "?force=true" : ""), null,
                null);
    }

    public JsonNode queue() {
        return client.getJson(base + "/v2/queue").path("queue");
    }
}
