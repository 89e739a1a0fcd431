package dev.dcosnative.master.mesos.state.core;

import java.util.Map;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Task;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.master.Protos.Event;
import org.apache.mesos.v1.master.Protos.Response;

import dev.dcosnative.master.mesos.agent.core.Agent;
import dev.dcosnative.master.mesos.agent.core.AgentStatus;
import dev.dcosnative.master.mesos.framework.core.Framework;
import dev.dcosnative.shared.mesos.MesosInfo;
import dev.dcosnative.shared.mesos.MesosTime;
import dev.dcosnative.shared.mesos.ResourceBag;

/** The v1 operator API answers and events, built from a {@link MasterSnapshot}. */
public final class OperatorViews {

    private OperatorViews() {
    }

    public static Response health(boolean healthy) {
        return Response.newBuilder()
                .setType(Response.Type.GET_HEALTH)
                .setGetHealth(Response.GetHealth.newBuilder().setHealthy(healthy))
                .build();
    }

    public static Response version() {
        return Response.newBuilder()
                .setType(Response.Type.GET_VERSION)
                .setGetVersion(Response.GetVersion.newBuilder().setVersionInfo(MesosInfo.versionInfo()))
                .build();
    }

    public static Response flags(Map<String, String> flags) {
        return Response.newBuilder()
                .setType(Response.Type.GET_FLAGS)
                .setGetFlags(Response.GetFlags.newBuilder().addAllFlags(MesosInfo.flags(flags)))
                .build();
    }

    public static Response master(MasterSnapshot snapshot) {
        Response.GetMaster.Builder builder = Response.GetMaster.newBuilder()
                .setMasterInfo(snapshot.self())
                .setStartTime(MesosTime.seconds(snapshot.startTime()));
        if (snapshot.electedTime() != null) {
            builder.setElectedTime(MesosTime.seconds(snapshot.electedTime()));
        }
        return Response.newBuilder().setType(Response.Type.GET_MASTER).setGetMaster(builder).build();
    }

    /** An agent as GET_AGENTS and AGENT_ADDED show it, without what is allocated or offered on it. */
    public static Response.GetAgents.Agent agent(Agent agent) {
        return agent(agent, ResourceBag.empty(), ResourceBag.empty());
    }

    public static Response.GetAgents.Agent agent(Agent agent, ResourceBag allocated, ResourceBag offered) {
        Response.GetAgents.Agent.Builder builder = Response.GetAgents.Agent.newBuilder()
                .setAgentInfo(agent.info())
                .setActive(agent.active())
                .setDeactivated(false)
                .setVersion(agent.version())
                .setPid(agent.pid())
                .setRegisteredTime(MesosTime.timeInfo(agent.registeredTime()))
                .addAllTotalResources(agent.info().getResourcesList())
                .addAllAllocatedResources(allocated.toResources())
                .addAllOfferedResources(offered.toResources())
                .addAllCapabilities(agent.capabilities());
        if (agent.reregisteredTime() != null) {
            builder.setReregisteredTime(MesosTime.timeInfo(agent.reregisteredTime()));
        }
        return builder.build();
    }

    public static Response.GetAgents getAgents(MasterSnapshot snapshot) {
        Response.GetAgents.Builder builder = Response.GetAgents.newBuilder();
        snapshot.withStatus(AgentStatus.REGISTERED)
                .forEach(a -> builder.addAgents(agent(a, snapshot.usedOn(a.id()), snapshot.offeredOn(a.id()))));
        snapshot.withStatus(AgentStatus.RECOVERED).forEach(a -> builder.addRecoveredAgents(a.info()));
        return builder.build();
    }

    public static Response agents(MasterSnapshot snapshot) {
        return Response.newBuilder().setType(Response.Type.GET_AGENTS).setGetAgents(getAgents(snapshot)).build();
    }

    public static Response.GetState getState(MasterSnapshot snapshot) {
        return Response.GetState.newBuilder()
                .setGetTasks(getTasks(snapshot))
                .setGetExecutors(Response.GetExecutors.getDefaultInstance())
                .setGetFrameworks(getFrameworks(snapshot))
                .setGetAgents(getAgents(snapshot))
                .build();
    }

