package dev.dcosnative.cli.marathon.app;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.cli.marathon.DeployingCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dcos marathon app kill <app-id> [--scale] [--host=<host>]}. */
@Command(name = "kill", description = { "Kill an app's tasks (all, or those on one host).",
        "Without --scale Marathon replaces them; with --scale the app's instance count drops by as many (a "
                + "deployment, followed)." })
public class AppKillCommand extends DeployingCommand {

    @Parameters(paramLabel = "<app-id>", description = "The app's id.")
    String appId;

    @Option(names = "--scale", description = "Lower the instance count instead of replacing the tasks.")
    boolean scale;

    @Option(names = "--host", paramLabel = "<host>", description = "Only the tasks on this agent host.")
    String host;

    @Override
    public Integer call() {
        JsonNode response = marathon().killAppTasks(appId, scale, host);
        if (scale) {
            return follow(response, appId);
        }
        int killed = response.path("tasks").size();
        out().println("Killed " + killed + " task" + (killed == 1 ? "" : "s"));
        return 0;
    }
}
