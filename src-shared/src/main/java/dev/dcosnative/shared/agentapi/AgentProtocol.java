package dev.dcosnative.shared.agentapi;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.dcosnative.shared.proto.ProtobufModule;

/**
 * The agent ↔ master protocol. Agents {@code POST} {@link AgentCall}s as JSON to {@link #PATH} on the leading master;
 * a {@code SUBSCRIBE} answers {@code 200} with a chunked RecordIO stream of {@link AgentEvent}s and the
 * {@value #STREAM_ID_HEADER} header; other calls answer {@code 202}. A master that does not lead answers {@code 307}
 * with the leader's URL in {@code Location}, as the Mesos v1 APIs do. Mesos types inside (AgentInfo, MasterInfo, ...)
 * have their usual Mesos JSON form.
 */
public final class AgentProtocol {

    public static final String PATH = "/internal/v1/agent";
    public static final String STREAM_ID_HEADER = "Mesos-Stream-Id";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new ProtobufModule())
            .build();

    private AgentProtocol() {
    }

    public static byte[] encode(Object callOrEvent) {
        try {
            return MAPPER.writeValueAsBytes(callOrEvent);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IOException when the body is not a well-formed call */
    public static AgentCall decodeCall(byte[] body) throws IOException {
        AgentCall call = MAPPER.readValue(body, AgentCall.class);
        if (call == null || call.type() == null) {
            throw new IOException("Expecting 'type' to be present");
        }
        return call;
    }

    /** @throws IOException when the record is not a well-formed event */
    public static AgentEvent decodeEvent(byte[] record) throws IOException {
        AgentEvent event = MAPPER.readValue(record, AgentEvent.class);
        if (event == null || event.type() == null) {
            throw new IOException("Expecting 'type' to be present");
        }
        return event;
    }
}
