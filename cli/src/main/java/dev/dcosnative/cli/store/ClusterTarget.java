package dev.dcosnative.cli.store;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.dcosnative.cli.common.CliEnvironment;
import dev.dcosnative.cli.common.CliException;

/**
 * The cluster a command talks to and its effective settings: the selected cluster's {@code dcos.toml} with the
 * environment's overrides ({@link ConfigKeys#envName}) on top.
 * <p>
 * Selection, first match wins: {@code --cluster}, then {@code DCOS_CLUSTER} (a name or id), then {@code DCOS_URL}
 * (the configured cluster with that URL, or an unconfigured one with only that URL and no token — a token is never
 * sent to a URL it was not issued for), then the attached cluster, then the only configured one.
 */
public final class ClusterTarget {

    /** How long a request may take when {@code core.timeout} is not set. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Optional<ClusterConfig> cluster;
    private final Map<String, String> values;

    private ClusterTarget(Optional<ClusterConfig> cluster, Map<String, String> values) {
        this.cluster = cluster;
        this.values = values;
    }

    /** The target for {@code selection} (the {@code --cluster} option, may be null). */
    public static ClusterTarget resolve(CliEnvironment env, ConfigStore store, String selection) {
        Optional<String> chosen = Optional.ofNullable(selection).filter(s -> !s.isBlank())
                .or(() -> env.get("DCOS_CLUSTER"));
        if (chosen.isPresent()) {
            return of(env, Optional.of(store.find(chosen.get())));
        }
        Optional<String> url = env.get("DCOS_URL");
        if (url.isPresent()) {
            String wanted = normalize(url.get());
            return of(env, store.clusters().stream()
                    .filter(c -> c.get(ConfigKeys.DCOS_URL).map(ClusterTarget::normalize).orElse("").equals(wanted))
                    .findFirst());
        }
        Optional<ClusterConfig> attached = store.attached();
        if (attached.isPresent()) {
            return of(env, attached);
        }
        List<ClusterConfig> clusters = store.clusters();
        if (clusters.size() == 1) {
            return of(env, Optional.of(clusters.get(0)));
        }
        if (clusters.isEmpty()) {
            throw new CliException("No cluster is set up: run 'dcos cluster setup <url>' (or set DCOS_URL)");
        }
        throw new CliException("No cluster is attached: run 'dcos cluster attach <name>' ('dcos cluster list' "
                + "shows the " + clusters.size() + " configured clusters)");
    }

    /** A target on a cluster's configuration with the environment on top. */
    public static ClusterTarget of(CliEnvironment env, Optional<ClusterConfig> cluster) {
        Map<String, String> values = new LinkedHashMap<>(cluster.map(ClusterConfig::values).orElse(Map.of()));
        for (ConfigKeys.Key key : ConfigKeys.KEYS) {
            env.get(ConfigKeys.envName(key.name())).ifPresent(v -> values.put(key.name(), v));
        }
        return new ClusterTarget(cluster, values);
    }

    public Optional<ClusterConfig> cluster() {
        return cluster;
    }

    /** The cluster's name for messages. */
    public String label() {
        return cluster.map(ClusterConfig::name).orElseGet(() -> get(ConfigKeys.DCOS_URL).orElse("the cluster"));
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isEmpty());
    }

    /** {@code core.dcos_url}, without a trailing slash. */
    public String dcosUrl() {
        return get(ConfigKeys.DCOS_URL).map(ClusterTarget::normalize).orElseThrow(() -> new CliException(
                "core.dcos_url is not set for " + label() + ": run 'dcos cluster setup <url>' or "
                        + "'dcos config set core.dcos_url <url>'"));
    }

    public Optional<String> token() {
        return get(ConfigKeys.ACS_TOKEN);
    }

    /** {@code core.ssl_verify}: {@code true} (the default), {@code false}, or a CA certificate file. */
    public String sslVerify() {
        return get(ConfigKeys.SSL_VERIFY).orElse("true");
    }

    public Duration timeout() {
        return get(ConfigKeys.TIMEOUT).map(t -> {
            try {
                long seconds = Long.parseLong(t.trim());
                return seconds <= 0 ? DEFAULT_TIMEOUT : Duration.ofSeconds(seconds);
            } catch (NumberFormatException e) {
                throw new CliException("core.timeout must be a whole number of seconds, not '" + t + "'");
            }
        }).orElse(DEFAULT_TIMEOUT);
    }

    /** Marathon's base URL: {@code marathon.url}, or {@code <dcos_url>/service/marathon}. */
    public String marathonUrl() {
        return get(ConfigKeys.MARATHON_URL).map(ClusterTarget::normalize).orElseGet(() -> dcosUrl()
                + "/service/marathon");
    }

    /** The leading Mesos master's base URL: {@code core.mesos_master_url}, or {@code <dcos_url>/mesos}. */
    public String mesosUrl() {
        return get(ConfigKeys.MESOS_MASTER_URL).map(ClusterTarget::normalize).orElseGet(() -> dcosUrl() + "/mesos");
    }

    /** A URL without trailing slashes. */
    public static String normalize(String url) {
        return url.trim().replaceAll("/+$", "");
    }
}
