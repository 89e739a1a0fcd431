package dev.dcosnative.master.marathon.view;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dcosnative.master.marathon.instance.core.Instance;
import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.MarathonJson;
import dev.dcosnative.shared.marathon.Timestamps;

/**
 * Marathon's task JSON ({@code /v2/apps/{id}/tasks}, {@code /v2/tasks}, {@code embed=apps.tasks}): one instance's
 * current task, with its agent, ports, times, state and health check results.
 */
public final class TaskViews {

    private TaskViews() {
    }

    public static ObjectNode task(Instance instance, App app) {
        ObjectNode task = MarathonJson.MAPPER.createObjectNode();
        task.put("id", instance.taskId());
        task.put("appId", instance.appId().toString());
        task.put("host", instance.agent().hostname());
        ArrayNode ports = task.putArray("ports");
        instance.hostPorts().forEach(ports::add);
        task.put("slaveId", instance.agent().agentId());
        task.put("stagedAt", instance.stagedAt() == null ? null : Timestamps.format(instance.stagedAt()));
        if (instance.startedAt() != null) {
            task.put("startedAt", Timestamps.format(instance.startedAt()));
        }
        task.put("version", instance.appVersion());
        task.put("state", instance.condition().mesosState());
        if (!instance.agent().region().isEmpty()) {
            task.put("region", instance.agent().region());
        }
        if (!instance.agent().zone().isEmpty()) {
            task.put("zone", instance.agent().zone());
        }
        task.put("role", instance.role());
        ArrayNode addresses = task.putArray("ipAddresses");
        addresses.addObject().put("ipAddress", instance.agent().hostname()).put("protocol", "IPv4");
        ArrayNode servicePorts = task.putArray("servicePorts");
        servicePorts(app).forEach(servicePorts::add);
        ArrayNode health = task.putArray("healthCheckResults");
        if (app != null && !app.healthChecks().isEmpty() && instance.healthy() != null) {
            ObjectNode result = health.addObject();
            result.put("alive", instance.healthy());
            result.put("consecutiveFailures", instance.healthy() ? 0 : 1);
            result.put("instanceId", instance.id().value());
            result.putNull("firstSuccess");
            result.putNull("lastFailure");
            result.putNull("lastSuccess");
            result.putNull("lastFailureCause");
        }
        task.putArray("localVolumes");
        return task;
    }

    /** The app's service ports, in port order. */
    public static List<Integer> servicePorts(App app) {
        if (app == null) {
            return List.of();
        }
        if (app.container() != null && app.container().portMappings() != null
                && !app.container().portMappings().isEmpty()) {
            return app.container().portMappings().stream().map(m -> m.servicePort() == null ? 0 : m.servicePort())
                    .toList();
        }
        return app.portDefinitions() == null ? List.of()
                : app.portDefinitions().stream().map(p -> p.port() == null ? 0 : p.port()).toList();
    }
}
