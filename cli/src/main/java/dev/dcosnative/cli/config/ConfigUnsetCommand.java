package dev.dcosnative.cli.config;

import dev.dcosnative.cli.common.CliException;
import dev.dcosnative.cli.common.ClusterCommandBase;
import dev.dcosnative.cli.store.ClusterConfig;
import dev.dcosnative.cli.store.ConfigKeys;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dcos config unset <name>}. */
@Command(name = "unset", description = "Remove a configuration key of the attached cluster.")
public class ConfigUnsetCommand extends ClusterCommandBase {

    @Parameters(paramLabel = "<name>", description = "The key, e.g. core.timeout.")
    String name;

    @Override
    public Integer call() {
        ConfigKeys.checkName(name);
        ClusterConfig cluster = context().target().cluster()
                .orElseThrow(() -> new CliException("DCOS_URL names no configured cluster"));
        if (!cluster.unset(name)) {
            throw new CliException("'" + name + "' is not set for " + cluster.name());
        }
        cluster.save();
        out().println("Removed [" + name + "]");
        return 0;
    }
}
