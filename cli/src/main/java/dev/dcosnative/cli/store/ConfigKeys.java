package dev.dcosnative.cli.store;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.dcosnative.cli.common.CliException;

/**
 * The configuration keys of {@code dcos.toml} (reference §10), their types, and the environment variable that
 * overrides each: {@code core.<name>} is {@code DCOS_<NAME>} without a leading {@code dcos_}
 * ({@code core.dcos_url} → {@code DCOS_URL}, {@code core.ssl_verify} → {@code DCOS_SSL_VERIFY}), other sections are
 * {@code DCOS_<SECTION>_<NAME>} ({@code marathon.url} → {@code DCOS_MARATHON_URL}).
 */
public final class ConfigKeys {

    public static final String DCOS_URL = "core.dcos_url";
    public static final String ACS_TOKEN = "core.dcos_acs_token";
    public static final String SSL_VERIFY = "core.ssl_verify";
    public static final String TIMEOUT = "core.timeout";
    public static final String MESOS_MASTER_URL = "core.mesos_master_url";
    public static final String CLUSTER_NAME = "cluster.name";
    public static final String MARATHON_URL = "marathon.url";

    /** How a key's value is checked and stored. */
    public enum Type {
        STRING,
        URL,
        SECRET,
        BOOLEAN,
        INTEGER,
        /** {@code true}, {@code false}, or the path of a CA certificate file. */
        SSL_VERIFY
    }

    /** One known key. */
    public record Key(String name, Type type, String description) {
    }

    public static final List<Key> KEYS = List.of(
            new Key(DCOS_URL, Type.URL, "the cluster's URL (its edge), e.g. https://dcos.example.com"),
            new Key(ACS_TOKEN, Type.SECRET, "the login token sent as 'Authorization: token=...' (dcos auth login)"),
            new Key(SSL_VERIFY, Type.SSL_VERIFY, "verify the cluster's TLS certificate: true, false, or a CA file"),
            new Key(TIMEOUT, Type.INTEGER, "seconds to wait for an answer from the cluster (default 30)"),
            new Key("core.ssh_user", Type.STRING, "the user for SSH to nodes"),
            new Key("core.ssh_proxy_ip", Type.STRING, "a host to proxy SSH through"),
            new Key("core.pagination", Type.BOOLEAN, "page long output"),
            new Key("core.reporting", Type.BOOLEAN, "send usage reports (never done by this CLI)"),
            new Key("core.prompt_login", Type.BOOLEAN, "prompt for a login when the token has expired"),
            new Key(MESOS_MASTER_URL, Type.URL, "the Mesos master's URL (default <dcos_url>/mesos)"),
            new Key(CLUSTER_NAME, Type.STRING, "the cluster's name in 'dcos cluster list'"),
            new Key(MARATHON_URL, Type.URL, "Marathon's URL (default <dcos_url>/service/marathon)"),
            new Key("package.cosmos_url", Type.URL, "the package manager's URL (default <dcos_url>)"),
            new Key("job.url", Type.URL, "Metronome's URL (default <dcos_url>/service/metronome)"),
            new Key("job.service_name", Type.STRING, "Metronome's service name (default metronome)"));

    private ConfigKeys() {
    }

    public static Optional<Key> find(String name) {
        return KEYS.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    /** The environment variable that overrides {@code key}. */
    public static String envName(String key) {
        int dot = key.indexOf('.');
        String section = key.substring(0, dot);
        String name = key.substring(dot + 1);
        if (section.equals("core")) {
            return "DCOS_" + (name.startsWith("dcos_") ? name.substring(5) : name).toUpperCase(Locale.ROOT);
        }
        return ("DCOS_" + section + "_" + name).toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** Checks a key's spelling: {@code section.name}. */
    public static void checkName(String key) {
        if (!key.matches("[a-z0-9_-]+(\\.[a-z0-9_-]+)+")) {
            throw new CliException("'" + key + "' is not a configuration key: keys are <section>.<name>, "
                    + "e.g. core.dcos_url (see 'dcos config keys')");
        }
    }

    /** {@code raw} as the value stored for {@code key}: checked, and typed as the key's type wants. */
    public static JsonNode parse(String key, String raw) {
        checkName(key);
        Type type = find(key).map(Key::type).orElse(Type.STRING);
        return switch (type) {
            case BOOLEAN -> switch (raw.toLowerCase(Locale.ROOT)) {
                case "true" -> BooleanNode.TRUE;
                case "false" -> BooleanNode.FALSE;
                default -> throw new CliException(key + " must be true or false, not '" + raw + "'");
            };
            case INTEGER -> {
                try {
                    int value = Integer.parseInt(raw.trim());
                    if (value < 0) {
                        throw new NumberFormatException();
                    }
                    yield IntNode.valueOf(value);
                } catch (NumberFormatException e) {
                    throw new CliException(key + " must be a whole number of seconds, not '" + raw + "'");
                }
            }
            case URL -> {
                String url = raw.trim();
                if (!url.matches("(?i)https?://[^/\\s]+(/\\S*)?")) {
                    throw new CliException(key + " must be an http:// or https:// URL, not '" + raw + "'");
                }
                yield TextNode.valueOf(url.replaceAll("/+$", ""));
            }
            case SSL_VERIFY -> TextNode.valueOf(switch (raw.trim().toLowerCase(Locale.ROOT)) {
                case "true", "false" -> raw.trim().toLowerCase(Locale.ROOT);
                default -> raw.trim();
            });
            default -> TextNode.valueOf(raw);
        };
    }
}
