package dev.dcosnative.cli.marathon.group;

import dev.dcosnative.cli.marathon.DeployingCommand;
import dev.dcosnative.cli.output.Json;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dcos marathon group scale <group-id> <scale-factor>}. */
@Command(name = "scale", description = "Scale every app of a group by a factor (Marathon's scaleBy); follow the "
        + "deployment.")
public class GroupScaleCommand extends DeployingCommand {

    @Parameters(index = "0", paramLabel = "<group-id>", description = "The group's id.")
    String groupId;

    @Parameters(index = "1", paramLabel = "<scale-factor>", description = "The factor, e.g. 2 or 0.5.")
    double factor;

    @Option(names = "--force", description = "Override the deployments that hold the group's apps.")
    boolean force;

    @Override
    public Integer call() {
        if (factor < 0 || Double.isNaN(factor) || Double.isInfinite(factor)) {
            throw usage("<scale-factor> must be a number ≥ 0");
        }
        return follow(marathon().updateGroup(groupId, Json.MAPPER.createObjectNode().put("scaleBy", factor), force));
    }
}
