package dev.dcosnative.master.mesos.state.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.master.Protos.Response;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dcosnative.master.mesos.agent.core.Agent;
import dev.dcosnative.master.mesos.agent.core.AgentStatus;
import dev.dcosnative.shared.mesos.Attributes;
import dev.dcosnative.shared.mesos.MesosTime;
import dev.dcosnative.shared.mesos.Resources;

class MasterViewsTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00.250Z");
    private static final MasterInfo SELF = MasterInfo.newBuilder()
            .setId("m")
            .setIp(16777343)
            .setPort(5050)
            .setPid("master@127.0.0.1:5050")
            .setHostname("127.0.0.1")
            .build();

    private static Agent agent(String id, String host, String role, AgentStatus status, boolean connected) {
        AgentInfo info = AgentInfo.newBuilder()
                .setHostname(host)
                .setPort(5051)
                .setId(AgentID.newBuilder().setValue(id))
                .addAllResources(Resources.parse("cpus:2;mem:1024;disk:10;ports:[1-21]", role))
                .addAllAttributes(Attributes.parse("public_ip:true"))
                .build();
        return new Agent(info, status, "1.11.0", List.of(), "slave(1)@" + host + ":5051", T0, null, T0, connected,
                status == AgentStatus.UNREACHABLE ? T0 : null);
    }

    private final MasterSnapshot snapshot = MasterSnapshot.ofAgents(SELF, SELF, T0, T0, "c", Map.of("cluster", "c"),
            List.of(agent("A", "10.0.0.2", "*", AgentStatus.REGISTERED, true),
                    agent("B", "10.0.0.3", "slave_public", AgentStatus.REGISTERED, false),
                    agent("C", "10.0.0.4", "*", AgentStatus.RECOVERED, false),
                    agent("D", "10.0.0.5", "*", AgentStatus.UNREACHABLE, false)));

    @Test
    void getAgentsListsRegisteredAndRecoveredAgentsOnly() {
        Response.GetAgents agents = OperatorViews.getAgents(snapshot);

        assertThat(agents.getAgentsList()).extracting(a -> a.getAgentInfo().getId().getValue())
                .containsExactly("A", "B");
        assertThat(agents.getAgents(0).getActive()).isTrue();
        assertThat(agents.getAgents(1).getActive()).isFalse();
        assertThat(agents.getRecoveredAgentsList()).extracting(a -> a.getId().getValue()).containsExactly("C");
        assertThat(agents.getAgents(0).getRegisteredTime().getNanoseconds()).isEqualTo(MesosTime.nanos(T0));
    }

    @Test
    void masterStateCountsAgentsByStandingAndWritesTimesAsPlainSeconds() {
        ObjectNode state = LegacyViews.state(snapshot);

        assertThat(state.path("activated_slaves").asInt()).isEqualTo(1);
        assertThat(state.path("deactivated_slaves").asInt()).isEqualTo(1);
        assertThat(state.path("unreachable_slaves").asInt()).isEqualTo(1);
        assertThat(state.path("slaves")).hasSize(2);
        assertThat(state.path("recovered_slaves")).hasSize(1);
        assertThat(state.toString()).contains("\"start_time\":1795255200.25");
        assertThat(state.path("leader").asText()).isEqualTo("master@127.0.0.1:5050");
    }

    @Test
    void flagDurationsReadLikeMesos() {
        assertThat(MesosTime.flag(java.time.Duration.ofSeconds(15))).isEqualTo("15secs");
        assertThat(MesosTime.flag(java.time.Duration.ofMinutes(10))).isEqualTo("10mins");
        assertThat(MesosTime.flag(java.time.Duration.ofMillis(500))).isEqualTo("500ms");
    }
}
