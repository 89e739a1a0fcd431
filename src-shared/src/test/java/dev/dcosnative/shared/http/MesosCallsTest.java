package dev.dcosnative.shared.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.apache.mesos.v1.master.Protos.Call;
import org.junit.jupiter.api.Test;

class MesosCallsTest {

    private static Call json(String body) {
        return MesosCalls.parse("application/json; charset=utf-8", body.getBytes(StandardCharsets.UTF_8),
                Call.newBuilder()).build();
    }

    private static void refused(String body, int status, String message) {
        assertThatThrownBy(() -> {
            Call call = json(body);
            MesosCalls.validate(call, "master::Call", Set.of("get_metrics"));
        }).isInstanceOfSatisfying(MesosHttpException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void acceptsWellFormedCalls() {
        Call call = json("{\"type\":\"GET_METRICS\"}");
        MesosCalls.validate(call, "master::Call", Set.of("get_metrics"));
        assertThat(call.getType()).isEqualTo(Call.Type.GET_METRICS);

        Call proto = MesosCalls.parse("application/x-protobuf", call.toByteArray(), Call.newBuilder()).build();
        assertThat(proto).isEqualTo(call);
    }

    @Test
    void refusesBadCallsWithMesosMessages() {
        refused("{}", 400, "Failed to validate master::Call: Expecting 'type' to be present");
        refused("{\"type\":\"NOPE\"}", 400, "Failed to convert JSON into Call protobuf");
        refused("{\"type\":\"TEARDOWN\"}", 400, "Expecting 'teardown' to be present");
        refused("{\"type\":\"TEARDOWN\",\"teardown\":{}}", 400, "missing required fields: framework_id");
        refused("{\"type\"", 400, "Failed to parse body into JSON");
        refused("\"GET_HEALTH\"", 400, "Expecting a JSON object");
        assertThatThrownBy(() -> MesosCalls.parse("text/plain", new byte[0], Call.newBuilder()))
                .hasMessage("Expecting 'Content-Type' of application/json or application/x-protobuf");
        assertThatThrownBy(() -> MesosCalls.parse(null, new byte[0], Call.newBuilder()))
                .hasMessage("Expecting 'Content-Type' to be present");
        assertThatThrownBy(() -> MesosCalls.parse("application/x-protobuf", new byte[] { (byte) 0xff },
                Call.newBuilder())).hasMessage("Failed to parse body into Call protobuf");
    }
}
