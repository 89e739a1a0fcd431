package dev.dcosnative.cli.marathon.app;

import dev.dcosnative.cli.marathon.DeployingCommand;
import dev.dcosnative.cli.output.Json;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dcos marathon app stop <app-id>}: scales to 0, keeps the definition. */
@Command(name = "stop", description = "Stop an app: scale it to 0 instances, keeping its definition; follow the "
        + "deployment.")
public class AppStopCommand extends DeployingCommand {

    @Parameters(paramLabel = "<app-id>", description = "The app's id.")
    String appId;

    @Option(names = "--force", description = "Override the deployment that holds the app (it is cancelled).")
    boolean force;

    @Override
    public Integer call() {
        return follow(marathon().updateApp(appId, Json.MAPPER.createObjectNode().put("instances", 0), force), appId);
    }
}
