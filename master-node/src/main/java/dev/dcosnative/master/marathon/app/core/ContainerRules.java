package dev.dcosnative.master.marathon.app.core;

import static dev.dcosnative.master.marathon.app.core.AppValidation.list;
import static dev.dcosnative.master.marathon.app.core.AppValidation.map;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.App.Network;
import dev.dcosnative.shared.marathon.App.PortDefinition;
import dev.dcosnative.shared.marathon.AppContainer;
import dev.dcosnative.shared.marathon.AppContainer.PortMapping;

/**
 * The rules on an app's container, its networks and its ports ({@code AppValidation.validContainer},
 * {@code NetworkValidation}, {@code Container.PortMapping} and {@code PortDefinitions} upstream).
 */
final class ContainerRules {

    /** RAML's {@code LegacyName}: port names. */
    static final Pattern LEGACY_NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    /** A network name (the reference's pattern: Marathon 1.10 allows underscores), at most 63 characters. */
    static final Pattern NETWORK_NAME = Pattern.compile("^[a-z0-9]([-a-z0-9_]*[a-z0-9])?$");

    static final String NETWORK_NAME_FORMAT = "must contain only alphanumeric chars or hyphens, and must begin with a"
            + " letter";
    static final String NETWORK_NAME_REQUIRED = "Network name must be specified when container network is selected.";
    static final String HOST_NETWORK_NAMED = "Host networks may not have names or labels";
    static final String BRIDGE_NETWORK_NAMED = "Bridge networks may not have names";
    static final String DUPLICATE_NETWORKS = "Duplicate networks are not allowed";
    static final String NETWORK_MIX = "May specify a single host network, single bridge network, or else 1-to-n"
            + " container networks";
    static final String DOCKER_SINGLE_NETWORK = "may only specify a single container network when using the Docker"
            + " container engine";
    static final String NETWORK_NAME_FOR_HOST_PORT = "networkNames must be a single item list when hostPort is"
            + " specified and more than 1 container network is defined";
    static final String MAPPINGS_WITH_HOST = "portMappings are not allowed with host-networking";
    static final String DEFINITIONS_WITHOUT_HOST = "portDefinitions are only allowed with host-networking";
    static final String BRIDGE_HOST_PORT = "hostPort is required for BRIDGE mode.";
    static final String UNIQUE_PORT_NAMES = "Port names must be unique.";
    static final String UNIQUE_PORTS = "Ports must be unique.";
    static final String UNIQUE_PROTOCOLS = "protocols must be unique.";
    static final String PULL_CONFIG_WITH_DOCKER = "pullConfig is not supported with Docker containerizer";
    static final String PULL_CONFIG_SECRET = "pullConfig.secret must refer to an existing secret";
    static final String VOLUME_SECRET = "volume.secret must refer to an existing secret";

    private static final List<String> ENGINES = List.of("MESOS", "DOCKER");
    private static final List<String> MODES = List.of("container", "container/bridge", "host");
    private static final List<String> PROTOCOLS = List.of("tcp", "udp");

    private ContainerRules() {
    }

    static void container(App app, Violations violations) {
        AppContainer container = app.container();
        if (container == null) {
            return;
        }
        if (container.type() != null && !ENGINES.contains(container.type())) {
            violations.add("/container/type", Messages.notOneOf(ENGINES));
        }
        if ("DOCKER".equals(container.type())) {
            dockerEngine(container.docker(), violations);
        } else if ("MESOS".equals(container.type()) && container.docker() != null) {
            mesosEngine(app, container.docker(), violations);
        }
        List<JsonNode> volumes = list(container.volumes());
        for (int i = 0; i < volumes.size(); i++) {
            JsonNode secret = volumes.get(i) == null ? null : volumes.get(i).get("secret");
            if (secret != null && secret.isTextual() && !map(app.secrets()).containsKey(secret.textValue())) {
                violations.add("/container/volumes(" + i + ")", VOLUME_SECRET);
            }
        }
        if (container.portMappings() != null) {
            portMappings(app.networks(), container.portMappings(), violations);
        }
    }

