package dev.dcosnative.shared.marathon;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code unreachableStrategy}: {@code "disabled"}, or how long an instance on an unreachable agent counts as still
 * there ({@code inactiveAfterSeconds}, default 0) and when it is given up ({@code expungeAfterSeconds}, default 0).
 */
public record UnreachableStrategy(boolean disabled, Long inactiveAfterSeconds, Long expungeAfterSeconds) {

    public static final UnreachableStrategy DISABLED = new UnreachableStrategy(true, null, null);

    public static UnreachableStrategy enabled(long inactiveAfterSeconds, long expungeAfterSeconds) {
        return new UnreachableStrategy(false, inactiveAfterSeconds, expungeAfterSeconds);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static UnreachableStrategy fromJson(JsonNode node) {
        if (node.isTextual() && node.textValue().equals("disabled")) {
            return DISABLED;
        }
        if (!node.isObject()) {
            throw new JsonErrorException("error.expected.jsobject");
        }
        return new UnreachableStrategy(false, seconds(node, "inactiveAfterSeconds"),
                seconds(node, "expungeAfterSeconds"));
    }

    private static Long seconds(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            throw new JsonErrorException("error.expected.jsnumber", field);
        }
        return value.longValue();
    }

    @JsonValue
    Object toJson() {
        if (disabled) {
            return "disabled";
        }
        Map<String, Object> json = new LinkedHashMap<>();
        if (inactiveAfterSeconds != null) {
            json.put("inactiveAfterSeconds", inactiveAfterSeconds);
        }
        if (expungeAfterSeconds != null) {
            json.put("expungeAfterSeconds", expungeAfterSeconds);
        }
        return json;
    }
}
