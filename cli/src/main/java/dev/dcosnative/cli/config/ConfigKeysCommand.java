package dev.dcosnative.cli.config;

import com.fasterxml.jackson.databind.node.ArrayNode;

import dev.dcosnative.cli.common.CommandBase;
import dev.dcosnative.cli.common.JsonMixin;
import dev.dcosnative.cli.output.Json;
import dev.dcosnative.cli.output.Table;
import dev.dcosnative.cli.store.ConfigKeys;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code dcos config keys}: the keys the CLI knows, with their environment variables. */
@Command(name = "keys", description = "List the configuration keys, what they mean and their environment variables.")
public class ConfigKeysCommand extends CommandBase {

    @Mixin
    JsonMixin json;

    @Override
    public Integer call() {
        if (json.json()) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            ConfigKeys.KEYS.forEach(k -> array.addObject().put("name", k.name())
                    .put("type", k.type().name().toLowerCase()).put("env", ConfigKeys.envName(k.name()))
                    .put("description", k.description()));
            Json.print(out(), array);
            return 0;
        }
        Table table = Table.of("NAME", "ENVIRONMENT", "DESCRIPTION");
        ConfigKeys.KEYS.forEach(k -> table.row(k.name(), ConfigKeys.envName(k.name()), k.description()));
        table.print(out());
        return 0;
    }
}
