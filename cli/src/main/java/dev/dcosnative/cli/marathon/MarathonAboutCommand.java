package dev.dcosnative.cli.marathon;

import dev.dcosnative.cli.common.ClusterCommandBase;
import dev.dcosnative.cli.output.Json;

import picocli.CommandLine.Command;

/** {@code dcos marathon about}: Marathon's {@code /v2/info}. */
@Command(name = "about", description = "Print Marathon's information document (/v2/info).")
public class MarathonAboutCommand extends ClusterCommandBase {

    @Override
    public Integer call() {
        Json.print(out(), marathon().info());
        return 0;
    }
}
