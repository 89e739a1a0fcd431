package dev.dcosnative.agent.api;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.agent.Protos.Response;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dcosnative.agent.AgentState;
import dev.dcosnative.agent.task.TaskManager;
import dev.dcosnative.shared.mesos.LegacyJson;
import dev.dcosnative.shared.mesos.MesosInfo;
import dev.dcosnative.shared.mesos.MesosTime;
import dev.dcosnative.shared.mesos.TaskStates;

/** The agent's answers: v1 operator responses and the legacy {@code /state} JSON with the upstream field names. */
final class AgentViews {

    private AgentViews() {
    }

    static Response health() {
        return Response.newBuilder()
                .setType(Response.Type.GET_HEALTH)
                .setGetHealth(Response.GetHealth.newBuilder().setHealthy(true))
                .build();
    }

    static Response version() {
        return Response.newBuilder()
                .setType(Response.Type.GET_VERSION)
                .setGetVersion(Response.GetVersion.newBuilder().setVersionInfo(MesosInfo.versionInfo()))
                .build();
    }

    static Response flags(Map<String, String> flags) {
        return Response.newBuilder()
                .setType(Response.Type.GET_FLAGS)
                .setGetFlags(Response.GetFlags.newBuilder().addAllFlags(MesosInfo.flags(flags)))
                .build();
    }

    static Response agent(AgentInfo info) {
        return Response.newBuilder()
                .setType(Response.Type.GET_AGENT)
                .setGetAgent(Response.GetAgent.newBuilder().setAgentInfo(info))
                .build();
    }

    static Response state(TaskManager.Snapshot tasks) {
        return Response.newBuilder()
                .setType(Response.Type.GET_STATE)
                .setGetState(Response.GetState.newBuilder()
                        .setGetTasks(getTasks(tasks))
                        .setGetExecutors(getExecutors(tasks))
                        .setGetFrameworks(getFrameworks(tasks)))
                .build();
    }

    static Response.GetTasks getTasks(TaskManager.Snapshot tasks) {
        Response.GetTasks.Builder builder = Response.GetTasks.newBuilder();
        for (TaskManager.Snapshot.Entry entry : tasks.live()) {
            if (TaskStates.terminal(entry.task().getState())) {
                builder.addTerminatedTasks(entry.task());
            } else {
                builder.addLaunchedTasks(entry.task());
            }
        }
        tasks.completed().forEach(entry -> builder.addCompletedTasks(entry.task()));
        return builder.build();
    }

    static Response.GetFrameworks getFrameworks(TaskManager.Snapshot tasks) {
        Response.GetFrameworks.Builder builder = Response.GetFrameworks.newBuilder();
        tasks.frameworks().forEach(f -> builder.addFrameworks(Response.GetFrameworks.Framework.newBuilder()
                .setFrameworkInfo(f)));
        return builder.build();
    }

    static Response.GetExecutors getExecutors(TaskManager.Snapshot tasks) {
        Response.GetExecutors.Builder builder = Response.GetExecutors.newBuilder();
        Map<String, ExecutorInfo> executors = new LinkedHashMap<>();
        for (TaskManager.Snapshot.Entry entry : tasks.live()) {
            executors.putIfAbsent(entry.framework().getId().getValue() + "/" + entry.executorId(),
                    ExecutorInfo.newBuilder()
                            .setExecutorId(ExecutorID.newBuilder().setValue(entry.executorId()))
                            .setFrameworkId(entry.framework().getId())
                            .setType(entry.task().hasExecutorId() ? ExecutorInfo.Type.DEFAULT
                                    : ExecutorInfo.Type.UNKNOWN)
                            .build());
        }
        executors.values().forEach(e -> builder.addExecutors(Response.GetExecutors.Executor.newBuilder()
                .setExecutorInfo(e)));
        return builder.build();
    }

    static Response frameworks(TaskManager.Snapshot tasks) {
        return Response.newBuilder()
                .setType(Response.Type.GET_FRAMEWORKS)
                .setGetFrameworks(getFrameworks(tasks))
                .build();
    }

    static Response tasks(TaskManager.Snapshot tasks) {
        return Response.newBuilder().setType(Response.Type.GET_TASKS).setGetTasks(getTasks(tasks)).build();
    }

