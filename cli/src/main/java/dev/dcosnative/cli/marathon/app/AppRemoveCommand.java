package dev.dcosnative.cli.marathon.app;

import dev.dcosnative.cli.marathon.DeployingCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dcos marathon app remove <app-id>}. */
@Command(name = "remove", description = "Remove an app: its tasks are killed; follow the deployment until they are "
        + "gone.")
public class AppRemoveCommand extends DeployingCommand {

    @Parameters(paramLabel = "<app-id>", description = "The app's id.")
    String appId;

    @Option(names = "--force", description = "Override the deployment that holds the app (it is cancelled).")
    boolean force;

    @Override
    public Integer call() {
        return follow(marathon().removeApp(appId, force), appId);
    }
}
