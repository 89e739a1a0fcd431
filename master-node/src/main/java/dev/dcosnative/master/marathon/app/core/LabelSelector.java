package dev.dcosnative.master.marathon.app.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code label} filter of {@code GET /v2/apps}, Marathon's label selector: comma-separated terms that must all
 * hold — {@code key} (the label exists), {@code key==value}, {@code key!=value}, {@code key in (a, b)},
 * {@code key notin (a, b)}. A comma or parenthesis inside a key or value is escaped with a backslash.
 */
public final class LabelSelector {

    private static final Pattern TERM = Pattern.compile(
            "\\s*((?:\\\\.|[^\\s=!,()\\\\])+)\\s*(?:(==|!=)\\s*((?:\\\\.|[^,()\\\\])*?)|\\s+(in|notin)\\s*\\(([^)]*)\\))?\\s*");

    private record Term(String key, String op, Set<String> values) {
        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (op) {
                case "exists" -> value != null;
                case "==", "in" -> value != null && values.contains(value);
                case "!=", "notin" -> value == null || !values.contains(value);
                default -> false;
            };
        }
    }

    private final List<Term> terms;

    private LabelSelector(List<Term> terms) {
        this.terms = terms;
    }

    /** @throws IllegalArgumentException when the selector cannot be parsed */
    public static LabelSelector parse(String selector) {
        List<Term> terms = new ArrayList<>();
        for (String part : split(selector, ',')) {
            Matcher m = TERM.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("Can not parse label selector " + selector);
            }
            String key = unescape(m.group(1));
            if (m.group(2) != null) {
                terms.add(new Term(key, m.group(2), Set.of(unescape(m.group(3).trim()))));
            } else if (m.group(4) != null) {
                Set<String> values = new java.util.LinkedHashSet<>();
                for (String v : split(m.group(5), ',')) {
                    values.add(unescape(v.trim()));
                }
                terms.add(new Term(key, m.group(4), values));
            } else {
                terms.add(new Term(key, "exists", Set.of()));
            }
        }
        return new LabelSelector(List.copyOf(terms));
    }

    public boolean matches(Map<String, String> labels) {
        Map<String, String> present = labels == null ? Map.of() : labels;
        return terms.stream().allMatch(t -> t.matches(present));
    }

    /** Splits on {@code separator} outside parentheses and not escaped. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (c == separator && depth == 0) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static String unescape(String text) {
        return text.replaceAll("\\\\(.)", "$1");
    }
}
