package dev.dcosnative.master.marathon.app.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects violations while the rules run: messages are grouped by path, paths and messages keep the order in which
 * they were found, and a message repeated for the same path is kept once (as Marathon's grouping does).
 */
final class Violations {

    private final Map<String, List<String>> byPath = new LinkedHashMap<>();

    void add(String path, String message) {
        List<String> messages = byPath.computeIfAbsent(path, p -> new ArrayList<>());
        if (!messages.contains(message)) {
            messages.add(message);
        }
    }

    void addAll(List<Violation> violations) {
        for (Violation violation : violations) {
            violation.errors().forEach(error -> add(violation.path(), error));
        }
    }

    List<Violation> toList() {
        return byPath.entrySet().stream().map(e -> new Violation(e.getKey(), e.getValue())).toList();
    }
}
