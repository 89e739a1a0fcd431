package dev.dcosnative.cli.auth;

import dev.dcosnative.cli.common.CliException;
import dev.dcosnative.cli.common.ClusterCommandBase;
import dev.dcosnative.cli.store.ClusterConfig;
import dev.dcosnative.cli.store.ConfigKeys;

import picocli.CommandLine.Command;

/** {@code dcos auth logout}: forgets the cluster's token. */
@Command(name = "logout", description = "Log out of the attached cluster: its token is removed from dcos.toml.")
public class AuthLogoutCommand extends ClusterCommandBase {

    @Override
    public Integer call() {
        ClusterConfig cluster = context().target().cluster()
                .orElseThrow(() -> new CliException("DCOS_URL names no configured cluster: nothing to log out of"));
        boolean had = cluster.unset(ConfigKeys.ACS_TOKEN);
        cluster.save();
        out().println(had ? "Logged out of " + cluster.name() : "Not logged in to " + cluster.name());
        return 0;
    }
}
