package dev.dcosnative.cli.task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The tasks of the Mesos master's {@code /master/state}, with the host of their agent, and how to pick them. */
public final class MesosTasks {

    /** A task and where it runs. */
    public record Task(JsonNode json, String id, String name, String state, String agentId, String frameworkId,
            String host, boolean completed) {
    }

    private MesosTasks() {
    }

    /** Every task of every framework ({@code completed}: also the finished ones). */
    public static List<Task> of(JsonNode state, boolean completed) {
        Map<String, String> hosts = new HashMap<>();
        for (JsonNode agent : state.path("slaves")) {
            hosts.put(agent.path("id").asText(), agent.path("hostname").asText());
        }
        List<Task> tasks = new ArrayList<>();
        List<JsonNode> frameworks = new ArrayList<>();
        state.path("frameworks").forEach(frameworks::add);
        state.path("completed_frameworks").forEach(frameworks::add);
        for (JsonNode framework : frameworks) {
            collect(framework.path("tasks"), framework, hosts, false, tasks);
            collect(framework.path("unreachable_tasks"), framework, hosts, false, tasks);
            if (completed) {
                collect(framework.path("completed_tasks"), framework, hosts, true, tasks);
            }
        }
        return tasks;
    }

    private static void collect(JsonNode list, JsonNode framework, Map<String, String> hosts, boolean completed,
            List<Task> into) {
        for (JsonNode task : list) {
            String agentId = task.path("slave_id").asText();
            if (task instanceof ObjectNode object && !object.has("framework_id")) {
                object.put("framework_id", framework.path("id").asText());
            }
            into.add(new Task(task, task.path("id").asText(), task.path("name").asText(),
                    task.path("state").asText(), agentId, task.path("framework_id").asText(),
                    hosts.getOrDefault(agentId, ""), completed));
        }
    }

    /**
     * The tasks a user means by {@code filter}: the task with exactly that id; else those whose id or name contains
     * it; else those whose id matches it as a regular expression. Everything when the filter is null.
     */
    public static List<Task> matching(List<Task> tasks, String filter) {
        if (filter == null || filter.isEmpty()) {
            return tasks;
        }
        List<Task> exact = tasks.stream().filter(t -> t.id().equals(filter)).toList();
        if (!exact.isEmpty()) {
            return exact;
        }
        List<Task> containing = tasks.stream().filter(t -> t.id().contains(filter) || t.name().contains(filter))
                .toList();
        if (!containing.isEmpty()) {
            return containing;
        }
        try {
            Pattern pattern = Pattern.compile(filter);
            return tasks.stream().filter(t -> pattern.matcher(t.id()).find()).toList();
        } catch (PatternSyntaxException e) {
            return List.of();
        }
    }
}
