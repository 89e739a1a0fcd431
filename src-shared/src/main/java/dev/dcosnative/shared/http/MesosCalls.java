package dev.dcosnative.shared.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;

import dev.dcosnative.shared.proto.ProtoJson;

/**
 * Decoding and validation of the calls of the Mesos v1 HTTP APIs (operator API of master and agent, later the
 * scheduler API), with the checks, order and messages of Mesos: the content type, the body (JSON or protobuf), then
 * the call's type and the message its type needs.
 */
public final class MesosCalls {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MesosCalls() {
    }

    /**
     * Merges the body into {@code builder}; on return the builder holds every required field, so {@code build()}
     * cannot fail.
     *
     * @throws MesosHttpException 400 or 415 as Mesos answers them
     */
    public static <B extends Message.Builder> B parse(String contentType, byte[] body, B builder) {
        String type = MediaTypes.essence(contentType);
        if (type == null || type.isEmpty()) {
            throw MesosHttpException.badRequest("Expecting 'Content-Type' to be present");
        }
        if (type.equals(MediaTypes.APPLICATION_PROTOBUF)) {
            try {
                builder.mergeFrom(body);
            } catch (InvalidProtocolBufferException e) {
                throw MesosHttpException.badRequest("Failed to parse body into Call protobuf");
            }
            if (!builder.isInitialized()) {
                throw MesosHttpException.badRequest("Failed to parse body into Call protobuf");
            }
            return builder;
        }
        if (type.equals(MediaTypes.APPLICATION_JSON)) {
            JsonNode json;
            try {
                json = JSON.readTree(new String(body, StandardCharsets.UTF_8));
            } catch (JsonProcessingException e) {
                throw MesosHttpException.badRequest("Failed to parse body into JSON: " + e.getOriginalMessage());
            }
            if (json == null || !json.isObject()) {
                throw MesosHttpException.badRequest(
                        "Failed to convert JSON into Call protobuf: Expecting a JSON object");
            }
            try {
                ProtoJson.merge(json, builder);
            } catch (InvalidProtocolBufferException e) {
                throw MesosHttpException.badRequest("Failed to convert JSON into Call protobuf: " + e.getMessage());
            }
            if (!builder.isInitialized()) {
                throw MesosHttpException.badRequest("Failed to convert JSON into Call protobuf: Missing required fields: "
                        + String.join(", ", builder.findInitializationErrors()));
            }
            return builder;
        }
        throw new MesosHttpException(415, "Expecting 'Content-Type' of " + MediaTypes.APPLICATION_JSON + " or "
                + MediaTypes.APPLICATION_PROTOBUF);
    }

    /**
     * Checks that the call has a type, and the message named after its type (e.g. {@code mark_agent_gone}) when the
     * call declares one that is not optional.
     *
     * @param api the API for the message, e.g. {@code master::Call}
     * @param optionalPayloads payload fields that may be absent (e.g. {@code get_metrics})
     * @throws MesosHttpException 400 {@code Failed to validate <api>: ...}
     */
    public static void validate(MessageOrBuilder call, String api, Set<String> optionalPayloads) {
        FieldDescriptor typeField = call.getDescriptorForType().findFieldByName("type");
        if (typeField == null || !call.hasField(typeField)
                || ((EnumValueDescriptor) call.getField(typeField)).getNumber() == 0) {
            throw invalid(api, "Expecting 'type' to be present");
        }
        String payload = ((EnumValueDescriptor) call.getField(typeField)).getName().toLowerCase(Locale.ROOT);
        FieldDescriptor payloadField = call.getDescriptorForType().findFieldByName(payload);
        if (payloadField != null && !optionalPayloads.contains(payload) && !call.hasField(payloadField)) {
            throw invalid(api, "Expecting '" + payload + "' to be present");
        }
    }

    private static MesosHttpException invalid(String api, String message) {
        return MesosHttpException.badRequest("Failed to validate " + api + ": " + message);
    }
}
