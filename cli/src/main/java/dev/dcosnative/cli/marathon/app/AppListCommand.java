package dev.dcosnative.cli.marathon.app;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.cli.api.MarathonApi;
import dev.dcosnative.cli.common.ClusterCommandBase;
import dev.dcosnative.cli.common.JsonMixin;
import dev.dcosnative.cli.output.Json;
import dev.dcosnative.cli.output.Table;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dcos marathon app list}. */
@Command(name = "list", description = "List the apps: instances running, health, deployment, launch queue.")
public class AppListCommand extends ClusterCommandBase {

    @Mixin
    JsonMixin json;

    @Option(names = { "-q", "--quiet" }, description = "Print only the app ids.")
    boolean quiet;

    @Override
    public Integer call() {
        MarathonApi api = marathon();
        JsonNode apps = api.apps();
        if (json.json()) {
            Json.print(out(), apps);
            return 0;
        }
        if (quiet) {
            apps.forEach(app -> out().println(app.path("id").asText()));
            return 0;
        }
        Map<String, String> deploying = new HashMap<>();
        for (JsonNode deployment : api.deployments()) {
            for (JsonNode action : deployment.path("currentActions")) {
                deploying.putIfAbsent(action.path("app").asText(), actionName(action.path("action").asText()));
            }
        }
        Set<String> waiting = new HashSet<>();
        api.queue().forEach(item -> waiting.add(item.path("app").path("id").asText()));
        Table table = Table.of("ID", "MEM", "CPUS", "TASKS", "HEALTH", "DEPLOYMENT", "WAITING", "CONTAINER", "CMD")
                .right(1, 2);
        for (JsonNode app : apps) {
            String id = app.path("id").asText();
            table.row(id, number(app.path("mem")), number(app.path("cpus")),
                    app.path("tasksRunning").asInt() + "/" + app.path("instances").asInt(),
                    health(app), deploying.getOrDefault(id, "---"),
                    waiting.contains(id) ? "True" : "False",
                    app.path("container").path("type").asText("N/A"), command(app));
        }
        table.print(out());
        return 0;
    }

    static String health(JsonNode app) {
        if (app.path("healthChecks").isEmpty()) {
            return "---";
        }
        return app.path("tasksHealthy").asInt() + "/" + app.path("tasksRunning").asInt();
    }

    static String command(JsonNode app) {
        if (app.hasNonNull("cmd")) {
            return app.path("cmd").asText();
        }
        if (app.path("args").isArray() && !app.path("args").isEmpty()) {
            StringBuilder args = new StringBuilder();
            app.path("args").forEach(a -> args.append(args.isEmpty() ? "" : " ").append(a.asText()));
            return args.toString();
        }
        return "N/A";
    }

    /** {@code StartApplication} → {@code start}. */
    static String actionName(String action) {
        return action.replace("Application", "").replace("Pod", "").toLowerCase(Locale.ROOT);
    }

    static String number(JsonNode value) {
        double d = value.asDouble();
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
