package dev.dcosnative.cli.task;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;

import dev.dcosnative.cli.common.ClusterCommandBase;
import dev.dcosnative.cli.common.JsonMixin;
import dev.dcosnative.cli.output.Json;
import dev.dcosnative.cli.output.Table;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dcos task list [<filter>] [--all|--completed]}. */
@Command(name = "list", description = "List the tasks Mesos runs for every framework (Marathon and others).")
public class TaskListCommand extends ClusterCommandBase {

    @Mixin
    JsonMixin json;

    @Parameters(arity = "0..1", paramLabel = "<filter>", description = "A task id, part of one, or a regular "
            + "expression.")
    String filter;

    @Option(names = "--all", description = "Also the tasks that have ended.")
    boolean all;

    @Option(names = "--completed", description = "Only the tasks that have ended.")
    boolean completed;

    @Override
    public Integer call() {
        List<MesosTasks.Task> tasks = MesosTasks.matching(MesosTasks.of(mesos().state(), all || completed), filter)
                .stream().filter(t -> !completed || t.completed()).toList();
        if (json.json()) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            tasks.forEach(t -> array.add(t.json()));
            Json.print(out(), array);
            return 0;
        }
        Table table = Table.of("NAME", "HOST", "USER", "STATE", "ID", "AGENT ID");
        for (MesosTasks.Task t : tasks) {
            table.row(t.name(), t.host(), t.json().path("user").asText(""), t.state().replace("TASK_", ""), t.id(),
                    t.agentId());
        }
        table.print(out());
        return 0;
    }
}
