package dev.dcosnative.master.mesos.state.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.Task;
import org.apache.mesos.v1.Protos.TaskState;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dcosnative.master.mesos.agent.core.Agent;
import dev.dcosnative.master.mesos.agent.core.AgentStatus;
import dev.dcosnative.master.mesos.framework.core.Framework;
import dev.dcosnative.master.mesos.offer.core.OutstandingOffer;
import dev.dcosnative.shared.mesos.LegacyJson;
import dev.dcosnative.shared.mesos.MesosTime;
import dev.dcosnative.shared.proto.ProtoJson;

/**
 * The legacy JSON documents of the Mesos master ({@code /master/state}, {@code /master/state-summary},
 * {@code /master/slaves}, {@code /master/frameworks}, {@code /master/tasks}) with the upstream field names, as the
 * DC/OS UI, CLI, Admin Router and Mesos-DNS read them.
 */
public final class LegacyViews {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final TaskState[] SUMMARY_STATES = { TaskState.TASK_STAGING, TaskState.TASK_STARTING,
            TaskState.TASK_RUNNING, TaskState.TASK_KILLING, TaskState.TASK_FINISHED, TaskState.TASK_KILLED,
            TaskState.TASK_FAILED, TaskState.TASK_LOST, TaskState.TASK_ERROR, TaskState.TASK_UNREACHABLE };

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
        registered.forEach(a -> slaves.add(fullSlave(a, snapshot)));
        node.set("recovered_slaves", recovered(snapshot));
        ArrayNode frameworks = node.putArray("frameworks");
        snapshot.frameworks().forEach(f -> frameworks.add(framework(f, snapshot)));
        ArrayNode completed = node.putArray("completed_frameworks");
        snapshot.completedFrameworks().forEach(f -> completed.add(completedFramework(f, snapshot)));
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
            ObjectNode slave = slaveSummary(agent, snapshot);
            List<Task> tasks = allTasks(snapshot).stream()
                    .filter(t -> t.getAgentId().getValue().equals(agent.id()))
                    .toList();
            counts(slave, tasks);
            ArrayNode frameworkIds = slave.putArray("framework_ids");
            tasks.stream().map(t -> t.getFrameworkId().getValue()).distinct().sorted().forEach(frameworkIds::add);
            slaves.add(slave);
        }
        ArrayNode frameworks = node.putArray("frameworks");
        for (Framework framework : snapshot.frameworks()) {
            ObjectNode summary = frameworkSummary(framework, snapshot);
            List<Task> tasks = snapshot.tasksOf(framework.id(), allTasks(snapshot));
            counts(summary, tasks);
            ArrayNode slaveIds = summary.putArray("slave_ids");
            tasks.stream().map(t -> t.getAgentId().getValue()).distinct().sorted().forEach(slaveIds::add);
            frameworks.add(summary);
        }
        return node;
    }

    /** {@code /master/slaves}. */
    public static ObjectNode slaves(MasterSnapshot snapshot) {
        ObjectNode node = JSON.objectNode();
        ArrayNode slaves = node.putArray("slaves");
        snapshot.withStatus(AgentStatus.REGISTERED).forEach(a -> slaves.add(fullSlave(a, snapshot)));
        node.set("recovered_slaves", recovered(snapshot));
        return node;
    }

    /** {@code /master/frameworks}. */
    public static ObjectNode frameworks(MasterSnapshot snapshot) {
        ObjectNode node = JSON.objectNode();
        ArrayNode frameworks = node.putArray("frameworks");
        snapshot.frameworks().forEach(f -> frameworks.add(framework(f, snapshot)));
        ArrayNode completed = node.putArray("completed_frameworks");
        snapshot.completedFrameworks().forEach(f -> completed.add(completedFramework(f, snapshot)));
        node.putArray("unregistered_frameworks");
        return node;
    }

    /** {@code /master/tasks}: live, unreachable and completed tasks. */
    public static ObjectNode tasks(MasterSnapshot snapshot) {
        ObjectNode node = JSON.objectNode();
        ArrayNode tasks = node.putArray("tasks");
        allTasks(snapshot).forEach(t -> tasks.add(LegacyJson.task(t)));
        snapshot.completedTasks().forEach(t -> tasks.add(LegacyJson.task(t)));
        return node;
    }

    private static List<Task> allTasks(MasterSnapshot snapshot) {
        List<Task> all = new ArrayList<>(snapshot.tasks());
        all.addAll(snapshot.unreachableTasks());
        return all;
    }

    private static void counts(ObjectNode node, List<Task> tasks) {
        for (TaskState state : SUMMARY_STATES) {
            node.put(state.name(), tasks.stream().filter(t -> t.getState() == state).count());
        }
    }

    private static ArrayNode recovered(MasterSnapshot snapshot) {
        ArrayNode recovered = JSON.arrayNode();
        snapshot.withStatus(AgentStatus.RECOVERED).forEach(a -> recovered.add(ProtoJson.toTree(a.info())));
        return recovered;
    }

    /** The summary fields of one agent. */
    static ObjectNode slaveSummary(Agent agent, MasterSnapshot snapshot) {
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
        node.set("used_resources", LegacyJson.resources(snapshot.usedOn(agent.id()).toResources()));
        node.set("offered_resources", LegacyJson.resources(snapshot.offeredOn(agent.id()).toResources()));
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
    static ObjectNode fullSlave(Agent agent, MasterSnapshot snapshot) {
        ObjectNode node = slaveSummary(agent, snapshot);
        node.set("reserved_resources_full", LegacyJson.reservedFullByRole(agent.info().getResourcesList()));
        node.set("unreserved_resources_full", LegacyJson.unreservedFull(agent.info().getResourcesList()));
        node.set("used_resources_full", LegacyJson.full(snapshot.usedOn(agent.id()).toResources()));
        node.set("offered_resources_full", LegacyJson.full(snapshot.offeredOn(agent.id()).toResources()));
        return node;
    }

    private static ObjectNode frameworkSummary(Framework framework, MasterSnapshot snapshot) {
        FrameworkInfo info = framework.info();
        ObjectNode node = JSON.objectNode();
        node.put("id", framework.id());
        node.put("name", info.getName());
        node.set("used_resources", LegacyJson.resources(snapshot.usedBy(framework.id()).toResources()));
        node.set("offered_resources", LegacyJson.resources(snapshot.offeredTo(framework.id()).toResources()));
        ArrayNode capabilities = node.putArray("capabilities");
        info.getCapabilitiesList().forEach(c -> capabilities.add(c.getType().name()));
        node.put("hostname", info.getHostname());
        node.put("webui_url", info.getWebuiUrl());
        node.put("active", framework.connected());
        node.put("connected", framework.connected());
        node.put("recovered", false);
        return node;
    }

    /** A framework as {@code /master/state} and {@code /master/frameworks} show it. */
    static ObjectNode framework(Framework framework, MasterSnapshot snapshot) {
        FrameworkInfo info = framework.info();
        ObjectNode node = frameworkSummary(framework, snapshot);
        node.put("user", info.getUser());
        node.put("failover_timeout", info.getFailoverTimeout());
        node.put("checkpoint", info.getCheckpoint());
        node.put("registered_time", MesosTime.decimalSeconds(framework.registeredTime()));
        node.put("unregistered_time", framework.disconnectedTime() == null ? 0
                : MesosTime.decimalSeconds(framework.disconnectedTime()).doubleValue());
        if (framework.reregisteredTime() != null) {
            node.put("reregistered_time", MesosTime.decimalSeconds(framework.reregisteredTime()));
        }
        node.put("principal", info.getPrincipal());
        Set<String> roles = new TreeSet<>(framework.roles());
        node.put("role", roles.size() == 1 ? roles.iterator().next() : "*");
        ArrayNode roleList = node.putArray("roles");
        roles.forEach(roleList::add);
        node.set("labels", LegacyJson.labels(info.getLabels().getLabelsList()));
        ArrayNode tasks = node.putArray("tasks");
        snapshot.tasksOf(framework.id(), snapshot.tasks()).forEach(t -> tasks.add(LegacyJson.task(t)));
        ArrayNode unreachable = node.putArray("unreachable_tasks");
        snapshot.tasksOf(framework.id(), snapshot.unreachableTasks()).forEach(t -> unreachable.add(LegacyJson.task(t)));
        ArrayNode completed = node.putArray("completed_tasks");
        snapshot.tasksOf(framework.id(), snapshot.completedTasks()).forEach(t -> completed.add(LegacyJson.task(t)));
        ArrayNode offers = node.putArray("offers");
        snapshot.offersOf(framework.id()).forEach(o -> offers.add(offer(o)));
        node.putArray("executors");
        return node;
    }

    private static ObjectNode completedFramework(Framework framework, MasterSnapshot snapshot) {
        ObjectNode node = framework(framework, snapshot);
        node.put("active", false);
        node.put("connected", false);
        return node;
    }

    private static ObjectNode offer(OutstandingOffer offer) {
        ObjectNode node = JSON.objectNode();
        node.put("id", offer.id());
        node.put("framework_id", offer.frameworkId());
        node.put("slave_id", offer.agentId());
        node.set("resources", LegacyJson.resources(offer.resources().toResources()));
        ObjectNode allocation = node.putObject("allocation_info");
        allocation.put("role", offer.role());
        return node;
    }
}