    /** A framework as GET_FRAMEWORKS and FRAMEWORK_ADDED show it. */
    public static Response.GetFrameworks.Framework framework(Framework framework, MasterSnapshot snapshot) {
        Response.GetFrameworks.Framework.Builder builder = Response.GetFrameworks.Framework.newBuilder()
                .setFrameworkInfo(framework.info())
                .setActive(framework.connected())
                .setConnected(framework.connected())
                .setRecovered(false)
                .setRegisteredTime(MesosTime.timeInfo(framework.registeredTime()));
        if (framework.reregisteredTime() != null) {
            builder.setReregisteredTime(MesosTime.timeInfo(framework.reregisteredTime()));
        }
        if (framework.disconnectedTime() != null) {
            builder.setUnregisteredTime(MesosTime.timeInfo(framework.disconnectedTime()));
        }
        if (snapshot != null) {
            snapshot.offersOf(framework.id()).forEach(o -> builder.addOffers(o.offer()));
            builder.addAllAllocatedResources(snapshot.usedBy(framework.id()).toResources())
                    .addAllOfferedResources(snapshot.offeredTo(framework.id()).toResources());
        }
        return builder.build();
    }

    public static Response.GetFrameworks getFrameworks(MasterSnapshot snapshot) {
        Response.GetFrameworks.Builder builder = Response.GetFrameworks.newBuilder();
        snapshot.frameworks().forEach(f -> builder.addFrameworks(framework(f, snapshot)));
        snapshot.completedFrameworks().forEach(f -> builder.addCompletedFrameworks(framework(f, null)));
        return builder.build();
    }

    public static Response.GetTasks getTasks(MasterSnapshot snapshot) {
        return Response.GetTasks.newBuilder()
                .addAllTasks(snapshot.tasks())
                .addAllUnreachableTasks(snapshot.unreachableTasks())
                .addAllCompletedTasks(snapshot.completedTasks())
                .build();
    }

    public static Response state(MasterSnapshot snapshot) {
        return Response.newBuilder().setType(Response.Type.GET_STATE).setGetState(getState(snapshot)).build();
    }

    public static Response frameworks(MasterSnapshot snapshot) {
        return Response.newBuilder()
                .setType(Response.Type.GET_FRAMEWORKS)
                .setGetFrameworks(getFrameworks(snapshot))
                .build();
    }

    public static Response tasks(MasterSnapshot snapshot) {
        return Response.newBuilder()
                .setType(Response.Type.GET_TASKS)
                .setGetTasks(getTasks(snapshot))
                .build();
    }

    public static Response executors() {
        return Response.newBuilder()
                .setType(Response.Type.GET_EXECUTORS)
                .setGetExecutors(Response.GetExecutors.getDefaultInstance())
                .build();
    }

    public static Event subscribed(MasterSnapshot snapshot, double heartbeatIntervalSeconds) {
        return Event.newBuilder()
                .setType(Event.Type.SUBSCRIBED)
                .setSubscribed(Event.Subscribed.newBuilder()
                        .setGetState(getState(snapshot))
                        .setHeartbeatIntervalSeconds(heartbeatIntervalSeconds))
                .build();
    }

    public static Event agentAdded(Agent agent) {
        return Event.newBuilder()
                .setType(Event.Type.AGENT_ADDED)
                .setAgentAdded(Event.AgentAdded.newBuilder().setAgent(agent(agent)))
                .build();
    }

    public static Event agentRemoved(String agentId) {
        return Event.newBuilder()
                .setType(Event.Type.AGENT_REMOVED)
                .setAgentRemoved(Event.AgentRemoved.newBuilder().setAgentId(AgentID.newBuilder().setValue(agentId)))
                .build();
    }

    public static Event taskAdded(Task task) {
        return Event.newBuilder()
                .setType(Event.Type.TASK_ADDED)
                .setTaskAdded(Event.TaskAdded.newBuilder().setTask(task))
                .build();
    }

    public static Event taskUpdated(String frameworkId, TaskStatus status, TaskState state) {
        return Event.newBuilder()
                .setType(Event.Type.TASK_UPDATED)
                .setTaskUpdated(Event.TaskUpdated.newBuilder()
                        .setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId))
                        .setStatus(status)
                        .setState(state))
                .build();
    }

    public static Event frameworkAdded(Response.GetFrameworks.Framework framework) {
        return Event.newBuilder()
                .setType(Event.Type.FRAMEWORK_ADDED)
                .setFrameworkAdded(Event.FrameworkAdded.newBuilder().setFramework(framework))
                .build();
    }

    public static Event frameworkUpdated(Response.GetFrameworks.Framework framework) {
        return Event.newBuilder()
                .setType(Event.Type.FRAMEWORK_UPDATED)
                .setFrameworkUpdated(Event.FrameworkUpdated.newBuilder().setFramework(framework))
                .build();
    }

    public static Event frameworkRemoved(FrameworkInfo info) {
        return Event.newBuilder()
                .setType(Event.Type.FRAMEWORK_REMOVED)
                .setFrameworkRemoved(Event.FrameworkRemoved.newBuilder().setFrameworkInfo(info))
                .build();
    }

    public static Event heartbeat() {
        return Event.newBuilder().setType(Event.Type.HEARTBEAT).build();
    }
}
