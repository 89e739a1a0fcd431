package dev.dcosnative.cli.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dcosnative.cli.common.CliException;

/**
 * One configured cluster: the directory {@code <DCOS_DIR>/clusters/<cluster id>} with its {@code dcos.toml} and,
 * for the attached cluster, the empty {@code attached} marker. Keys are {@code section.name}; every save rewrites the
 * file with mode 0600, as it holds the login token.
 */
public final class ClusterConfig {

    public static final String FILE = "dcos.toml";
    public static final String ATTACHED = "attached";

    private final Path dir;
    private final ObjectNode document;

    private ClusterConfig(Path dir, ObjectNode document) {
        this.dir = dir;
        this.document = document;
    }

    /** Reads the {@code dcos.toml} in {@code dir} (an empty configuration when there is none). */
    public static ClusterConfig load(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return new ClusterConfig(dir, JsonNodeFactory.instance.objectNode());
        }
        try {
            return new ClusterConfig(dir, Toml.read(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
        } catch (IOException e) {
            throw new CliException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The cluster's id: its directory's name. */
    public String id() {
        return dir.getFileName().toString();
    }

    /** {@code cluster.name}, or the id when there is no name. */
    public String name() {
        return get(ConfigKeys.CLUSTER_NAME).orElse(id());
    }

    public Path dir() {
        return dir;
    }

    public Path file() {
        return dir.resolve(FILE);
    }

    public boolean attached() {
        return Files.exists(dir.resolve(ATTACHED));
    }

    /** A key's value as text ({@code core.timeout} → {@code "10"}). */
    public Optional<String> get(String key) {
        JsonNode node = node(key);
        return node == null || node.isNull() || node.isContainerNode() ? Optional.empty() : Optional.of(node.asText());
    }

    /** Sets a key to a value already checked by {@link ConfigKeys#parse}. Call {@link #save()} to keep it. */
    public void set(String key, JsonNode value) {
        String[] parts = key.split("\\.");
        ObjectNode table = document;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = table.get(parts[i]);
            if (!(child instanceof ObjectNode)) {
                child = table.putObject(parts[i]);
            }
            table = (ObjectNode) child;
        }
        table.set(parts[parts.length - 1], value);
    }

    public void set(String key, String value) {
        set(key, ConfigKeys.parse(key, value));
    }

    /** Removes a key (and tables it leaves empty); false when it was not set. */
    public boolean unset(String key) {
        String[] parts = key.split("\\.");
        return unset(document, parts, 0);
    }

    private static boolean unset(ObjectNode table, String[] parts, int index) {
        if (index == parts.length - 1) {
            return table.remove(parts[index]) != null;
        }
        if (!(table.get(parts[index]) instanceof ObjectNode child)) {
            return false;
        }
        boolean removed = unset(child, parts, index + 1);
        if (child.isEmpty()) {
            table.remove(parts[index]);
        }
        return removed;
    }

    /** Every key with a scalar value, {@code section.name → text}, in file order. */
    public Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        flatten("", document, values);
        return values;
    }

    private static void flatten(String prefix, ObjectNode table, Map<String, String> values) {
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = prefix + field.getKey();
            if (field.getValue() instanceof ObjectNode child) {
                flatten(key + ".", child, values);
            } else if (!field.getValue().isNull()) {
                values.put(key, field.getValue().isArray() ? field.getValue().toString() : field.getValue().asText());
            }
        }
    }

    /** Writes {@code dcos.toml} (mode 0600, in a directory of mode 0700), replacing the old file atomically. */
    public void save() {
        SecureFiles.createPrivateDirectories(dir);
        SecureFiles.writePrivate(file(), Toml.write(document));
    }

    private JsonNode node(String key) {
        JsonNode node = document;
        for (String part : key.split("\\.")) {
            node = node.get(part);
            if (node == null) {
                return null;
            }
        }
        return node;
    }
}
