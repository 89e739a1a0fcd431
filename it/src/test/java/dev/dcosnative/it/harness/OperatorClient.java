package dev.dcosnative.it.harness;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.InvalidProtocolBufferException;

/** The v1 operator API of one master, as a client sees it. */
public final class OperatorClient {

    public static final String JSON = "application/json";
    public static final String PROTOBUF = "application/x-protobuf";

    private final String base;

    public OperatorClient(String base) {
        this.base = base;
    }

    public String base() {
        return base;
    }

    /** A JSON call that must succeed; its JSON answer. */
    public JsonNode call(String json) {
        HttpResponse<byte[]> response = raw(JSON, json.getBytes(StandardCharsets.UTF_8), "Accept", JSON);
        if (response.statusCode() != 200) {
            throw new AssertionError(json + " -> " + response.statusCode() + " " + Http.text(response));
        }
        return Http.json(response);
    }

    public JsonNode getAgents() {
        return call("{\"type\":\"GET_AGENTS\"}");
    }

    /** A protobuf call that must succeed; its protobuf answer. */
    public Response call(Call call) {
        HttpResponse<byte[]> response = raw(PROTOBUF, call.toByteArray(), "Accept", PROTOBUF);
        if (response.statusCode() != 200) {
            throw new AssertionError(call.getType() + " -> " + response.statusCode() + " " + Http.text(response));
        }
        try {
            return Response.parseFrom(response.body());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("not a Response protobuf", e);
        }
    }

    /** Any request to {@code /api/v1}, for the error cases. */
    public HttpResponse<byte[]> raw(String contentType, byte[] body, String... headers) {
        return Http.post(base + "/api/v1", contentType, body, headers);
    }

    /** Opens the operator event stream. {@code protobuf}: RecordIO of protobuf Events, else of JSON. */
    public EventStream subscribe(boolean protobuf) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1"))
                .header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"SUBSCRIBE\"}"));
        if (protobuf) {
            request.header("Accept", "application/recordio").header("Message-Accept", PROTOBUF);
        } else {
            request.header("Accept", JSON);
        }
        return EventStream.open(request.timeout(Duration.ofMinutes(10)).build());
    }
}
