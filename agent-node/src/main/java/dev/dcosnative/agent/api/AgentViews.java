package dev.dcosnative.agent.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.agent.Protos.Response;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dcosnative.agent.AgentState;
import dev.dcosnative.shared.mesos.LegacyJson;
import dev.dcosnative.shared.mesos.MesosInfo;
import dev.dcosnative.shared.mesos.MesosTime;

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

    static Response state() {
        return Response.newBuilder()
                .setType(Response.Type.GET_STATE)
                .setGetState(Response.GetState.newBuilder()
                        .setGetTasks(Response.GetTasks.getDefaultInstance())
                        .setGetExecutors(Response.GetExecutors.getDefaultInstance())
                        .setGetFrameworks(Response.GetFrameworks.getDefaultInstance()))
                .build();
    }

    static Response frameworks() {
        return Response.newBuilder()
                .setType(Response.Type.GET_FRAMEWORKS)
                .setGetFrameworks(Response.GetFrameworks.getDefaultInstance())
                .build();
    }

    static Response tasks() {
        return Response.newBuilder()
                .setType(Response.Type.GET_TASKS)
                .setGetTasks(Response.GetTasks.getDefaultInstance())
                .build();
    }

    static Response executors() {
        return Response.newBuilder()
                .setType(Response.Type.GET_EXECUTORS)
                .setGetExecutors(Response.GetExecutors.getDefaultInstance())
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
            Map<String, String> flags) {
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
        node.putArray("frameworks");
        node.putArray("completed_frameworks");
        return node;
    }
}
