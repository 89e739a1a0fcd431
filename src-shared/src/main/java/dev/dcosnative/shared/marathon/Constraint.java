package dev.dcosnative.shared.marathon;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A placement constraint as apps spell it: {@code ["hostname", "UNIQUE"]} or {@code ["rack", "GROUP_BY", "3"]} (field,
 * operator, optional value). Kept as the strings given; whether they make a valid constraint is a validation
 * question, answered with a 422, not a parse error.
 */
public record Constraint(List<String> parts) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Constraint {
        parts = List.copyOf(parts);
    }

    public static Constraint of(String field, String operator, String value) {
        return new Constraint(value == null ? List.of(field, operator) : List.of(field, operator, value));
    }

    @JsonValue
    public List<String> parts() {
        return parts;
    }

    public String field() {
        return parts.isEmpty() ? "" : parts.get(0);
    }

    public String operator() {
        return parts.size() < 2 ? "" : parts.get(1);
    }

    public Optional<String> value() {
        return parts.size() < 3 ? Optional.empty() : Optional.of(parts.get(2));
    }
}
