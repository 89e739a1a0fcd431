package dev.dcosnative.cli.marathon.task;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.cli.marathon.DeployingCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dcos marathon task kill <task-id>... [--scale] [--wipe]}. */
@Command(name = "kill", description = { "Kill tasks by id.",
        "Without --scale Marathon replaces them; with --scale their apps' instance counts drop (a deployment, "
                + "followed)." })
public class MarathonTaskKillCommand extends DeployingCommand {

    @Parameters(arity = "1..*", paramLabel = "<task-id>", description = "The tasks' ids.")
    List<String> taskIds;

    @Option(names = "--scale", description = "Lower the instance counts instead of replacing the tasks.")
    boolean scale;

    @Option(names = "--wipe", description = "Also forget the tasks' reservations and volumes (resident tasks).")
    boolean wipe;

    @Override
    public Integer call() {
        JsonNode response = marathon().killTasks(taskIds, scale, wipe);
        if (scale) {
            return follow(response);
        }
        int killed = response.path("tasks").size();
        out().println("Killed " + killed + " task" + (killed == 1 ? "" : "s"));
        return 0;
    }
}
