package dev.dcosnative.shared.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.TimeInfo;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Response;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;

import dev.dcosnative.shared.mesos.Resources;

class ProtoJsonTest {

    @Test
    void printsMesosFieldNamesEnumsAndInt64AsNumbers() {
        Response response = Response.newBuilder()
                .setType(Response.Type.GET_AGENTS)
                .setGetAgents(Response.GetAgents.newBuilder()
                        .addAgents(Response.GetAgents.Agent.newBuilder()
                                .setAgentInfo(AgentInfo.newBuilder().setHostname("127.0.0.2"))
                                .setVersion("1.11.0")
                                .setActive(true)
                                .setRegisteredTime(TimeInfo.newBuilder().setNanoseconds(1_700_000_000_123_456_789L))
                                .addTotalResources(Resources.scalar("cpus", 2, "*"))))
                .build();

        ObjectNode tree = ProtoJson.toTree(response);

        assertThat(tree.path("type").asText()).isEqualTo("GET_AGENTS");
        var agent = tree.path("get_agents").path("agents").get(0);
        assertThat(agent.path("registered_time").path("nanoseconds").isNumber()).isTrue();
        assertThat(agent.path("registered_time").path("nanoseconds").asLong()).isEqualTo(1_700_000_000_123_456_789L);
        assertThat(agent.path("total_resources").get(0).path("scalar").path("value").asDouble()).isEqualTo(2.0);
        assertThat(agent.path("total_resources").get(0).path("type").asText()).isEqualTo("SCALAR");
    }

    @Test
    void roundTripsThroughJson() throws Exception {
        Call call = Call.newBuilder()
                .setType(Call.Type.MARK_AGENT_GONE)
                .setMarkAgentGone(Call.MarkAgentGone.newBuilder().setAgentId(AgentID.newBuilder().setValue("a-S1")))
                .build();

        Call parsed = ProtoJson.merge(new String(ProtoJson.toJson(call)), Call.newBuilder()).build();

        assertThat(parsed).isEqualTo(call);
    }

    @Test
    void ignoresUnknownFieldsButRejectsUnknownEnumsAndBadSyntax() throws Exception {
        assertThat(ProtoJson.merge("{\"type\":\"GET_HEALTH\",\"extra\":1}", Call.newBuilder()).getType())
                .isEqualTo(Call.Type.GET_HEALTH);
        Call nested = ProtoJson.merge("{\"type\":\"MARK_AGENT_GONE\",\"mark_agent_gone\":{\"agent_id\":{\"value\":\"a\","
                + "\"future\":[1,2]},\"x\":{}}}", Call.newBuilder()).build();
        assertThat(nested.getMarkAgentGone().getAgentId().getValue()).isEqualTo("a");
        assertThatThrownBy(() -> ProtoJson.merge("{\"type\":\"GET_EVERYTHING\"}", Call.newBuilder()))
                .isInstanceOf(InvalidProtocolBufferException.class)
                .hasMessageContaining("GET_EVERYTHING");
        assertThatThrownBy(() -> ProtoJson.merge("{\"type\":", Call.newBuilder()))
                .isInstanceOf(InvalidProtocolBufferException.class);
    }
}
