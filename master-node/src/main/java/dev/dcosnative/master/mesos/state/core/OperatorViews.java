package dev.dcosnative.master.mesos.state.core;

import java.util.Map;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.master.Protos.Event;
import org.apache.mesos.v1.master.Protos.Response;

import dev.dcosnative.master.mesos.agent.core.Agent;
import dev.dcosnative.master.mesos.agent.core.AgentStatus;
import dev.dcosnative.shared.mesos.MesosInfo;
import dev.dcosnative.shared.mesos.MesosTime;

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

    public static Response.GetAgents.Agent agent(Agent agent) {
        Response.GetAgents.Agent.Builder builder = Response.GetAgents.Agent.newBuilder()
                .setAgentInfo(agent.info())
                .setActive(agent.active())
                .setDeactivated(false)
                .setVersion(agent.version())
                .setPid(agent.pid())
                .setRegisteredTime(MesosTime.timeInfo(agent.registeredTime()))
                .addAllTotalResources(agent.info().getResourcesList())
                .addAllCapabilities(agent.capabilities());
        if (agent.reregisteredTime() != null) {
            builder.setReregisteredTime(MesosTime.timeInfo(agent.reregisteredTime()));
        }
        return builder.build();
    }

    public static Response.GetAgents getAgents(MasterSnapshot snapshot) {
        Response.GetAgents.Builder builder = Response.GetAgents.newBuilder();
        snapshot.withStatus(AgentStatus.REGISTERED).forEach(a -> builder.addAgents(agent(a)));
        snapshot.withStatus(AgentStatus.RECOVERED).forEach(a -> builder.addRecoveredAgents(a.info()));
        return builder.build();
    }

    public static Response agents(MasterSnapshot snapshot) {
        return Response.newBuilder().setType(Response.Type.GET_AGENTS).setGetAgents(getAgents(snapshot)).build();
    }

    public static Response.GetState getState(MasterSnapshot snapshot) {
        return Response.GetState.newBuilder()
                .setGetTasks(Response.GetTasks.getDefaultInstance())
                .setGetExecutors(Response.GetExecutors.getDefaultInstance())
                .setGetFrameworks(Response.GetFrameworks.getDefaultInstance())
                .setGetAgents(getAgents(snapshot))
                .build();
    }

    public static Response state(MasterSnapshot snapshot) {
        return Response.newBuilder().setType(Response.Type.GET_STATE).setGetState(getState(snapshot)).build();
    }

    public static Response frameworks() {
        return Response.newBuilder()
                .setType(Response.Type.GET_FRAMEWORKS)
                .setGetFrameworks(Response.GetFrameworks.getDefaultInstance())
                .build();
    }

    public static Response tasks() {
        return Response.newBuilder()
                .setType(Response.Type.GET_TASKS)
                .setGetTasks(Response.GetTasks.getDefaultInstance())
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

    public static Event heartbeat() {
        return Event.newBuilder().setType(Event.Type.HEARTBEAT).build();
    }
}
