package dev.dcosnative.cli.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;

import dev.dcosnative.cli.common.CliException;

/**
 * TOML for {@code dcos.toml}: read with Jackson's TOML parser (any TOML a user may write by hand), written the way the
 * upstream CLI writes it — one {@code [section]} table per group of keys — rather than Jackson's dotted keys.
 */
public final class Toml {

    private static final TomlMapper MAPPER = new TomlMapper();
    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private Toml() {
    }

    /** Parses a TOML document into a tree of tables. */
    public static ObjectNode read(String text, String source) {
        try {
            JsonNode tree = MAPPER.readTree(text);
            return tree instanceof ObjectNode object ? object : MAPPER.createObjectNode();
        } catch (IOException e) {
            throw new CliException(source + " is not valid TOML: " + firstLine(e.getMessage()));
        }
    }

    /** A tree of tables and scalars (and arrays of scalars) as TOML: top-level keys first, then one table each. */
    public static String write(ObjectNode document) {
        StringBuilder out = new StringBuilder();
        writeTable(out, List.of(), document);
        return out.toString();
    }

    private static void writeTable(StringBuilder out, List<String> path, ObjectNode table) {
        List<Map.Entry<String, JsonNode>> tables = new ArrayList<>();
        boolean headerWritten = path.isEmpty();
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value instanceof ObjectNode) {
                tables.add(field);
                continue;
            }
            if (value == null || value.isNull() || value.isMissingNode()) {
                continue;
            }
            if (!headerWritten) {
                header(out, path);
                headerWritten = true;
            }
            out.append(key(field.getKey())).append(" = ").append(value(value)).append('\n');
        }
        for (Map.Entry<String, JsonNode> nested : tables) {
            List<String> childPath = new ArrayList<>(path);
            childPath.add(nested.getKey());
            writeTable(out, childPath, (ObjectNode) nested.getValue());
        }
    }

    private static void header(StringBuilder out, List<String> path) {
        if (!out.isEmpty()) {
            out.append('\n');
        }
        out.append('[');
        for (int i = 0; i < path.size(); i++) {
            out.append(i == 0 ? "" : ".").append(key(path.get(i)));
        }
        out.append("]\n");
    }

    private static String key(String key) {
        return BARE_KEY.matcher(key).matches() ? key : string(key);
    }

    private static String value(JsonNode value) {
        if (value.isTextual()) {
            return string(value.asText());
        }
        if (value.isBoolean() || value.isIntegralNumber()) {
            return value.asText();
        }
        if (value.isNumber()) {
            double d = value.asDouble();
            if (Double.isNaN(d)) {
                return "nan";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "inf" : "-inf";
            }
            String text = Double.toString(d);
            return text.contains(".") || text.contains("E") ? text : text + ".0";
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item instanceof ObjectNode object ? inlineTable(object) : value(item)));
            return "[" + String.join(", ", items) + "]";
        }
        return string(value.asText());
    }

    private static String inlineTable(ObjectNode table) {
        List<String> fields = new ArrayList<>();
        table.fields().forEachRemaining(f -> fields.add(key(f.getKey()) + " = " + value(f.getValue())));
        return "{ " + String.join(", ", fields) + " }";
    }

    /** A TOML basic string: quotes, backslashes and control characters escaped. */
    static String string(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
