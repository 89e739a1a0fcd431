package dev.dcosnative.cli.cluster;

import java.util.ArrayList;
import java.util.List;

import dev.dcosnative.cli.common.CommandBase;
import dev.dcosnative.cli.store.ClusterConfig;
import dev.dcosnative.cli.store.ConfigStore;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dcos cluster remove <name|id> | --all | --unavailable}. */
@Command(name = "remove", description = "Remove clusters from this CLI's configuration (the clusters keep running).")
public class ClusterRemoveCommand extends CommandBase {

    static class Which {
        @Parameters(paramLabel = "<name|id>", description = "The cluster to remove.")
        String cluster;

        @Option(names = "--all", required = true, description = "Remove every configured cluster.")
        boolean all;

        @Option(names = "--unavailable", required = true, description = "Remove the clusters that do not answer.")
        boolean unavailable;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    @Override
    public Integer call() {
        ConfigStore store = context().store();
        List<ClusterConfig> doomed = new ArrayList<>();
        if (which.cluster != null) {
            doomed.add(store.find(which.cluster));
        } else if (which.all) {
            doomed.addAll(store.clusters());
        } else {
            store.clusters().stream().filter(c -> !ClusterListCommand.available(c)).forEach(doomed::add);
        }
        for (ClusterConfig cluster : doomed) {
            store.remove(cluster);
            out().println("Removed " + cluster.name() + " (" + cluster.id() + ")");
        }
        if (doomed.isEmpty()) {
            out().println("No cluster to remove");
        }
        return 0;
    }
}
