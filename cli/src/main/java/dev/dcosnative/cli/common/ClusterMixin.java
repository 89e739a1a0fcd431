package dev.dcosnative.cli.common;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --cluster <name|id>}: the configured cluster to talk to, instead of {@code DCOS_CLUSTER} or the attached
 * one.
 */
public class ClusterMixin {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--cluster", paramLabel = "<name|id>", description = "Talk to this configured cluster instead of the attached one (or DCOS_CLUSTER).")
    void setCluster(String cluster) {
        if (cluster != null && mixee.root().userObject() instanceof ContextHolder holder) {
            holder.context().clusterSelection(cluster);
        }
    }
}