    /** The Docker containerizer needs an image, and takes neither pull configs nor (long gone) credentials. */
    private static void dockerEngine(AppContainer.Docker docker, Violations violations) {
        if (docker == null) {
            violations.add("/container/docker", Messages.NOT_DEFINED);
            return;
        }
        if (docker.image() == null || docker.image().isEmpty()) {
            violations.add("/container/docker/image", Messages.NOT_EMPTY);
        }
        if (docker.pullConfig() != null && !docker.pullConfig().isNull()) {
            violations.add("/container/docker/pullConfig", PULL_CONFIG_WITH_DOCKER);
        }
        if (docker.credential() != null && !docker.credential().isNull()) {
            violations.add("/container/docker/credential", Messages.MUST_BE_EMPTY);
        }
    }

    /** A Docker image under the Mesos containerizer: an image, a pull config naming a secret, no Docker extras. */
    private static void mesosEngine(App app, AppContainer.Docker docker, Violations violations) {
        if (docker.image() == null || docker.image().isEmpty()) {
            violations.add("/container/docker/image", Messages.NOT_EMPTY);
        }
        JsonNode pullConfig = docker.pullConfig();
        if (pullConfig != null && !pullConfig.isNull()
                && !map(app.secrets()).containsKey(pullConfig.path("secret").asText(null))) {
            violations.add("/container/docker/pullConfig", PULL_CONFIG_SECRET);
        }
        if (docker.credential() != null && !docker.credential().isNull()) {
            violations.add("/container/docker/credential", Messages.MUST_BE_EMPTY);
        }
        if (!list(docker.parameters()).isEmpty()) {
            violations.add("/container/docker/parameters", Messages.MUST_BE_EMPTY);
        }
    }

    private static void portMappings(List<Network> networks, List<PortMapping> mappings, Violations violations) {
        List<String> networkNames = list(networks).stream().map(Network::name).filter(Objects::nonNull).toList();
        long containerNetworks = list(networks).stream().filter(n -> "container".equals(n.mode())).count();
        boolean bridge = list(networks).stream().anyMatch(n -> "container/bridge".equals(n.mode()));
        for (int i = 0; i < mappings.size(); i++) {
            PortMapping mapping = mappings.get(i);
            String path = "/container/portMappings(" + i + ")";
            AppValidation.port(violations, path + "/containerPort", mapping.containerPort());
            AppValidation.port(violations, path + "/hostPort", mapping.hostPort());
            AppValidation.port(violations, path + "/servicePort", mapping.servicePort());
            protocol(violations, path + "/protocol", mapping.protocol());
            portName(violations, path + "/name", mapping.name());
            List<String> names = list(mapping.networkNames());
            for (int j = 0; j < names.size(); j++) {
                if (!networkNames.contains(names.get(j))) {
                    violations.add(path + "/networkNames(" + j + ")", Messages.notOneOf(networkNames));
                }
            }
            if (containerNetworks > 1 && mapping.hostPort() != null && names.size() != 1) {
                violations.add(path, NETWORK_NAME_FOR_HOST_PORT);
            }
            if (bridge && mapping.hostPort() == null) {
                violations.add(path, BRIDGE_HOST_PORT);
            }
        }
        if (!unique(mappings.stream().map(PortMapping::name).filter(Objects::nonNull).toList())) {
            violations.add("/container/portMappings", UNIQUE_PORT_NAMES);
        }
    }

