package dev.dcosnative.cli.config;

import java.util.UUID;

import dev.dcosnative.cli.common.CliException;
import dev.dcosnative.cli.common.ClusterCommandBase;
import dev.dcosnative.cli.store.ClusterConfig;
import dev.dcosnative.cli.store.ConfigKeys;
import dev.dcosnative.cli.store.ConfigStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dcos config set <name> <value>}. */
@Command(name = "set", description = { "Set a configuration key of the attached cluster.",
        "Without any configured cluster, setting core.dcos_url creates one (prefer 'dcos cluster setup')." })
public class ConfigSetCommand extends ClusterCommandBase {

    @Parameters(index = "0", paramLabel = "<name>", description = "The key, e.g. core.timeout ('dcos config keys').")
    String name;

    @Parameters(index = "1", paramLabel = "<value>", description = "Its value.")
    String value;

    @Override
    public Integer call() {
        var parsed = ConfigKeys.parse(name, value);
        ConfigStore store = context().store();
        ClusterConfig cluster;
        if (name.equals(ConfigKeys.DCOS_URL) && store.clusters().isEmpty()) {
            cluster = store.open(UUID.randomUUID().toString());
            store.attach(cluster);
        } else {
            cluster = context().target().cluster().orElseThrow(() -> new CliException(
                    "DCOS_URL names no configured cluster: set one up with 'dcos cluster setup <url>'"));
        }
        String old = cluster.get(name).orElse(null);
        cluster.set(name, parsed);
        cluster.save();
        String shown = name.equals(ConfigKeys.ACS_TOKEN) ? "*******" : parsed.asText();
        out().println(old == null ? "[" + name + "]: set to '" + shown + "'"
                : "[" + name + "]: changed" + (name.equals(ConfigKeys.ACS_TOKEN) ? "" : " from '" + old + "'")
                        + " to '" + shown + "'");
        String env = ConfigKeys.envName(name);
        if (context().env().get(env).isPresent()) {
            err().println("Note: " + env + " is set in the environment and overrides " + name);
        }
        return 0;
    }
}
