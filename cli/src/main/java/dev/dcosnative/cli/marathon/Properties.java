package dev.dcosnative.cli.marathon;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.dcosnative.cli.output.Json;
import dev.dcosnative.shared.marathon.MarathonJson;

/**
 * The {@code <key>=<value>} arguments of {@code app update} and {@code group update}: each value is JSON
 * ({@code instances=3}, {@code env={"A":"1"}}), except for text fields and values that are not JSON, which are taken as
 * text ({@code cmd=sleep 100}).
 */
public final class Properties {

    /** App and group fields whose values are text. */
    static final Set<String> TEXT_FIELDS = Set.of("id", "cmd", "user", "executor", "role", "version");

    private Properties() {
    }

    /** The changes; a malformed argument is reported through {@code usage}. */
    public static ObjectNode parse(List<String> properties, java.util.function.Function<String, RuntimeException> usage) {
        ObjectNode changes = Json.MAPPER.createObjectNode();
        for (String property : properties) {
            int eq = property.indexOf('=');
            if (eq <= 0) {
                throw usage.apply("'" + property + "' is not <key>=<value>");
            }
            String key = property.substring(0, eq).trim();
            String raw = property.substring(eq + 1);
            changes.set(key, value(key, raw));
        }
        return changes;
    }

    static JsonNode value(String key, String raw) {
        if (TEXT_FIELDS.contains(key) || raw.isBlank()) {
            return TextNode.valueOf(raw);
        }
        try {
            return MarathonJson.MAPPER.readTree(raw);
        } catch (IOException e) {
            return TextNode.valueOf(raw);
        }
    }
}
