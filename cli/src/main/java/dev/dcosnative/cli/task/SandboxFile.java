package dev.dcosnative.cli.task;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.cli.api.MesosApi;
import dev.dcosnative.cli.common.CliException;
import dev.dcosnative.cli.http.ApiException;

/**
 * A file of a task's sandbox, read through its agent's files API behind the edge
 * ({@code /agent/<agent id>/files/read?path=...&offset=...&length=...}): the last lines, then what is appended.
 */
public final class SandboxFile {

    /** The most read at once while following. */
    static final int CHUNK = 64 * 1024;

    private final MesosApi mesos;
    private final String agentId;
    private final String path;
    private long offset;

    private SandboxFile(MesosApi mesos, String agentId, String path) {
        this.mesos = mesos;
        this.agentId = agentId;
        this.path = path;
    }

    /** The file {@code name} ({@code stdout}, {@code stderr}, or a path) in the sandbox of {@code task}. */
    public static SandboxFile of(MesosApi mesos, MesosTasks.Task task, String name) {
        JsonNode state;
        try {
            state = mesos.agentState(task.agentId());
        } catch (ApiException e) {
            throw new CliException("Cannot reach the agent of task " + task.id() + " (" + task.host() + "): "
                    + e.getMessage(), e);
        }
        String sandbox = sandbox(state, task.id());
        if (sandbox == null) {
            throw new CliException("The agent " + task.host() + " knows no sandbox of task " + task.id()
                    + " (it may have been cleaned up)");
        }
        return new SandboxFile(mesos, task.agentId(), sandbox + "/" + name);
    }

    /** The task's sandbox directory in an agent's {@code /state}. */
    static String sandbox(JsonNode agentState, String taskId) {
        List<JsonNode> frameworks = new ArrayList<>();
        agentState.path("frameworks").forEach(frameworks::add);
        agentState.path("completed_frameworks").forEach(frameworks::add);
        for (JsonNode framework : frameworks) {
            List<JsonNode> executors = new ArrayList<>();
            framework.path("executors").forEach(executors::add);
            framework.path("completed_executors").forEach(executors::add);
            for (JsonNode executor : executors) {
                for (String list : List.of("tasks", "completed_tasks", "queued_tasks")) {
                    for (JsonNode task : executor.path(list)) {
                        if (task.path("id").asText().equals(taskId)) {
                            String own = task.path("sandbox_directory").asText("");
                            return own.isEmpty() ? executor.path("directory").asText(null) : own;
                        }
                    }
                }
                if (executor.path("id").asText().equals(taskId) && executor.hasNonNull("directory")) {
                    return executor.path("directory").asText();
                }
            }
        }
        return null;
    }

    public String path() {
        return path;
    }

    /** The file's last {@code lines} lines (all of it when it is shorter); later reads continue after them. */
    public String tail(int lines) {
        long size = size();
        offset = size;
        if (lines <= 0 || size == 0) {
            return "";
        }
        long chunk = Math.max(4096, lines * 160L);
        while (true) {
            long start = Math.max(0, size - chunk);
            String text = read(start, size - start);
            List<String> all = text.lines().toList();
            boolean enough = all.size() > lines || start == 0;
            if (enough) {
                List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
                return last.isEmpty() ? "" : String.join("\n", last) + (text.endsWith("\n") ? "\n" : "");
            }
            chunk *= 4;
        }
    }

    /** What was appended since the last read (may be empty). */
    public String next() {
        String data = read(offset, CHUNK);
        offset += data.getBytes(StandardCharsets.UTF_8).length;
        return data;
    }

    private long size() {
        return files(-1, -1).path("offset").asLong(0);
    }

    private String read(long from, long length) {
        return files(from, length).path("data").asText("");
    }

    private JsonNode files(long from, long length) {
        try {
            return mesos.readFile(agentId, path, from, length);
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw new CliException("No file " + path + " in the task's sandbox", e);
            }
            throw e;
        }
    }
}
