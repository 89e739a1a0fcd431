package dev.dcosnative.cli.marathon.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import dev.dcosnative.cli.api.MarathonApi;
import dev.dcosnative.cli.common.ClusterCommandBase;
import dev.dcosnative.cli.common.JsonMixin;
import dev.dcosnative.cli.output.Json;
import dev.dcosnative.cli.output.Table;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code dcos marathon task list [<app-id>]}. */
@Command(name = "list", description = "List Marathon's tasks (of one app, or all): state, health, host, ports.")
public class MarathonTaskListCommand extends ClusterCommandBase {

    @Mixin
    JsonMixin json;

    @Parameters(arity = "0..1", paramLabel = "<app-id>", description = "Only this app's tasks.")
    String appId;

    @Override
    public Integer call() {
        MarathonApi api = marathon();
        JsonNode tasks = appId == null ? api.tasks() : api.appTasks(appId);
        if (json.json()) {
            Json.print(out(), tasks);
            return 0;
        }
        Table table = Table.of("APP", "STATE", "HEALTHY", "STARTED", "HOST", "PORTS", "ID");
        for (JsonNode task : tasks) {
            table.row(task.path("appId").asText(), task.path("state").asText(), healthy(task),
                    task.path("startedAt").asText("N/A"), task.path("host").asText(), ports(task.path("ports")),
                    task.path("id").asText());
        }
        table.print(out());
        return 0;
    }

    static String healthy(JsonNode task) {
        JsonNode results = task.path("healthCheckResults");
        if (results.isEmpty()) {
            return "---";
        }
        for (JsonNode r : results) {
            if (!r.path("alive").asBoolean()) {
                return "False";
            }
        }
        return "True";
    }

    static String ports(JsonNode ports) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        ports.forEach(list::add);
        StringBuilder text = new StringBuilder();
        list.forEach(p -> text.append(text.isEmpty() ? "" : ",").append(p.asText()));
        return text.isEmpty() ? "-" : text.toString();
    }
}
