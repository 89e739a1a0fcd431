package dev.dcosnative.cli.marathon.deployment;

import java.util.ArrayList;
import java.util.List;

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

/** {@code dcos marathon deployment list [<app-id>]}. */
@Command(name = "list", description = "List the running deployments (of one app, or all).")
public class DeploymentListCommand extends ClusterCommandBase {

    @Mixin
    JsonMixin json;

    @Parameters(arity = "0..1", paramLabel = "<app-id>", description = "Only the deployments of this app.")
    String appId;

    @Override
    public Integer call() {
        String app = appId == null ? null : MarathonApi.absolute(appId);
        ArrayNode deployments = Json.MAPPER.createArrayNode();
        for (JsonNode d : marathon().deployments()) {
            boolean matches = app == null;
            for (JsonNode affected : d.path("affectedApps")) {
                matches |= affected.asText().equals(app);
            }
            if (matches) {
                deployments.add(d);
            }
        }
        if (json.json()) {
            Json.print(out(), deployments);
            return 0;
        }
        if (deployments.isEmpty()) {
            err().println("No deployments are running" + (app == null ? "" : " for " + app));
            return 0;
        }
        Table table = Table.of("APP", "POD", "ACTION", "PROGRESS", "ID");
        for (JsonNode d : deployments) {
            List<String> apps = new ArrayList<>();
            List<String> actions = new ArrayList<>();
            for (JsonNode action : d.path("currentActions")) {
                apps.add(action.path("app").asText(""));
                actions.add(action.path("action").asText(""));
            }
            List<String> pods = new ArrayList<>();
            d.path("affectedPods").forEach(p -> pods.add(p.asText()));
            table.row(String.join(",", apps), pods.isEmpty() ? "-" : String.join(",", pods),
                    String.join(",", actions), d.path("currentStep").asInt() + "/" + d.path("totalSteps").asInt(),
                    d.path("id").asText());
        }
        table.print(out());
        return 0;
    }
}
