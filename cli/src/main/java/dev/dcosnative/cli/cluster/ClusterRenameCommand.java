package dev.dcosnative.cli.cluster;

import dev.dcosnative.cli.common.CliException;
import dev.dcosnative.cli.common.CommandBase;
import dev.dcosnative.cli.store.ClusterConfig;
import dev.dcosnative.cli.store.ConfigKeys;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dcos cluster rename <name|id> <new-name>}. */
@Command(name = "rename", description = "Rename a configured cluster (cluster.name).")
public class ClusterRenameCommand extends CommandBase {

    @Parameters(index = "0", paramLabel = "<name|id>", description = "The cluster to rename.")
    String cluster;

    @Parameters(index = "1", paramLabel = "<new-name>", description = "Its new name.")
    String newName;

    @Override
    public Integer call() {
        if (newName.isBlank()) {
            throw usage("The new name is empty");
        }
        ClusterConfig found = context().store().find(cluster);
        if (context().store().clusters().stream().anyMatch(c -> !c.id().equals(found.id())
                && c.name().equals(newName))) {
            throw new CliException("Another cluster is already named '" + newName + "'");
        }
        String old = found.name();
        found.set(ConfigKeys.CLUSTER_NAME, newName);
        found.save();
        out().println("Renamed " + old + " to " + newName);
        return 0;
    }
}
