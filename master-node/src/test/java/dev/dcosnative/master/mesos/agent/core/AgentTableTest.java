package dev.dcosnative.master.mesos.agent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.junit.jupiter.api.Test;

import dev.dcosnative.shared.mesos.Resources;

class AgentTableTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private final AgentTable table = new AgentTable(
            new AgentTimeouts(Duration.ofSeconds(15), 5, Duration.ofMinutes(10)));
    private final AtomicInteger ids = new AtomicInteger();

    private static AgentInfo info(String host) {
        return AgentInfo.newBuilder()
                .setHostname(host)
                .setPort(5051)
                .addAllResources(Resources.parse("cpus:2;mem:1024;ports:[31000-32000]", "*"))
                .build();
    }

    private Admission register(AgentInfo info, Instant at) {
        Admission admission = table.admit(info, "1.11.0", List.of(), at, () -> "M-S" + ids.getAndIncrement());
        table.commit(admission);
        return admission;
    }

    @Test
    void aNewAgentGetsAnIdAndIsAdded() {
        Admission admission = register(info("10.0.0.2"), T0);

        assertThat(admission.agent().id()).isEqualTo("M-S0");
        assertThat(admission.reregistration()).isFalse();
        assertThat(admission.added()).isTrue();
        assertThat(admission.agent().active()).isTrue();
        assertThat(admission.agent().pid()).isEqualTo("slave(1)@10.0.0.2:5051");
        assertThat(admission.agent().reregisteredTime()).isNull();
        assertThat(table.withStatus(AgentStatus.REGISTERED)).hasSize(1);
    }

    @Test
    void admitChangesNothingUntilCommitted() {
        table.admit(info("10.0.0.2"), "1.11.0", List.of(), T0, () -> "X");
        assertThat(table.all()).isEmpty();
    }

    @Test
    void aSilentAgentIsOverdueAfterThePingTimeoutsAndAPongKeepsItAlive() {
        String id = register(info("10.0.0.2"), T0).agent().id();

        assertThat(table.overdue(T0.plusSeconds(75))).isEmpty();
        assertThat(table.overdue(T0.plusSeconds(76))).extracting(Agent::id).containsExactly(id);

        table.heartbeat(id, T0.plusSeconds(60));
        assertThat(table.overdue(T0.plusSeconds(76))).isEmpty();
    }

    @Test
    void anUnreachableAgentIsReadmittedUnderItsIdWithItsFirstRegistrationTime() {
        Agent agent = register(info("10.0.0.2"), T0).agent();
        table.commit(table.unreachable(agent, T0.plusSeconds(80)));
        assertThat(table.withStatus(AgentStatus.UNREACHABLE)).hasSize(1);
        assertThat(table.overdue(T0.plusSeconds(1000))).isEmpty();

        Admission back = register(agent.info(), T0.plusSeconds(100));

        assertThat(back.reregistration()).isTrue();
        assertThat(back.added()).isTrue();
        assertThat(back.previousStatus()).isEqualTo(AgentStatus.UNREACHABLE);
        assertThat(back.agent().id()).isEqualTo(agent.id());
        assertThat(back.agent().registeredTime()).isEqualTo(T0);
        assertThat(back.agent().reregisteredTime()).isEqualTo(T0.plusSeconds(100));
        assertThat(back.agent().unreachableTime()).isNull();
    }

    @Test
    void aReconnectOfARegisteredAgentIsNotAnAddition() {
        Agent agent = register(info("10.0.0.2"), T0).agent();
        table.disconnected(agent.id());
        assertThat(table.get(agent.id())).hasValueSatisfying(a -> assertThat(a.active()).isFalse());

        Admission again = register(agent.info(), T0.plusSeconds(5));
        assertThat(again.added()).isFalse();
        assertThat(again.agent().active()).isTrue();
    }

    @Test
    void anAgentThatLostItsCheckpointReplacesTheOldOneAtTheSameAddress() {
        Agent old = register(info("10.0.0.2"), T0).agent();

        Admission fresh = register(info("10.0.0.2"), T0.plusSeconds(5));

        assertThat(fresh.agent().id()).isNotEqualTo(old.id());
        assertThat(fresh.replaced()).extracting(Agent::id).containsExactly(old.id());
        assertThat(table.all()).extracting(Agent::id).containsExactly(fresh.agent().id());
    }

    @Test
    void recoveredAgentsHaveTheReregistrationTimeoutToComeBack() {
        AgentInfo a = info("10.0.0.2").toBuilder().setId(AgentID.newBuilder().setValue("OLD-S0")).build();
        AgentInfo b = info("10.0.0.3").toBuilder().setId(AgentID.newBuilder().setValue("OLD-S1")).build();
        table.recover(List.of(new RegistryRecord(a, null), new RegistryRecord(b, T0.minusSeconds(5))), T0);

        assertThat(table.withStatus(AgentStatus.RECOVERED)).extracting(Agent::id).containsExactly("OLD-S0");
        assertThat(table.withStatus(AgentStatus.UNREACHABLE)).extracting(Agent::id).containsExactly("OLD-S1");
        assertThat(table.overdue(T0.plus(Duration.ofMinutes(10)))).isEmpty();
        assertThat(table.overdue(T0.plus(Duration.ofMinutes(10)).plusSeconds(1))).extracting(Agent::id)
                .containsExactly("OLD-S0");

        Admission back = register(a, T0.plusSeconds(30));
        assertThat(back.added()).isTrue();
        assertThat(back.previousStatus()).isEqualTo(AgentStatus.RECOVERED);
        assertThat(table.withStatus(AgentStatus.RECOVERED)).isEmpty();
    }

    @Test
    void unusableRegistrationsAreRefused() {
        assertThatThrownBy(() -> register(info(""), T0)).isInstanceOf(InvalidAgentException.class)
                .hasMessageContaining("hostname");
        assertThatThrownBy(() -> register(info("h").toBuilder().setPort(0).build(), T0))
                .hasMessageContaining("port");
        assertThatThrownBy(() -> register(info("h").toBuilder()
                .setId(AgentID.newBuilder().setValue("../../etc"))
                .build(), T0)).hasMessageContaining("agent id");
        assertThatThrownBy(() -> register(info("h").toBuilder()
                .addResources(Resources.scalar("mem", 1, "*").toBuilder()
                        .setScalar(org.apache.mesos.v1.Protos.Value.Scalar.newBuilder().setValue(Double.NaN)))
                .build(), T0)).hasMessageContaining("non-negative");
        assertThat(table.all()).isEmpty();
    }
}
