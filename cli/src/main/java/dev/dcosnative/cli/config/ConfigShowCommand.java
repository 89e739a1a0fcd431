package dev.dcosnative.cli.config;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dcosnative.cli.common.CliException;
import dev.dcosnative.cli.common.ClusterCommandBase;
import dev.dcosnative.cli.common.JsonMixin;
import dev.dcosnative.cli.output.Json;
import dev.dcosnative.cli.output.Table;
import dev.dcosnative.cli.store.ClusterTarget;
import dev.dcosnative.cli.store.ConfigKeys;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code dcos config show [<name>]}. */
@Command(name = "show", description = { "Show the configuration: every key (the token masked), or one key's value.",
        "Values set by environment variables (DCOS_URL, ...) win over the file and are shown as such." })
public class ConfigShowCommand extends ClusterCommandBase {

    @Mixin
    JsonMixin json;

    @Parameters(arity = "0..1", paramLabel = "<name>", description = "A key, e.g. core.dcos_url.")
    String name;

    @Override
    public Integer call() {
        ClusterTarget target = context().target();
        Map<String, String> values = new LinkedHashMap<>(target.cluster().map(c -> c.values()).orElse(Map.of()));
        Map<String, String> fromEnv = new LinkedHashMap<>();
        for (ConfigKeys.Key key : ConfigKeys.KEYS) {
            context().env().get(ConfigKeys.envName(key.name())).ifPresent(v -> {
                values.put(key.name(), v);
                fromEnv.put(key.name(), ConfigKeys.envName(key.name()));
            });
        }
        if (name != null) {
            ConfigKeys.checkName(name);
            String value = values.get(name);
            if (value == null) {
                throw new CliException("'" + name + "' is not set" + target.cluster().map(c -> " for " + c.name())
                        .orElse(""));
            }
            out().println(value);
            return 0;
        }
        if (json.json()) {
            ObjectNode document = Json.MAPPER.createObjectNode();
            values.forEach((k, v) -> document.put(k, k.equals(ConfigKeys.ACS_TOKEN) ? "*******" : v));
            Json.print(out(), document);
            return 0;
        }
        Table table = Table.of("NAME", "VALUE");
        values.forEach((k, v) -> table.row(k, (k.equals(ConfigKeys.ACS_TOKEN) ? "*******" : v)
                + (fromEnv.containsKey(k) ? "  (from " + fromEnv.get(k) + ")" : "")));
        table.print(out());
        return 0;
    }
}
