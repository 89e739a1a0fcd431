package dev.dcosnative.master.mesos.state.core;

import java.util.List;
import java.util.Map;

import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.MasterInfo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dcosnative.master.mesos.agent.core.Agent;
import dev.dcosnative.master.mesos.agent.core.AgentStatus;
import dev.dcosnative.shared.mesos.LegacyJson;
import dev.dcosnative.shared.mesos.MesosTime;
import dev.dcosnative.shared.proto.ProtoJson;

/**
 * The legacy JSON documents of the Mesos master ({@code /master/state}, {@code /master/state-summary},
 * {@code /master/slaves}, ...) with the upstream field names, as the DC/OS UI, CLI, Admin Router and Mesos-DNS read
 * them. Frameworks and tasks arrive with the resource kernel; their lists are here, empty, so readers find them.
 */
public final class LegacyViews {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String[] TASK_STATES = { "TASK_STAGING", "TASK_STARTING", "TASK_RUNNING", "TASK_KILLING",
            "TASK_FINISHED", "TASK_KILLED", "TASK_FAILED", "TASK_LOST", "TASK_ERROR", "TASK_UNREACHABLE" };

    private LegacyViews() {
    }

    /** {@code /master/flags}. */
    public static ObjectNode flags(Map<String, String> flags) {
        ObjectNode node = JSON.objectNode();
        node.set("flags", LegacyJson.flags(flags));
        return node;
    }

    /** {@code /master/state}. */
    public static ObjectNode state(MasterSnapshot snapshot) {
        ObjectNode node = LegacyJson.version();
        MasterInfo self = snapshot.self();
        node.put("start_time", MesosTime.decimalSeconds(snapshot.startTime()));
        if (snapshot.electedTime() != null) {
            node.put("elected_time", MesosTime.decimalSeconds(snapshot.electedTime()));
        }
        node.put("id", self.getId());
        node.put("pid", self.getPid());
        node.put("hostname", self.getHostname());
        // only what this master does: agents may re-register with changed resources
        node.putArray("capabilities").add("AGENT_UPDATE");
        List<Agent> registered = snapshot.withStatus(AgentStatus.REGISTERED);
        node.put("activated_slaves", registered.stream().filter(Agent::active).count());
        node.put("deactivated_slaves", registered.stream().filter(a -> !a.active()).count());
        node.put("unreachable_slaves", snapshot.withStatus(AgentStatus.UNREACHABLE).size());
        if (snapshot.leader() != null) {
            node.put("leader", snapshot.leader().getPid());
            node.set("leader_info", ProtoJson.toTree(snapshot.leader()));
        }
        node.put("cluster", snapshot.cluster());
        node.set("flags", LegacyJson.flags(snapshot.flags()));
        ArrayNode slaves = node.putArray("slaves");
        registered.forEach(a -> slaves.add(fullSlave(a)));
        node.set("recovered_slaves", recovered(snapshot));
        node.putArray("frameworks");
        node.putArray("completed_frameworks");
        node.putArray("orphan_tasks");
        node.putArray("unregistered_frameworks");
        return node;
    }

    /** {@code /master/state-summary}. */
    public static ObjectNode stateSummary(MasterSnapshot snapshot) {
        ObjectNode node = JSON.objectNode();
        node.put("hostname", snapshot.self().getHostname());
        node.put("cluster", snapshot.cluster());
        ArrayNode slaves = node.putArray("slaves");
        for (Agent agent : snapshot.withStatus(AgentStatus.REGISTERED)) {
            ObjectNode slave = slaveSummary(agent);
            for (String state : TASK_STATES) {
                slave.put(state, 0);
            }
            slave.putArray("framework_ids");
            slaves.add(slave);
        }
        node.putArray("frameworks");
        return node;
    }

    /** {@code /master/slaves}. */
    public static ObjectNode slaves(MasterSnapshot snapshot) {
        ObjectNode node = JSON.objectNode();
        ArrayNode slaves = node.putArray("slaves");
        snapshot.withStatus(AgentStatus.REGISTERED).forEach(a -> slaves.add(fullSlave(a)));
        node.set("recovered_slaves", recovered(snapshot));
        return node;
    }

    /** {@code /master/frameworks}. */
    public static ObjectNode frameworks() {
        ObjectNode node = JSON.objectNode();
        node.putArray("frameworks");
        node.putArray("completed_frameworks");
        node.putArray("unregistered_frameworks");
        return node;
    }

    /** {@code /master/tasks}. */
    public static ObjectNode tasks() {
        ObjectNode node = JSON.objectNode();
        node.putArray("tasks");
        return node;
    }

    private static ArrayNode recovered(MasterSnapshot snapshot) {
        ArrayNode recovered = JSON.arrayNode();
        snapshot.withStatus(AgentStatus.RECOVERED).forEach(a -> recovered.add(ProtoJson.toTree(a.info())));
        return recovered;
    }

    /** The summary fields of one agent. */
    static ObjectNode slaveSummary(Agent agent) {
        AgentInfo info = agent.info();
        ObjectNode node = JSON.objectNode();
        node.put("id", agent.id());
        node.put("hostname", info.getHostname());
        node.put("port", info.getPort());
        node.put("pid", agent.pid());
        node.put("registered_time", MesosTime.decimalSeconds(agent.registeredTime()));
        if (agent.reregisteredTime() != null) {
            node.put("reregistered_time", MesosTime.decimalSeconds(agent.reregisteredTime()));
        }
        node.set("resources", LegacyJson.resources(info.getResourcesList()));
        node.set("used_resources", LegacyJson.resources(List.of()));
        node.set("offered_resources", LegacyJson.resources(List.of()));
        node.set("reserved_resources", LegacyJson.reservedByRole(info.getResourcesList()));
        node.set("unreserved_resources", LegacyJson.unreserved(info.getResourcesList()));
        node.set("attributes", LegacyJson.attributes(info.getAttributesList()));
        node.put("active", agent.active());
        node.put("deactivated", false);
        node.put("version", agent.version());
        ArrayNode capabilities = node.putArray("capabilities");
        agent.capabilities().forEach(c -> capabilities.add(c.getType().name()));
        if (info.hasDomain()) {
            node.set("domain", ProtoJson.toTree(info.getDomain()));
        }
        return node;
    }

    /** The summary plus the full protobuf JSON of its resources, as {@code /master/state} lists agents. */
    static ObjectNode fullSlave(Agent agent) {
        ObjectNode node = slaveSummary(agent);
        node.set("reserved_resources_full", LegacyJson.reservedFullByRole(agent.info().getResourcesList()));
        node.set("unreserved_resources_full", LegacyJson.unreservedFull(agent.info().getResourcesList()));
        node.putArray("used_resources_full");
        node.putArray("offered_resources_full");
        return node;
    }
}
