package dev.dcosnative.cli.cluster;

import dev.dcosnative.cli.common.CommandBase;
import dev.dcosnative.cli.store.ClusterConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dcos cluster attach <name|id>}. */
@Command(name = "attach", description = "Attach a configured cluster: later commands talk to it.")
public class ClusterAttachCommand extends CommandBase {

    @Parameters(paramLabel = "<name|id>", description = "The cluster's name, id, or a unique prefix of its id.")
    String cluster;

    @Override
    public Integer call() {
        ClusterConfig found = context().store().find(cluster);
        context().store().attach(found);
        out().println("Attached " + found.name() + " (" + found.id() + ")");
        return 0;
    }
}
