package dev.dcosnative.agent.health.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.HealthCheck;
import org.junit.jupiter.api.Test;

class HealthCheckSpecTest {

    private static HealthCheck.Builder http(HealthCheck.HTTPCheckInfo.Builder http) {
        return HealthCheck.newBuilder().setType(HealthCheck.Type.HTTP).setHttp(http);
    }

    @Test
    void anHttpCheckGetsItsUrlOnTheTasksHost() {
        HealthCheckSpec.Http probe = (HealthCheckSpec.Http) HealthCheckSpec.of(http(HealthCheck.HTTPCheckInfo
                .newBuilder().setScheme("https").setPort(8443).setPath("/health?deep=1")).build()).probe();

        assertThat(probe.url("10.0.0.5")).isEqualTo("https://10.0.0.5:8443/health?deep=1");
        assertThat(probe.url("::1")).isEqualTo("https://[::1]:8443/health?deep=1");
    }

    @Test
    void httpStatusesAre200To399UnlessGiven() {
        HealthCheckSpec.Http any = new HealthCheckSpec.Http("http", 80, "/", List.of());
        HealthCheckSpec.Http only204 = new HealthCheckSpec.Http("http", 80, "/", List.of(204));

        assertThat(any.healthy(200)).isTrue();
        assertThat(any.healthy(302)).isTrue();
        assertThat(any.healthy(399)).isTrue();
        assertThat(any.healthy(199)).isFalse();
        assertThat(any.healthy(400)).isFalse();
        assertThat(any.healthy(503)).isFalse();
        assertThat(only204.healthy(204)).isTrue();
        assertThat(only204.healthy(200)).isFalse();
    }

    @Test
    void fractionalSecondsAndAZeroTimeout() {
        HealthCheckSpec spec = HealthCheckSpec.of(HealthCheck.newBuilder()
                .setType(HealthCheck.Type.TCP)
                .setTcp(HealthCheck.TCPCheckInfo.newBuilder().setPort(1))
                .setDelaySeconds(0)
                .setIntervalSeconds(0.25)
                .setTimeoutSeconds(0)
                .setGracePeriodSeconds(1.5)
                .setConsecutiveFailures(0)
                .build());

        assertThat(spec.delay()).isZero();
        assertThat(spec.interval()).isEqualTo(Duration.ofMillis(250));
        assertThat(spec.timeout()).isEqualTo(HealthCheckSpec.DEFAULT_TIMEOUT);
        assertThat(spec.gracePeriod()).isEqualTo(Duration.ofMillis(1500));
        assertThat(spec.consecutiveFailures()).isZero();
    }

    @Test
    void theTypeIsInferredWhenOnlyTheCheckIsGiven() {
        HealthCheckSpec spec = HealthCheckSpec.of(HealthCheck.newBuilder()
                .setCommand(CommandInfo.newBuilder().setValue("true"))
                .build());

        assertThat(spec.probe()).isInstanceOf(HealthCheckSpec.Command.class);
    }

    @Test
    void unusableChecksAreRefusedWithAReason() {
        assertThatThrownBy(() -> HealthCheckSpec.of(HealthCheck.getDefaultInstance())).hasMessageContaining(
                "no type");
        assertThatThrownBy(() -> HealthCheckSpec.of(http(HealthCheck.HTTPCheckInfo.newBuilder().setPort(0))
                .build())).hasMessageContaining("1-65535");
        assertThatThrownBy(() -> HealthCheckSpec.of(http(HealthCheck.HTTPCheckInfo.newBuilder().setPort(70000))
                .build())).hasMessageContaining("1-65535");
        assertThatThrownBy(() -> HealthCheckSpec.of(http(HealthCheck.HTTPCheckInfo.newBuilder().setPort(80)
                .setScheme("ftp")).build())).hasMessageContaining("scheme 'ftp'");
        assertThatThrownBy(() -> HealthCheckSpec.of(http(HealthCheck.HTTPCheckInfo.newBuilder().setPort(80)
                .setPath("health")).build())).hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> HealthCheckSpec.of(HealthCheck.newBuilder().setType(HealthCheck.Type.TCP)
                .build())).hasMessageContaining("needs 'tcp'");
        assertThatThrownBy(() -> HealthCheckSpec.of(HealthCheck.newBuilder().setType(HealthCheck.Type.COMMAND)
                .setCommand(CommandInfo.newBuilder().setValue(" ")).build())).hasMessageContaining("empty");
        assertThatThrownBy(() -> HealthCheckSpec.of(HealthCheck.newBuilder().setType(HealthCheck.Type.TCP)
                .setTcp(HealthCheck.TCPCheckInfo.newBuilder().setPort(1)).setIntervalSeconds(-1).build()))
                .hasMessageContaining("interval_seconds");
    }
}
