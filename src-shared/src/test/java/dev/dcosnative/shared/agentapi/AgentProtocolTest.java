package dev.dcosnative.shared.agentapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import dev.dcosnative.shared.mesos.Attributes;
import dev.dcosnative.shared.mesos.Resources;

class AgentProtocolTest {

    @Test
    void subscribeRoundTripsWithMesosJsonInside() throws IOException {
        AgentInfo info = AgentInfo.newBuilder()
                .setHostname("127.0.0.2")
                .setPort(5051)
                .addAllResources(Resources.parse("cpus:2;ports:[31000-32000]", "*"))
                .addAllAttributes(Attributes.parse("rack:r1"))
                .setId(AgentID.newBuilder().setValue("m-S0"))
                .build();
        AgentInfo.Capability multiRole = AgentInfo.Capability.newBuilder()
                .setType(AgentInfo.Capability.Type.MULTI_ROLE)
                .build();

        byte[] wire = AgentProtocol.encode(AgentCall.subscribe(info, "0.1.0", List.of(multiRole), List.of(), List.of()));
        AgentCall decoded = AgentProtocol.decodeCall(wire);

        assertThat(new String(wire, StandardCharsets.UTF_8)).contains("\"agent_info\":{\"hostname\":\"127.0.0.2\"")
                .contains("\"type\":\"SUBSCRIBE\"");
        assertThat(decoded.type()).isEqualTo(AgentCall.Type.SUBSCRIBE);
        assertThat(decoded.agentId().getValue()).isEqualTo("m-S0");
        assertThat(decoded.subscribe().agentInfo()).isEqualTo(info);
        assertThat(decoded.subscribe().capabilities()).containsExactly(multiRole);
    }

    @Test
    void eventsRoundTrip() throws IOException {
        AgentEvent registered = AgentEvent.registered(new AgentEvent.Registered(AgentID.newBuilder().setValue("x")
                .build(), MasterInfo.newBuilder().setId("m").setIp(1).setPort(5050).build(), 15.0, 5));

        assertThat(AgentProtocol.decodeEvent(AgentProtocol.encode(registered))).isEqualTo(registered);
        assertThat(AgentProtocol.decodeEvent(AgentProtocol.encode(AgentEvent.ping())).type())
                .isEqualTo(AgentEvent.Type.PING);
    }

    @Test
    void taskEventsAndStatusUpdatesRoundTrip() throws IOException {
        FrameworkInfo framework = FrameworkInfo.newBuilder().setUser("root").setName("fw")
                .setId(FrameworkID.newBuilder().setValue("F1")).build();
        TaskInfo task = TaskInfo.newBuilder().setName("t").setTaskId(TaskID.newBuilder().setValue("t1"))
                .setAgentId(AgentID.newBuilder().setValue("A"))
                .addAllResources(Resources.parse("cpus:0.1;mem:32", "*"))
                .setCommand(CommandInfo.newBuilder().setValue("echo hi")).build();
        AgentEvent run = AgentEvent.runTask(framework, task);
        assertThat(AgentProtocol.decodeEvent(AgentProtocol.encode(run))).isEqualTo(run);

        TaskStatus status = TaskStatus.newBuilder().setTaskId(task.getTaskId()).setState(TaskState.TASK_RUNNING)
                .setUuid(ByteString.copyFrom(new byte[] { 1, 2, 3, (byte) 0xff })).build();
        AgentCall update = AgentCall.statusUpdate(task.getAgentId(), framework.getId(), status);
        AgentCall decoded = AgentProtocol.decodeCall(AgentProtocol.encode(update));
        assertThat(decoded.statusUpdate().status().getUuid()).isEqualTo(status.getUuid());
        assertThat(new String(AgentProtocol.encode(update), StandardCharsets.UTF_8)).contains("\"uuid\":\"AQID/w==\"");
    }

    @Test
    void refusesCallsWithoutTypeOrWithGarbage() {
        assertThatThrownBy(() -> AgentProtocol.decodeCall("{}".getBytes())).hasMessageContaining("type");
        assertThatThrownBy(() -> AgentProtocol.decodeCall("{\"type\":\"DANCE\"}".getBytes()))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> AgentProtocol.decodeCall("{\"type\":\"PONG\",\"agent_id\":{\"value\":5".getBytes()))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> AgentProtocol.decodeCall("{\"type\":\"PONG\",\"agent_id\":{}}".getBytes()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("value");
    }
}
