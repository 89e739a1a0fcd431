package dev.dcosnative.cli.auth;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import dev.dcosnative.cli.common.CliException;
import dev.dcosnative.cli.common.ClusterCommandBase;
import dev.dcosnative.cli.store.ClusterConfig;
import dev.dcosnative.cli.store.ClusterTarget;
import dev.dcosnative.cli.store.ConfigKeys;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code dcos auth login}: logs in to the cluster and keeps the token in its {@code dcos.toml} (mode 0600). */
@Command(name = "login", description = { "Log in to the attached cluster and keep the token for later commands.",
        "With --private-key a service account logs in; with an OpenID Connect provider the CLI prints the URL to "
                + "open in a browser. Without options the cluster's providers (or its 401 challenge) decide." })
public class AuthLoginCommand extends ClusterCommandBase {

    @Mixin
    LoginOptions login;

    @Override
    public Integer call() {
        ClusterTarget target = context().target();
        ClusterConfig cluster = target.cluster().orElseThrow(() -> new CliException("DCOS_URL names no configured "
                + "cluster, so there is nowhere to keep a token: run 'dcos cluster setup " + target.dcosUrl() + "'"));
        Login.Result result = new Login(client(), target.dcosUrl(), context().env(), err(), context().clock())
                .login(login);
        if (result.token() == null) {
            out().println(cluster.name() + " does not require a login");
            return 0;
        }
        cluster.set(ConfigKeys.ACS_TOKEN, result.token());
        cluster.save();
        out().println("Logged in to " + cluster.name() + describe(result));
        return 0;
    }

    /** " as <uid> (until <expiry>)" for a login's token. */
    public static String describe(Login.Result result) {
        Jwt jwt = Jwt.parse(result.token());
        String who = jwt.uid().or(() -> java.util.Optional.ofNullable(result.uid())).map(u -> " as " + u).orElse("");
        String until = jwt.expires().map(e -> " (until " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")
                .format(e.atZone(ZoneId.systemDefault())) + ")").orElse("");
        return who + until;
    }
}
