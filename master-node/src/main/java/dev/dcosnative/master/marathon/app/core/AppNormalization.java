package dev.dcosnative.master.marathon.app.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.App.Artifact;
import dev.dcosnative.shared.marathon.App.Network;
import dev.dcosnative.shared.marathon.App.PortDefinition;
import dev.dcosnative.shared.marathon.App.UpgradeStrategy;
import dev.dcosnative.shared.marathon.AppContainer;
import dev.dcosnative.shared.marathon.AppContainer.PortMapping;
import dev.dcosnative.shared.marathon.HealthCheckSpec;
import dev.dcosnative.shared.marathon.PathId;
import dev.dcosnative.shared.marathon.ReadinessCheckSpec;
import dev.dcosnative.shared.marathon.UnreachableStrategy;

/**
 * Turns an app as a client sent it into the app as Marathon stores and shows it (Marathon's
 * {@code AppNormalization}): the id and dependencies made absolute, every default filled in, and deprecated
 * spellings moved to their current place ({@code uris} → {@code fetch}, {@code ports} → {@code portDefinitions},
 * {@code container.docker.portMappings} → {@code container.portMappings}, {@code container.docker.network} →
 * {@code networks}). Ports follow the networks as in Marathon: port definitions only under host networking, port
 * mappings (one {@code default} mapping unless given) otherwise, {@code requirePorts} only for host networking.
 * Accepted resource roles are kept to {@code *} and the app's role, as Marathon 1.9 sanitizes them; resident apps
 * (with persistent volumes) default to upgrading in place and to ignoring unreachable agents. Runs before
 * {@code AppValidation}; a normalized app has no null field but {@code cmd}, {@code args}, {@code user},
 * {@code container}, {@code check}, {@code taskKillGracePeriodSeconds} and the kept-as-given JSON ones. Version
 * fields are left to the caller.
 */
public final class AppNormalization {

    public static final int DEFAULT_INSTANCES = 1;
    public static final double DEFAULT_CPUS = 1;
    public static final double DEFAULT_MEM = 128;
    public static final int DEFAULT_BACKOFF_SECONDS = 1;
    public static final double DEFAULT_BACKOFF_FACTOR = 1.15;
    public static final int DEFAULT_MAX_LAUNCH_DELAY_SECONDS = 300;

    private AppNormalization() {
    }

    /** The app normalized, its relative id resolved against {@code base} (the group it is created in). */
    public static App normalize(App app, PathId base, AppDefaults defaults) {
        PathId id = PathId.of(app.id() == null ? "" : app.id()).canonical(base);
        List<Network> networks = networks(app, defaults);
        boolean host = networks.stream().allMatch(n -> "host".equals(n.mode()));
        AppContainer container = container(app.container(), networks);
        boolean resident = isResident(app);
        String role = app.role() == null || app.role().isBlank() ? defaults.role() : app.role();
        return new App(
                id.toString(),
                app.cmd(),
                app.args(),
                app.user(),
                orEmpty(app.env()),
                or(app.instances(), DEFAULT_INSTANCES),
                or(app.cpus(), DEFAULT_CPUS),
                or(app.mem(), DEFAULT_MEM),
                or(app.disk(), 0.0),
                or(app.gpus(), 0),
                or(app.executor(), ""),
                orEmpty(app.constraints()),
                null,
                fetch(app),
                orEmpty(app.storeUrls()),
                or(app.backoffSeconds(), DEFAULT_BACKOFF_SECONDS),
                or(app.backoffFactor(), DEFAULT_BACKOFF_FACTOR),
                or(app.maxLaunchDelaySeconds(), DEFAULT_MAX_LAUNCH_DELAY_SECONDS),
                container,
                orEmpty(app.healthChecks()).stream().map(AppNormalization::healthCheck).toList(),
                app.check(),
                orEmpty(app.readinessChecks()).stream().map(AppNormalization::readinessCheck).toList(),
                orEmpty(app.dependencies()).stream().map(d -> PathId.of(d).canonical(id.parent()).toString())
                        .toList(),
                upgradeStrategy(app.upgradeStrategy(), resident),
                orEmpty(app.labels()),
                acceptedResourceRoles(app.acceptedResourceRoles(), defaults, role),
                app.ipAddress(),
                app.version(),
                app.residency(),
                orEmpty(app.secrets()),
                app.taskKillGracePeriodSeconds(),
                app.versionInfo(),
                or(app.killSelection(), App.KillSelection.YOUNGEST_FIRST),
                unreachableStrategy(app.unreachableStrategy(), resident),
                or(app.tty(), false),
                role,
                host && or(app.requirePorts(), false),
                networks,
                host ? portDefinitions(app) : List.of(),
                null,
                app.resourceLimits(),
                app.executorResources());
    }

