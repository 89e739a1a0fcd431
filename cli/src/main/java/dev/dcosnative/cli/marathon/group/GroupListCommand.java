package dev.dcosnative.cli.marathon.group;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import dev.dcosnative.cli.common.ClusterCommandBase;
import dev.dcosnative.cli.common.JsonMixin;
import dev.dcosnative.cli.output.Json;
import dev.dcosnative.cli.output.Table;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code dcos marathon group list}: every group below the root, with its number of apps. */
@Command(name = "list", description = "List the groups (all levels) and how many apps each holds directly.")
public class GroupListCommand extends ClusterCommandBase {

    @Mixin
    JsonMixin json;

    @Override
    public Integer call() {
        List<JsonNode> groups = new ArrayList<>();
        flatten(marathon().groups(), groups);
        if (json.json()) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            groups.forEach(array::add);
            Json.print(out(), array);
            return 0;
        }
        Table table = Table.of("ID", "APPS", "GROUPS").right(1, 2);
        groups.forEach(g -> table.row(g.path("id").asText(), g.path("apps").size(), g.path("groups").size()));
        table.print(out());
        return 0;
    }

    static void flatten(JsonNode group, List<JsonNode> into) {
        for (JsonNode child : group.path("groups")) {
            into.add(child);
            flatten(child, into);
        }
    }
}
