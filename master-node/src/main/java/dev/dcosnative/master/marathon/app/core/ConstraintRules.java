package dev.dcosnative.master.marathon.app.core;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.dcosnative.shared.marathon.Constraint;

/**
 * The rules on placement constraints ({@code SchedulingValidation.complyWithAppConstraintRules} upstream): two or
 * three fields, a known operator, and a value as the operator wants it. The field may be {@code hostname},
 * {@code @hostname}, {@code @region}, {@code @zone} or any agent attribute, so any non-empty field is accepted.
 */
final class ConstraintRules {

    static final String FIELD_COUNT = "Each constraint must have either 2 or 3 fields";
    static final String MISSING_FIELD = "Missing field and operator";
    static final String UNKNOWN_OPERATOR = "Constraint operator must be one of the following UNIQUE, CLUSTER,"
            + " GROUP_BY, LIKE, MAX_PER, UNLIKE or IS";
    static final String VALUE_NOT_USED = "Value specified but not used";
    static final String MISSING_VALUE = "Missing value";
    static final String GROUP_BY_NUMBER = "Value was specified but is not a number";
    static final String MAX_PER_NUMBER = "Value was not specified or is not a number";
    static final String REGEX_REQUIRED = "A regular expression value must be provided";

    private ConstraintRules() {
    }

    static void constraints(List<Constraint> constraints, Violations violations) {
        List<Constraint> all = AppValidation.list(constraints);
        for (int i = 0; i < all.size(); i++) {
            String error = error(all.get(i));
            if (error != null) {
                violations.add("/constraints(" + i + ")", error);
            }
        }
    }

    /** The message for a constraint that breaks a rule, or null. */
    static String error(Constraint constraint) {
        int size = constraint.parts().size();
        if (size < 2 || size > 3) {
            return FIELD_COUNT;
        }
        if (constraint.field() == null || constraint.field().isEmpty()) {
            return MISSING_FIELD;
        }
        Optional<String> value = constraint.value();
        return switch (String.valueOf(constraint.operator())) {
            case "UNIQUE" -> value.isPresent() ? VALUE_NOT_USED : null;
            // The reference makes CLUSTER's value optional (the first placement picks it); upstream requires one.
            case "CLUSTER" -> null;
            case "IS" -> value.isEmpty() || value.get().isEmpty() ? MISSING_VALUE : null;
            case "GROUP_BY" -> value.isEmpty() || isInt(value.get()) ? null : GROUP_BY_NUMBER;
            case "MAX_PER" -> value.isPresent() && isInt(value.get()) ? null : MAX_PER_NUMBER;
            case "LIKE", "UNLIKE" -> value.isEmpty() ? REGEX_REQUIRED : regexError(value.get());
            default -> UNKNOWN_OPERATOR;
        };
    }

    private static String regexError(String regex) {
        try {
            Pattern.compile(regex);
            return null;
        } catch (PatternSyntaxException e) {
            return "'" + regex + "' is not a valid regular expression";
        }
    }

    private static boolean isInt(String value) {
        try {
            Integer.parseInt(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