    static void networks(App app, Violations violations) {
        List<Network> networks = list(app.networks());
        for (int i = 0; i < networks.size(); i++) {
            Network network = networks.get(i);
            String path = "/networks(" + i + ")";
            if (network.mode() != null && !MODES.contains(network.mode())) {
                violations.add(path + "/mode", Messages.notOneOf(MODES));
            }
            if (network.name() != null) {
                networkName(violations, path + "/name", network.name());
            }
        }
        long host = networks.stream().filter(n -> "host".equals(n.mode())).count();
        long bridge = networks.stream().filter(n -> "container/bridge".equals(n.mode())).count();
        long container = networks.stream().filter(n -> "container".equals(n.mode())).count();
        if (networks.stream().anyMatch(n -> "host".equals(n.mode())
                && ((n.name() != null && !n.name().isEmpty()) || !map(n.labels()).isEmpty()))) {
            violations.add("/networks", HOST_NETWORK_NAMED);
        }
        if (networks.stream().anyMatch(n -> "container/bridge".equals(n.mode())
                && n.name() != null && !n.name().isEmpty())) {
            violations.add("/networks", BRIDGE_NETWORK_NAMED);
        }
        long unnamedContainer = networks.stream().filter(n -> n.name() == null && "container".equals(n.mode()))
                .count();
        if (unnamedContainer > 1 || !unique(networks.stream().map(Network::name).filter(Objects::nonNull).toList())) {
            violations.add("/networks", DUPLICATE_NETWORKS);
        }
        boolean onlyHost = host <= 1 && bridge == 0 && container == 0;
        boolean onlyBridge = host == 0 && bridge <= 1 && container == 0;
        boolean onlyContainer = host == 0 && bridge == 0 && container > 0;
        if (!(onlyHost || onlyBridge || onlyContainer)) {
            violations.add("/networks", NETWORK_MIX);
        }
        if (unnamedContainer > 0) {
            violations.add("/networks", NETWORK_NAME_REQUIRED);
        }
        AppContainer appContainer = app.container();
        if (appContainer != null && "DOCKER".equals(appContainer.type()) && container > 1) {
            violations.add("/", DOCKER_SINGLE_NETWORK);
        }
        if (host > 0 && appContainer != null && !list(appContainer.portMappings()).isEmpty()) {
            violations.add("/", MAPPINGS_WITH_HOST);
        }
    }

    static void portDefinitions(App app, Violations violations) {
        List<PortDefinition> definitions = list(app.portDefinitions());
        for (int i = 0; i < definitions.size(); i++) {
            PortDefinition definition = definitions.get(i);
            String path = "/portDefinitions(" + i + ")";
            AppValidation.port(violations, path + "/port", definition.port());
            protocol(violations, path + "/protocol", definition.protocol());
            portName(violations, path + "/name", definition.name());
        }
        if (!unique(definitions.stream().map(PortDefinition::name).filter(Objects::nonNull).toList())) {
            violations.add("/portDefinitions", UNIQUE_PORT_NAMES);
        }
        if (!unique(definitions.stream().map(PortDefinition::port).filter(p -> p != null && p != 0).toList())) {
            violations.add("/portDefinitions", UNIQUE_PORTS);
        }
        if (!definitions.isEmpty() && list(app.networks()).stream().anyMatch(n -> !"host".equals(n.mode()))) {
            violations.add("/", DEFINITIONS_WITHOUT_HOST);
        }
    }

    /** {@code tcp}, {@code udp}, or both separated by a comma ({@code udp,tcp}), each at most once. */
    private static void protocol(Violations violations, String path, String protocol) {
        if (protocol == null) {
            return;
        }
        List<String> parts = List.of(protocol.split(",", -1));
        if (!PROTOCOLS.containsAll(parts)) {
            violations.add(path, Messages.notOneOf(PROTOCOLS));
        }
        if (!unique(parts)) {
            violations.add(path, UNIQUE_PROTOCOLS);
        }
    }

    private static void portName(Violations violations, String path, String name) {
        if (name != null && !LEGACY_NAME.matcher(name).matches()) {
            violations.add(path, Messages.fullyMatch(LEGACY_NAME));
        }
    }

    private static void networkName(Violations violations, String path, String name) {
        if (!NETWORK_NAME.matcher(name).matches()) {
            violations.add(path, NETWORK_NAME_FORMAT);
        }
        if (name.isEmpty()) {
            violations.add(path, "got 0, expected more than 0");
        }
        if (name.length() > 63) {
            violations.add(path, Messages.lessThan(name.length(), 64));
        }
    }

    private static <T> boolean unique(List<T> values) {
        Set<T> seen = new HashSet<>();
        return values.stream().allMatch(seen::add);
    }
}