    static Response executors(TaskManager.Snapshot tasks) {
        return Response.newBuilder()
                .setType(Response.Type.GET_EXECUTORS)
                .setGetExecutors(getExecutors(tasks))
                .build();
    }

    static Response containers() {
        return Response.newBuilder()
                .setType(Response.Type.GET_CONTAINERS)
                .setGetContainers(Response.GetContainers.getDefaultInstance())
                .build();
    }

    /** {@code /state} of a Mesos agent. */
    static ObjectNode stateJson(AgentInfo info, String pid, Instant startTime, MasterInfo master,
            Map<String, String> flags, TaskManager.Snapshot tasks) {
        ObjectNode node = LegacyJson.version();
        node.put("start_time", MesosTime.decimalSeconds(startTime));
        node.put("id", info.hasId() ? info.getId().getValue() : "");
        node.put("pid", pid);
        node.put("hostname", info.getHostname());
        ArrayNode capabilities = node.putArray("capabilities");
        AgentState.CAPABILITIES.forEach(c -> capabilities.add(c.getType().name()));
        node.set("resources", LegacyJson.resources(info.getResourcesList()));
        node.set("reserved_resources", LegacyJson.reservedByRole(info.getResourcesList()));
        node.set("unreserved_resources", LegacyJson.unreserved(info.getResourcesList()));
        node.set("reserved_resources_full", LegacyJson.reservedFullByRole(info.getResourcesList()));
        node.set("unreserved_resources_full", LegacyJson.unreservedFull(info.getResourcesList()));
        node.putObject("reserved_resources_allocated");
        node.set("unreserved_resources_allocated", LegacyJson.resources(List.of()));
        node.set("attributes", LegacyJson.attributes(info.getAttributesList()));
        if (master != null) {
            node.put("master_hostname", master.getHostname());
        }
        node.set("flags", LegacyJson.flags(flags));
        node.set("frameworks", frameworksJson(tasks.live(), tasks.completed()));
        node.putArray("completed_frameworks");
        return node;
    }

    /** The frameworks with their executors (sandbox directories) and tasks, as DC/OS tools look sandboxes up. */
    private static ArrayNode frameworksJson(List<TaskManager.Snapshot.Entry> live,
            List<TaskManager.Snapshot.Entry> completed) {
        ArrayNode frameworks = JsonNodeFactory.instance.arrayNode();
        Map<String, ObjectNode> byId = new LinkedHashMap<>();
        Map<String, ObjectNode> executors = new LinkedHashMap<>();
        List<TaskManager.Snapshot.Entry> all = new ArrayList<>(live);
        all.addAll(completed);
        for (TaskManager.Snapshot.Entry entry : all) {
            FrameworkInfo info = entry.framework();
            String frameworkId = info.getId().getValue();
            ObjectNode framework = byId.computeIfAbsent(frameworkId, id -> {
                ObjectNode f = frameworks.addObject();
                f.put("id", id);
                f.put("name", info.getName());
                f.put("user", info.getUser());
                f.put("failover_timeout", info.getFailoverTimeout());
                f.put("checkpoint", info.getCheckpoint());
                f.put("hostname", info.getHostname());
                ArrayNode roles = f.putArray("roles");
                info.getRolesList().forEach(roles::add);
                f.put("role", info.hasRole() ? info.getRole() : "*");
                f.putArray("executors");
                f.putArray("completed_executors");
                return f;
            });
            Path directory = entry.task().hasExecutorId() ? entry.sandbox().getParent().getParent()
                    : entry.sandbox();
            ObjectNode executor = executors.computeIfAbsent(frameworkId + "/" + directory, key -> {
                ObjectNode e = ((ArrayNode) framework.get("executors")).addObject();
                e.put("id", entry.executorId());
                e.put("name", "Command Executor (Task: " + entry.task().getTaskId().getValue() + ")");
                e.put("source", entry.task().getTaskId().getValue());
                e.put("container", directory.getFileName().toString());
                e.put("directory", directory.toString());
                e.putArray("tasks");
                e.putArray("queued_tasks");
                e.putArray("completed_tasks");
                return e;
            });
            ObjectNode task = LegacyJson.task(entry.task());
            task.put("sandbox_directory", entry.sandbox().toString());
            boolean over = completed.contains(entry) || TaskStates.terminal(entry.task().getState());
            ((ArrayNode) executor.get(over ? "completed_tasks" : "tasks")).add(task);
        }
        return frameworks;
    }
}
