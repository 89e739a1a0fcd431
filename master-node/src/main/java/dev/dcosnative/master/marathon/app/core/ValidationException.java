package dev.dcosnative.master.marathon.app.core;

import java.util.List;

/**
 * A definition that parsed but breaks Marathon's rules. Services throw it; the REST layer answers 422 with
 * {@code {"message": "Object is not valid", "details": [{"path": ..., "errors": [...]}, ...]}}, one detail per
 * {@link Violation}.
 */
public final class ValidationException extends RuntimeException {

    /** The {@code message} of Marathon's 422 body. */
    public static final String MESSAGE = "Object is not valid";

    private final transient List<Violation> violations;

    public ValidationException(List<Violation> violations) {
        super(MESSAGE, null, false, false);
        this.violations = List.copyOf(violations);
    }

    /** Throws when {@code violations} is not empty; a no-op otherwise. */
    public static void throwIfAny(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
    }

    public List<Violation> violations() {
        return violations;
    }
}
