package dev.dcosnative.cli.marathon.task;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.cli.common.CliException;
import dev.dcosnative.cli.common.ClusterCommandBase;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dcos marathon task stop <task-id> [--wipe]}: kills one task; Marathon starts a replacement. */
@Command(name = "stop", description = "Stop one task; Marathon replaces it (the instance count stays).")
public class MarathonTaskStopCommand extends ClusterCommandBase {

    @Parameters(paramLabel = "<task-id>", description = "The task's id.")
    String taskId;

    @Option(names = "--wipe", description = "Also forget the task's reservations and volumes (resident tasks).")
    boolean wipe;

    @Override
    public Integer call() {
        JsonNode killed = marathon().killTasks(List.of(taskId), false, wipe).path("tasks");
        if (killed.isEmpty()) {
            throw new CliException("Marathon has no task " + taskId);
        }
        out().println("Stopped task " + taskId);
        return 0;
    }
}
