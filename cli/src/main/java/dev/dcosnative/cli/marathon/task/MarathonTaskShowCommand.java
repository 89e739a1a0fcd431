package dev.dcosnative.cli.marathon.task;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.cli.common.CliException;
import dev.dcosnative.cli.common.ClusterCommandBase;
import dev.dcosnative.cli.output.Json;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dcos marathon task show <task-id>}. */
@Command(name = "show", description = "Print one of Marathon's tasks as JSON.")
public class MarathonTaskShowCommand extends ClusterCommandBase {

    @Parameters(paramLabel = "<task-id>", description = "The task's id ('marathon task list').")
    String taskId;

    @Override
    public Integer call() {
        for (JsonNode task : marathon().tasks()) {
            if (task.path("id").asText().equals(taskId)) {
                Json.print(out(), task);
                return 0;
            }
        }
        throw new CliException("Marathon has no task " + taskId);
    }
}
