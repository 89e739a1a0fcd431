package dev.dcosnative.cli.common;

import dev.dcosnative.cli.api.MarathonApi;
import dev.dcosnative.cli.api.MesosApi;
import dev.dcosnative.cli.http.DcosClient;

import picocli.CommandLine.Mixin;

/** A command that talks to a cluster: adds {@code --cluster}. */
public abstract class ClusterCommandBase extends CommandBase {

    @Mixin
    ClusterMixin clusterMixin;

    protected DcosClient client() {
        return context().client();
    }

    protected MarathonApi marathon() {
        return context().marathon();
    }

    protected MesosApi mesos() {
        return context().mesos();
    }
}
