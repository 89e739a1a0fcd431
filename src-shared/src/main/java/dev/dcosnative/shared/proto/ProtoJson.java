package dev.dcosnative.shared.proto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;

/**
 * JSON for the Mesos protobuf model, the way Mesos writes it: proto field names (lower_snake), enums by name, bytes in
 * base64, and 64-bit integers as JSON numbers (protobuf-java-util's JsonFormat writes those as strings; Mesos clients
 * expect numbers, so the printed tree is corrected field by field along the message descriptor).
 */
public final class ProtoJson {

    private static final JsonFormat.Printer PRINTER = JsonFormat.printer()
            .preservingProtoFieldNames()
            .omittingInsignificantWhitespace();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ProtoJson() {
    }

    /** The message as a Jackson tree, ready to embed in a larger JSON document. */
    public static ObjectNode toTree(MessageOrBuilder message) {
        try {
            ObjectNode tree = (ObjectNode) MAPPER.readTree(PRINTER.print(message));
            numberize(message.getDescriptorForType(), tree);
            return tree;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot print " + message.getDescriptorForType().getFullName(), e);
        }
    }

    /** The message as UTF-8 JSON bytes. */
    public static byte[] toJson(MessageOrBuilder message) {
        return toTree(message).toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Merges JSON into a builder the way Mesos parses JSON: unknown fields are ignored, but an unknown enum name, a
     * value of the wrong type or a syntax error fails with a message that names the problem.
     */
    public static <B extends Message.Builder> B merge(String json, B builder) throws InvalidProtocolBufferException {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new InvalidProtocolBufferException("malformed JSON: " + e.getMessage());
        }
        return merge(tree, builder);
    }

    /** Same as {@link #merge(String, Message.Builder)} for a parsed tree (which is not modified). */
    public static <B extends Message.Builder> B merge(JsonNode json, B builder) throws InvalidProtocolBufferException {
        JsonNode known = json;
        if (json instanceof ObjectNode object) {
            known = object.deepCopy();
            dropUnknownFields(builder.getDescriptorForType(), (ObjectNode) known);
        }
        PARSER.merge(known.toString(), builder);
        return builder;
    }

    private static void dropUnknownFields(Descriptor descriptor, ObjectNode node) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            FieldDescriptor field = field(descriptor, entry.getKey());
            if (field == null) {
                it.remove();
            } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                if (entry.getValue() instanceof ObjectNode object) {
                    dropUnknownFields(field.getMessageType(), object);
                } else if (entry.getValue() instanceof ArrayNode array) {
                    for (JsonNode element : array) {
                        if (element instanceof ObjectNode object) {
                            dropUnknownFields(field.getMessageType(), object);
                        }
                    }
                }
            }
        }
    }

    private static FieldDescriptor field(Descriptor descriptor, String name) {
        FieldDescriptor field = descriptor.findFieldByName(name);
        if (field != null) {
            return field;
        }
        for (FieldDescriptor candidate : descriptor.getFields()) {
            if (candidate.getJsonName().equals(name)) {
                return candidate;
            }
        }
        return null;
    }

    private static void numberize(Descriptor descriptor, ObjectNode node) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            FieldDescriptor field = descriptor.findFieldByName(entry.getKey());
            if (field == null) {
                continue;
            }
            JsonNode value = entry.getValue();
            if (value instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    JsonNode replaced = fix(field, array.get(i));
                    if (replaced != null) {
                        array.set(i, replaced);
                    }
                }
            } else {
                JsonNode replaced = fix(field, value);
                if (replaced != null) {
                    entry.setValue(replaced);
                }
            }
        }
    }

    private static JsonNode fix(FieldDescriptor field, JsonNode value) {
        if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && value instanceof ObjectNode object) {
            numberize(field.getMessageType(), object);
            return null;
        }
        if (field.getJavaType() == FieldDescriptor.JavaType.LONG && value.isTextual()) {
            BigInteger number = new BigInteger(value.asText());
            return number.bitLength() < 64 ? LongNode.valueOf(number.longValue()) : BigIntegerNode.valueOf(number);
        }
        return null;
    }
}
