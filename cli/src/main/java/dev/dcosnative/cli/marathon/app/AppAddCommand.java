package dev.dcosnative.cli.marathon.app;

import java.nio.file.Path;

import dev.dcosnative.cli.marathon.DeployingCommand;
import dev.dcosnative.cli.marathon.Documents;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dcos marathon app add [<app-resource>]}. */
@Command(name = "add", description = { "Add an app from a JSON app definition (a file, or standard input) and follow "
        + "its deployment until its instances run (and are healthy).",
        "The definition is checked before it is sent: malformed JSON or a wrong field type is reported with its "
                + "place." })
public class AppAddCommand extends DeployingCommand {

    @Parameters(arity = "0..1", paramLabel = "<app-resource>", description = "The app definition file (default: "
            + "standard input).")
    Path file;

    @Override
    public Integer call() {
        Documents.Document app = Documents.read(file, context().env());
        String id = Documents.checkApp(app);
        return follow(marathon().createApp(Documents.bytes(app), false), id);
    }
}
