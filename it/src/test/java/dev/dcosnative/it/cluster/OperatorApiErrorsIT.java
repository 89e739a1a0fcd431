package dev.dcosnative.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.master.Protos.Call;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.it.harness.Cluster;
import dev.dcosnative.it.harness.ClusterExtension;
import dev.dcosnative.it.harness.Http;
import dev.dcosnative.it.harness.OperatorClient;

/**
 * Bad calls, careless or hostile, get a 4xx with a clear message, and change nothing: after each test the agents are
 * exactly as before.
 */
@Tag("cluster")
class OperatorApiErrorsIT {

    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension(() -> Cluster.builder("operator-errors").build());

    private JsonNode agentsBefore;

    private static OperatorClient operator() {
        return CLUSTER.cluster().operator();
    }

    private static HttpResponse<byte[]> json(String body) {
        return operator().raw(OperatorClient.JSON, body.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode agents() {
        return operator().getAgents().path("get_agents");
    }

    @BeforeEach
    void rememberAgents() {
        agentsBefore = agents();
        assertThat(agentsBefore.path("agents")).hasSize(2);
    }

    @AfterEach
    void nothingChanged() {
        assertThat(agents()).isEqualTo(agentsBefore);
        assertThat(Http.get(CLUSTER.cluster().masterUrl() + "/health").statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownCallTypeIsABadRequest() {
        HttpResponse<byte[]> response = json("{\"type\":\"GET_EVERYTHING\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.text(response)).startsWith("Failed to convert JSON into Call protobuf").contains(
                "GET_EVERYTHING");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(
                "text/plain"));

        HttpResponse<byte[]> untyped = json("{}");
        assertThat(untyped.statusCode()).isEqualTo(400);
        assertThat(Http.text(untyped)).isEqualTo("Failed to validate master::Call: Expecting 'type' to be present");

        HttpResponse<byte[]> unknownNumber = operator().raw(OperatorClient.PROTOBUF, new byte[] { 0x08, 0x7f });
        assertThat(unknownNumber.statusCode()).isEqualTo(400);
        assertThat(Http.text(unknownNumber)).contains("Expecting 'type' to be present");
    }

    @Test
    void malformedJsonOrProtobufIsABadRequest() {
        HttpResponse<byte[]> truncated = json("{\"type\":");
        assertThat(truncated.statusCode()).isEqualTo(400);
        assertThat(Http.text(truncated)).startsWith("Failed to parse body into JSON");

        HttpResponse<byte[]> notAnObject = json("[\"GET_AGENTS\"]");
        assertThat(notAnObject.statusCode()).isEqualTo(400);

        HttpResponse<byte[]> wrongType = json("{\"type\":{\"nested\":true}}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(Http.text(wrongType)).startsWith("Failed to convert JSON into Call protobuf");

        HttpResponse<byte[]> garbage = operator().raw(OperatorClient.PROTOBUF,
                new byte[] { (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff });
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(Http.text(garbage)).isEqualTo("Failed to parse body into Call protobuf");
    }

    @Test
    void theWrongContentTypeMethodOrAcceptIsRefused() {
        HttpResponse<byte[]> text = operator().raw("text/plain", "{\"type\":\"GET_AGENTS\"}".getBytes());
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(Http.text(text)).isEqualTo(
                "Expecting 'Content-Type' of application/json or application/x-protobuf");

        HttpResponse<byte[]> none = operator().raw(null, "{\"type\":\"GET_AGENTS\"}".getBytes());
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(Http.text(none)).isEqualTo("Expecting 'Content-Type' to be present");

        HttpResponse<byte[]> get = Http.get(CLUSTER.cluster().masterUrl() + "/api/v1");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");

        HttpResponse<byte[]> html = operator().raw(OperatorClient.JSON, "{\"type\":\"GET_AGENTS\"}".getBytes(),
                "Accept", "text/html");
        assertThat(html.statusCode()).isEqualTo(406);
        assertThat(Http.text(html)).contains("Expecting 'Accept' to allow");
    }

    @Test
    void aCallWithoutTheMessageItsTypeNeedsIsABadRequest() {
        HttpResponse<byte[]> response = json("{\"type\":\"MARK_AGENT_GONE\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.text(response)).isEqualTo(
                "Failed to validate master::Call: Expecting 'mark_agent_gone' to be present");
    }

    @Test
    void aValidCallThatIsNotImplementedYetSaysSoAndChangesNothing() {
        String id = agentsBefore.path("agents").get(0).path("agent_info").path("id").path("value").asText();
        HttpResponse<byte[]> response = operator().raw(OperatorClient.PROTOBUF, Call.newBuilder()
                .setType(Call.Type.MARK_AGENT_GONE)
                .setMarkAgentGone(Call.MarkAgentGone.newBuilder()
                        .setAgentId(AgentID.newBuilder().setValue(id)))
                .build()
                .toByteArray());
        assertThat(response.statusCode()).isEqualTo(501);
        assertThat(Http.text(response)).contains("MARK_AGENT_GONE");
    }

    @Test
    void anOversizedBodyIsRefused() {
        byte[] huge = new byte[5 << 20];
        Arrays.fill(huge, (byte) ' ');
        HttpResponse<byte[]> response = operator().raw(OperatorClient.JSON, huge);
        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void theAgentEndpointRefusesWhatIsNotAnAgent() {
        String url = CLUSTER.cluster().masterUrl() + "/internal/v1/agent";

        HttpResponse<byte[]> garbage = Http.post(url, OperatorClient.JSON, "{\"type\":".getBytes());
        assertThat(garbage.statusCode()).isEqualTo(400);

        HttpResponse<byte[]> noPort = Http.post(url, OperatorClient.JSON,
                "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"agent_info\":{\"hostname\":\"10.9.9.9\",\"port\":0}}}"
                        .getBytes());
        assertThat(noPort.statusCode()).isEqualTo(400);
        assertThat(Http.text(noPort)).contains("port");

        HttpResponse<byte[]> noHostname = Http.post(url, OperatorClient.JSON,
                "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"agent_info\":{\"port\":5051}}}".getBytes());
        assertThat(noHostname.statusCode()).isEqualTo(400);

        HttpResponse<byte[]> negative = Http.post(url, OperatorClient.JSON, ("{\"type\":\"SUBSCRIBE\",\"subscribe\":"
                + "{\"agent_info\":{\"hostname\":\"10.9.9.9\",\"port\":5051,\"resources\":[{\"name\":\"cpus\","
                + "\"type\":\"SCALAR\",\"scalar\":{\"value\":-4}}]}}}").getBytes());
        assertThat(negative.statusCode()).isEqualTo(400);

        String someId = agentsBefore.path("agents").get(0).path("agent_info").path("id").path("value").asText();
        HttpResponse<byte[]> forgedPong = Http.post(url, OperatorClient.JSON,
                ("{\"type\":\"PONG\",\"agent_id\":{\"value\":\"" + someId + "\"}}").getBytes(), "Mesos-Stream-Id",
                "not-the-stream");
        assertThat(forgedPong.statusCode()).isEqualTo(403);

        HttpResponse<byte[]> text = Http.post(url, "text/plain", "hello".getBytes());
        assertThat(text.statusCode()).isEqualTo(415);
    }
}
