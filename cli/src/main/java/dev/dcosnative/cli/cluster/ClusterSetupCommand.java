package dev.dcosnative.cli.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.cli.auth.AuthLoginCommand;
import dev.dcosnative.cli.auth.Login;
import dev.dcosnative.cli.auth.LoginOptions;
import dev.dcosnative.cli.common.CliException;
import dev.dcosnative.cli.common.CommandBase;
import dev.dcosnative.cli.http.ApiResponse;
import dev.dcosnative.cli.http.DcosClient;
import dev.dcosnative.cli.store.ClusterConfig;
import dev.dcosnative.cli.store.ClusterTarget;
import dev.dcosnative.cli.store.ConfigKeys;
import dev.dcosnative.cli.store.ConfigStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dcos cluster setup <url>}: checks that the URL is a DC/OS cluster ({@code /dcos-metadata/dcos-version.json}),
 * logs in, learns the cluster's id ({@code /metadata}'s {@code CLUSTER_ID}) and name (Mesos' {@code cluster}), writes
 * {@code clusters/<id>/dcos.toml} and attaches the cluster.
 */
@Command(name = "setup", description = "Set up a cluster: check it, log in, store its configuration, attach it.")
public class ClusterSetupCommand extends CommandBase {

    @Parameters(paramLabel = "<url>", description = "The cluster's URL, e.g. https://dcos.example.com (https:// is "
            + "tried first when no scheme is given).")
    String url;

    @Option(names = "--name", paramLabel = "<name>", description = "The cluster's name in this CLI (default: the "
            + "cluster's own).")
    String name;

    @Option(names = "--insecure", description = "Do not verify the cluster's TLS certificate (core.ssl_verify=false).")
    boolean insecure;

    @Option(names = "--ca-certs", paramLabel = "<file>", description = "Verify the cluster's TLS certificate "
            + "against this PEM CA bundle (core.ssl_verify=<file>).")
    Path caCerts;

    @Option(names = "--no-check", description = "Accepted for compatibility: there is no CA fingerprint to confirm.")
    boolean noCheck;

    @Mixin
    LoginOptions login;

    @Override
    public Integer call() {
        if (insecure && caCerts != null) {
            throw usage("--insecure and --ca-certs exclude each other");
        }
        if (caCerts != null && !Files.isRegularFile(caCerts)) {
            throw usage("--ca-certs " + caCerts + ": no such file");
        }
        String sslVerify = insecure ? "false"
                : caCerts != null ? caCerts.toAbsolutePath().toString()
                        : context().env().get("DCOS_SSL_VERIFY").orElse("true");
        Reached reached = reach(url, sslVerify);
        String dcosUrl = reached.url();
        DcosClient client = reached.client();

        Login.Result result;
        Optional<String> setupToken = context().env().get("DCOS_CLUSTER_SETUP_ACS_TOKEN");
        if (setupToken.isPresent()) {
            result = new Login.Result(setupToken.get(), null, "DCOS_CLUSTER_SETUP_ACS_TOKEN");
        } else {
            result = new Login(client, dcosUrl, context().env(), err(), context().clock()).login(login);
        }
        DcosClient authorized = client.withToken(Optional.ofNullable(result.token()));

        String id = clusterId(authorized, dcosUrl, reached.version());
        ConfigStore store = context().store();
        ClusterConfig cluster = store.open(id);
        boolean existed = Files.exists(cluster.file());
        cluster.set(ConfigKeys.DCOS_URL, dcosUrl);
        if (result.token() != null) {
            cluster.set(ConfigKeys.ACS_TOKEN, result.token());
        } else {
            cluster.unset(ConfigKeys.ACS_TOKEN);
        }
        cluster.set(ConfigKeys.SSL_VERIFY, sslVerify);
        String clusterName = name != null ? name : clusterName(authorized, dcosUrl).orElse(cluster.name());
        cluster.set(ConfigKeys.CLUSTER_NAME, clusterName);
        cluster.save();
        store.attach(cluster);

        String version = reached.version().path("version").asText("?");
        out().println((existed ? "Updated" : "Set up") + " cluster " + clusterName + " (" + id + ", DC/OS " + version
                + ") at " + dcosUrl + " and attached it");
        if (result.token() != null) {
            out().println("Logged in" + AuthLoginCommand.describe(result));
        }
        return 0;
    }

    /** The URL reached and the version document it serves. */
    private record Reached(String url, DcosClient client, JsonNode version) {
    }

    private Reached reach(String given, String sslVerify) {
        String trimmed = ClusterTarget.normalize(given);
        if (trimmed.matches("(?i)https?://.*")) {
            return check(trimmed, sslVerify);
        }
        try {
            return check("https://" + trimmed, sslVerify);
        } catch (CliException https) {
            try {
                return check("http://" + trimmed, sslVerify);
            } catch (CliException http) {
                throw https;
            }
        }
    }

    private Reached check(String dcosUrl, String sslVerify) {
        if (!dcosUrl.matches("(?i)https?://[^/\\s]+(/\\S*)?")) {
            throw usage("'" + url + "' is not a URL");
        }
        DcosClient client = DcosClient.create(dcosUrl, Optional.empty(), sslVerify, ClusterTarget.DEFAULT_TIMEOUT);
        ApiResponse response = client.send("GET", dcosUrl + "/dcos-metadata/dcos-version.json", null, null);
        if (!response.ok()) {
            throw new CliException(dcosUrl + " does not look like a DC/OS cluster: GET /dcos-metadata/dcos-version.json "
                    + "answered " + response.status());
        }
        JsonNode version;
        try {
            version = response.json();
        } catch (CliException e) {
            throw new CliException(dcosUrl + " does not look like a DC/OS cluster: its "
                    + "/dcos-metadata/dcos-version.json is not JSON");
        }
        return new Reached(dcosUrl, client, version);
    }

    /** {@code /metadata}'s CLUSTER_ID; else the version document's bootstrap id; else a new UUID. */
    private static String clusterId(DcosClient client, String dcosUrl, JsonNode version) {
        ApiResponse metadata = client.send("GET", dcosUrl + "/metadata", null, null);
        if (metadata.ok()) {
            try {
                String id = metadata.json().path("CLUSTER_ID").asText("");
                if (id.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                    return id;
                }
            } catch (CliException e) {
                // not JSON: fall back
            }
        }
        String bootstrap = version.path("bootstrap-id").asText("");
        return bootstrap.matches("[A-Za-z0-9][A-Za-z0-9._-]*") ? bootstrap : UUID.randomUUID().toString();
    }

    /** The name Mesos knows the cluster by ({@code /mesos/master/state-summary}'s {@code cluster}). */
    private static Optional<String> clusterName(DcosClient client, String dcosUrl) {
        try {
            ApiResponse summary = client.send("GET", dcosUrl + "/mesos/master/state-summary", null, null);
            if (summary.ok()) {
                return Optional.of(summary.json().path("cluster").asText("")).filter(n -> !n.isBlank());
            }
        } catch (CliException e) {
            // no name: the id will do
        }
        return Optional.empty();
    }
}