    private static List<Network> networks(App app, AppDefaults defaults) {
        if (app.networks() != null && !app.networks().isEmpty()) {
            return app.networks().stream().map(n -> network(n, defaults)).toList();
        }
        String legacy = app.container() == null || app.container().docker() == null ? null
                : app.container().docker().network();
        if (legacy == null) {
            return List.of(new Network("host", null, null));
        }
        return switch (legacy) {
            case "BRIDGE" -> List.of(new Network("container/bridge", null, null));
            case "USER" -> List.of(new Network("container", defaults.defaultNetworkName(), null));
            default -> List.of(new Network("host", null, null));
        };
    }

    /** A network's mode defaults to {@code container}; an unnamed container network joins the default network. */
    private static Network network(Network network, AppDefaults defaults) {
        String mode = network.mode() == null ? "container" : network.mode();
        String name = network.name() == null && mode.equals("container") ? defaults.defaultNetworkName()
                : network.name();
        return new Network(mode, name, network.labels());
    }

    /**
     * The container with its port mappings in their current place: none when a host network is among the networks
     * (Marathon drops them then); the one {@code default} mapping when a non-host app gives none; host ports 0 under
     * bridge networking. A non-host app without a container gets an empty MESOS one (as Marathon does), so that it
     * has that default mapping.
     */
    private static AppContainer container(AppContainer given, List<Network> networks) {
        boolean bridge = networks.stream().anyMatch(n -> "container/bridge".equals(n.mode()));
        boolean host = networks.stream().anyMatch(n -> "host".equals(n.mode()));
        if (given == null && host) {
            return null;
        }
        AppContainer container = given == null ? new AppContainer("MESOS", null, null, null, null) : given;
        List<PortMapping> mappings = container.portMappings();
        if (mappings == null && container.docker() != null) {
            mappings = container.docker().portMappings();
        }
        if (mappings == null) {
            mappings = List.of(new PortMapping(0, null, 0, "tcp", "default", null, null));
        }
        List<PortMapping> normalized = host ? null
                : orEmpty(mappings).stream().map(m -> new PortMapping(or(m.containerPort(), 0),
                        m.hostPort() == null && bridge ? Integer.valueOf(0) : m.hostPort(),
                        or(m.servicePort(), 0), or(m.protocol(), "tcp"), m.name(), orEmpty(m.labels()),
                        orEmpty(m.networkNames()))).toList();
        AppContainer.Docker docker = container.docker() == null ? null
                : new AppContainer.Docker(container.docker().image(),
                        or(container.docker().forcePullImage(), false), or(container.docker().privileged(), false),
                        orEmpty(container.docker().parameters()), null, null, container.docker().credential(),
                        container.docker().pullConfig());
        return new AppContainer(or(container.type(), "DOCKER"), docker, normalized, orEmpty(container.volumes()),
                container.linuxInfo());
    }

    private static List<PortDefinition> portDefinitions(App app) {
        if (app.portDefinitions() != null) {
            return app.portDefinitions().stream().map(p -> new PortDefinition(or(p.port(), 0),
                    or(p.protocol(), "tcp"), p.name(), orEmpty(p.labels()))).toList();
        }
        if (app.ports() != null) {
            return app.ports().stream().map(p -> new PortDefinition(p, "tcp", null, Map.<String, String> of()))
                    .toList();
        }
        return List.of(new PortDefinition(0, "tcp", "default", Map.of()));
    }

