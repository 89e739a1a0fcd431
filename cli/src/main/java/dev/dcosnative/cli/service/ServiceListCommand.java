package dev.dcosnative.cli.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import dev.dcosnative.cli.common.ClusterCommandBase;
import dev.dcosnative.cli.common.JsonMixin;
import dev.dcosnative.cli.output.Json;
import dev.dcosnative.cli.output.Table;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dcos service list [--inactive] [--completed]}. */
@Command(name = "list", description = "List the services: name, host, active, tasks, resources in use, id.")
public class ServiceListCommand extends ClusterCommandBase {

    @Mixin
    JsonMixin json;

    @Option(names = "--inactive", description = "Also the services that are disconnected.")
    boolean inactive;

    @Option(names = "--completed", description = "Also the services that have ended.")
    boolean completed;

    @Override
    public Integer call() {
        JsonNode frameworks = mesos().frameworks();
        ArrayNode shown = Json.MAPPER.createArrayNode();
        for (JsonNode f : frameworks.path("frameworks")) {
            if (inactive || f.path("active").asBoolean(true)) {
                shown.add(f);
            }
        }
        if (completed) {
            frameworks.path("completed_frameworks").forEach(shown::add);
        }
        if (json.json()) {
            Json.print(out(), shown);
            return 0;
        }
        Table table = Table.of("NAME", "HOST", "ACTIVE", "TASKS", "CPU", "MEM", "DISK", "ID").right(3, 4, 5, 6);
        for (JsonNode f : shown) {
            JsonNode used = f.path("used_resources");
            table.row(f.path("name").asText(), f.path("hostname").asText(), f.path("active").asBoolean() ? "True"
                    : "False", f.path("tasks").size(), number(used.path("cpus")), number(used.path("mem")),
                    number(used.path("disk")), f.path("id").asText());
        }
        table.print(out());
        return 0;
    }

    static String number(JsonNode value) {
        double d = value.asDouble();
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format(java.util.Locale.ROOT, "%.2f", d);
    }
}
