package dev.dcosnative.cli.marathon.app;

import dev.dcosnative.cli.marathon.DeployingCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dcos marathon app restart <app-id>}. */
@Command(name = "restart", description = "Replace all of an app's tasks with new ones (a rolling restart within its "
        + "upgrade strategy) and follow the deployment.")
public class AppRestartCommand extends DeployingCommand {

    @Parameters(paramLabel = "<app-id>", description = "The app's id.")
    String appId;

    @Option(names = "--force", description = "Override the deployment that holds the app (it is cancelled).")
    boolean force;

    @Override
    public Integer call() {
        return follow(marathon().restartApp(appId, force), appId);
    }
}
