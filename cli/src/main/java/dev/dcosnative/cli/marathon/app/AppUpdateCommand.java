package dev.dcosnative.cli.marathon.app;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dcosnative.cli.marathon.DeployingCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dcos marathon app update <app-id> [<key>=<value>...]}. */
@Command(name = "update", description = { "Change an app: the given fields only, from <key>=<value> arguments or a "
        + "JSON document on standard input; then follow the deployment.",
        "Examples: instances=3   cmd='sleep 100'   env='{\"LEVEL\":\"debug\"}'" })
public class AppUpdateCommand extends DeployingCommand {

    @Parameters(index = "0", paramLabel = "<app-id>", description = "The app's id.")
    String appId;

    @Parameters(index = "1..*", paramLabel = "<key>=<value>", description = "Fields to change (default: a JSON "
            + "document on standard input).")
    List<String> properties;

    @Option(names = "--force", description = "Override the deployment that holds the app (it is cancelled).")
    boolean force;

    @Override
    public Integer call() {
        ObjectNode changes = changes(properties, "app");
        changes.remove("id");
        if (changes.isEmpty()) {
            throw usage("Nothing to change: give <key>=<value> arguments");
        }
        return follow(marathon().updateApp(appId, changes, force), appId);
    }
}
