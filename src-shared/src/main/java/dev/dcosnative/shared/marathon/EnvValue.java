package dev.dcosnative.shared.marathon;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The value of an {@code env} entry: a string, or a reference to a secret ({@code {"secret": "db-password"}}).
 */
public record EnvValue(String value, String secret) {

    public static EnvValue of(String value) {
        return new EnvValue(value, null);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static EnvValue fromJson(JsonNode node) {
        if (node.isTextual()) {
            return new EnvValue(node.textValue(), null);
        }
        if (node.isObject() && node.size() == 1 && node.path("secret").isTextual()) {
            return new EnvValue(null, node.get("secret").textValue());
        }
        throw new JsonErrorException("error.expected.jsstring");
    }

    @JsonValue
    Object toJson() {
        return secret != null ? Map.of("secret", secret) : value;
    }

    public boolean isSecret() {
        return secret != null;
    }
}