    private static List<Artifact> fetch(App app) {
        List<Artifact> fetch = new ArrayList<>();
        for (Artifact artifact : orEmpty(app.fetch())) {
            fetch.add(new Artifact(artifact.uri(), or(artifact.executable(), false), or(artifact.extract(), true),
                    or(artifact.cache(), false), artifact.destPath()));
        }
        for (String uri : orEmpty(app.uris())) {
            fetch.add(new Artifact(uri, false, isArchive(uri), false, null));
        }
        return fetch;
    }

    /** Marathon extracts a legacy {@code uris} entry only when it names an archive ({@code FetchUri.isExtract}). */
    private static boolean isArchive(String uri) {
        return List.of(".tgz", ".tar.gz", ".tbz2", ".tar.bz2", ".txz", ".tar.xz", ".zip").stream()
                .anyMatch(uri::endsWith);
    }

    private static HealthCheckSpec healthCheck(HealthCheckSpec check) {
        String protocol = or(check.protocol(), "HTTP");
        boolean http = protocol.endsWith("HTTP") || protocol.endsWith("HTTPS");
        boolean command = protocol.equals("COMMAND");
        Integer portIndex = check.portIndex();
        if (portIndex == null && check.port() == null && !command) {
            portIndex = 0;
        }
        return new HealthCheckSpec(protocol, http ? or(check.path(), "/") : null, portIndex, check.port(),
                check.command(), or(check.gracePeriodSeconds(), 300), or(check.intervalSeconds(), 60),
                or(check.timeoutSeconds(), 20), or(check.maxConsecutiveFailures(), 3), or(check.delaySeconds(), 15),
                or(check.ignoreHttp1xx(), false), or(check.ipProtocol(), "IPv4"));
    }

    private static ReadinessCheckSpec readinessCheck(ReadinessCheckSpec check) {
        return new ReadinessCheckSpec(or(check.name(), "readinessCheck"), or(check.protocol(), "HTTP"),
                or(check.path(), "/"), or(check.portName(), "http-api"), or(check.intervalSeconds(), 30),
                or(check.timeoutSeconds(), 10), orEmpty(check.httpStatusCodesForReady()).isEmpty() ? List.of(200)
                        : check.httpStatusCodesForReady(),
                or(check.preserveLastResponse(), false));
    }

    /** Defaults 1/1; for resident apps (persistent volumes) 0.5/0, as they cannot run more instances than volumes. */
    private static UpgradeStrategy upgradeStrategy(UpgradeStrategy strategy, boolean resident) {
        double minimum = resident ? 0.5 : 1.0;
        double maximum = resident ? 0.0 : 1.0;
        return strategy == null ? new UpgradeStrategy(minimum, maximum)
                : new UpgradeStrategy(or(strategy.minimumHealthCapacity(), minimum),
                        or(strategy.maximumOverCapacity(), maximum));
    }

    /**
     * The roles given, or the defaults, without repeats, kept to {@code *} and the app's role ({@code ["*"]} if
     * nothing is left): Marathon 1.9 sanitizes them so by default instead of refusing the app.
     */
    private static List<String> acceptedResourceRoles(List<String> given, AppDefaults defaults, String role) {
        List<String> roles = given == null || given.isEmpty() ? defaults.acceptedResourceRoles() : given;
        List<String> kept = roles.stream().filter(r -> r.equals("*") || r.equals(role)).distinct().toList();
        return kept.isEmpty() ? List.of("*") : kept;
    }

    private static UnreachableStrategy unreachableStrategy(UnreachableStrategy strategy, boolean resident) {
        if (strategy == null) {
            return resident ? UnreachableStrategy.DISABLED : UnreachableStrategy.enabled(0, 0);
        }
        if (strategy.disabled()) {
            return strategy;
        }
        return UnreachableStrategy.enabled(or(strategy.inactiveAfterSeconds(), 0L),
                or(strategy.expungeAfterSeconds(), 0L));
    }

    /** An app with a persistent volume keeps its tasks on their agents (Marathon's resident apps). */
    static boolean isResident(App app) {
        return app.container() != null && orEmpty(app.container().volumes()).stream()
                .anyMatch(volume -> volume != null && volume.path("persistent").isObject());
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
