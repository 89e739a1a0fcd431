package dev.dcosnative.cli.marathon.app;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.cli.api.MarathonApi;
import dev.dcosnative.cli.common.CliException;
import dev.dcosnative.cli.marathon.DeployingCommand;
import dev.dcosnative.cli.output.Json;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dcos marathon app start <app-id> [<instances>]}. */
@Command(name = "start", description = "Start a stopped app (0 instances) with the given number of instances and "
        + "follow the deployment.")
public class AppStartCommand extends DeployingCommand {

    @Parameters(index = "0", paramLabel = "<app-id>", description = "The app's id.")
    String appId;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<instances>", defaultValue = "1", description = "How many instances (default 1).")
    int instances;

    @Option(names = "--force", description = "Override the deployment that holds the app (it is cancelled).")
    boolean force;

    @Override
    public Integer call() {
        if (instances < 1) {
            throw usage("<instances> must be at least 1");
        }
        MarathonApi api = marathon();
        JsonNode app = api.app(appId);
        if (app.path("instances").asInt() > 0) {
            throw new CliException("App " + app.path("id").asText() + " is already started: "
                    + app.path("instances").asInt() + " instances");
        }
        return follow(api.updateApp(appId, Json.MAPPER.createObjectNode().put("instances", instances), force), appId);
    }
}
