package dev.dcosnative.cli.marathon.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import dev.dcosnative.cli.common.ClusterCommandBase;
import dev.dcosnative.cli.common.JsonMixin;
import dev.dcosnative.cli.output.Json;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dcos marathon app version list <app-id> [--max-count=<n>]}. */
@Command(name = "list", description = "List an app's versions, newest first.")
public class AppVersionListCommand extends ClusterCommandBase {

    @Mixin
    JsonMixin json;

    @Parameters(paramLabel = "<app-id>", description = "The app's id.")
    String appId;

    @Option(names = "--max-count", paramLabel = "<n>", description = "At most this many versions.")
    Integer maxCount;

    @Override
    public Integer call() {
        if (maxCount != null && maxCount < 1) {
            throw usage("--max-count must be at least 1");
        }
        JsonNode versions = marathon().appVersions(appId);
        ArrayNode shown = Json.MAPPER.createArrayNode();
        for (JsonNode v : versions) {
            if (maxCount != null && shown.size() >= maxCount) {
                break;
            }
            shown.add(v);
        }
        if (json.json()) {
            Json.print(out(), shown);
        } else {
            shown.forEach(v -> out().println(v.asText()));
        }
        return 0;
    }
}
