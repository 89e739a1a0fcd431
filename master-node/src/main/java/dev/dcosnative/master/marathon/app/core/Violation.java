package dev.dcosnative.master.marathon.app.core;

import java.util.List;
import java.util.Objects;

/**
 * One entry of the {@code details} array of Marathon's 422 body: a path into the submitted document, written as
 * Marathon writes it ({@code /upgradeStrategy/minimumHealthCapacity}, {@code /healthChecks(0)}, {@code /} for the
 * whole app), and the messages found for it, in the order they were found. It renders one to one as
 * {@code {"path": path, "errors": errors}}.
 */
public record Violation(String path, List<String> errors) {

    public Violation {
        Objects.requireNonNull(path, "path");
        errors = List.copyOf(errors);
    }

    /** A violation with a single message. */
    public static Violation of(String path, String error) {
        return new Violation(path, List.of(error));
    }
}
