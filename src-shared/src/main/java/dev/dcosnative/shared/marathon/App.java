package dev.dcosnative.shared.marathon;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Marathon app definition as the {@code /v2/apps} API reads and writes it (reference §1.2). A field that a request
 * leaves out is {@code null} here; Marathon's defaults are applied when the app is normalized, so what is stored and
 * shown has every field set. Fields this cluster stores without acting on them (volumes, secrets, ...) are kept as
 * the JSON the client sent, so they round-trip.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "id", "cmd", "args", "user", "env", "instances", "cpus", "mem", "disk", "gpus", "executor",
        "constraints", "uris", "fetch", "storeUrls", "backoffSeconds", "backoffFactor", "maxLaunchDelaySeconds",
        "container", "healthChecks", "check", "readinessChecks", "dependencies", "upgradeStrategy", "labels",
        "acceptedResourceRoles", "ipAddress", "version", "residency", "secrets", "taskKillGracePeriodSeconds",
        "versionInfo", "killSelection", "unreachableStrategy", "tty", "role", "requirePorts", "networks",
        "portDefinitions", "ports", "resourceLimits", "executorResources" })
public record App(
        String id,
        String cmd,
        List<String> args,
        String user,
        Map<String, EnvValue> env,
        Integer instances,
        Double cpus,
        Double mem,
        Double disk,
        Integer gpus,
        String executor,
        List<Constraint> constraints,
        List<String> uris,
        List<Artifact> fetch,
        List<String> storeUrls,
        Integer backoffSeconds,
        Double backoffFactor,
        Integer maxLaunchDelaySeconds,
        AppContainer container,
        List<HealthCheckSpec> healthChecks,
        JsonNode check,
        List<ReadinessCheckSpec> readinessChecks,
        List<String> dependencies,
        UpgradeStrategy upgradeStrategy,
        Map<String, String> labels,
        List<String> acceptedResourceRoles,
        JsonNode ipAddress,
        String version,
        JsonNode residency,
        Map<String, JsonNode> secrets,
        Integer taskKillGracePeriodSeconds,
        VersionInfo versionInfo,
        KillSelection killSelection,
        UnreachableStrategy unreachableStrategy,
        Boolean tty,
        String role,
        Boolean requirePorts,
        List<Network> networks,
        List<PortDefinition> portDefinitions,
        List<Integer> ports,
        JsonNode resourceLimits,
        JsonNode executorResources) {

    /** This app with another {@code id}. */
    public App withId(String id) {
        return new App(id, cmd, args, user, env, instances, cpus, mem, disk, gpus, executor, constraints, uris,
                fetch, storeUrls, backoffSeconds, backoffFactor, maxLaunchDelaySeconds, container, healthChecks, check,
                readinessChecks, dependencies, upgradeStrategy, labels, acceptedResourceRoles, ipAddress, version,
                residency, secrets, taskKillGracePeriodSeconds, versionInfo, killSelection, unreachableStrategy,
                tty, role, requirePorts, networks, portDefinitions, ports, resourceLimits, executorResources);
    }

    /** This app with another instance count ({@code null}: unset). */
    public App withInstances(Integer instances) {
        return new App(id, cmd, args, user, env, instances, cpus, mem, disk, gpus, executor, constraints, uris,
                fetch, storeUrls, backoffSeconds, backoffFactor, maxLaunchDelaySeconds, container, healthChecks, check,
                readinessChecks, dependencies, upgradeStrategy, labels, acceptedResourceRoles, ipAddress, version,
                residency, secrets, taskKillGracePeriodSeconds, versionInfo, killSelection, unreachableStrategy,
                tty, role, requirePorts, networks, portDefinitions, ports, resourceLimits, executorResources);
    }

    /** This app with other version fields ({@code null}: unset). */
    public App withVersion(String version, VersionInfo versionInfo) {
        return new App(id, cmd, args, user, env, instances, cpus, mem, disk, gpus, executor, constraints, uris,
                fetch, storeUrls, backoffSeconds, backoffFactor, maxLaunchDelaySeconds, container, healthChecks, check,
                readinessChecks, dependencies, upgradeStrategy, labels, acceptedResourceRoles, ipAddress, version,
                residency, secrets, taskKillGracePeriodSeconds, versionInfo, killSelection, unreachableStrategy,
                tty, role, requirePorts, networks, portDefinitions, ports, resourceLimits, executorResources);
    }

    /** This app with another container and port definitions (its service ports, for instance). */
    public App withPorts(AppContainer container, List<PortDefinition> portDefinitions) {
        return new App(id, cmd, args, user, env, instances, cpus, mem, disk, gpus, executor, constraints, uris,
                fetch, storeUrls, backoffSeconds, backoffFactor, maxLaunchDelaySeconds, container, healthChecks, check,
                readinessChecks, dependencies, upgradeStrategy, labels, acceptedResourceRoles, ipAddress, version,
                residency, secrets, taskKillGracePeriodSeconds, versionInfo, killSelection, unreachableStrategy,
                tty, role, requirePorts, networks, portDefinitions, ports, resourceLimits, executorResources);
    }

    /** {@code upgradeStrategy}: how many instances must stay healthy and how many may be added during an upgrade. */
    public record UpgradeStrategy(Double minimumHealthCapacity, Double maximumOverCapacity) {
    }

    /** {@code versionInfo}: when the instance count and when the rest of the definition last changed. */
    public record VersionInfo(String lastScalingAt, String lastConfigChangeAt) {
    }

    /** One {@code fetch} entry, handed to the agent's fetcher. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Artifact(String uri, Boolean executable, Boolean extract, Boolean cache, String destPath) {
    }

    /** One {@code portDefinitions} entry (host networking). Port 0 asks for an assigned service port. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PortDefinition(Integer port, String protocol, String name, Map<String, String> labels) {
    }

    /** One {@code networks} entry: {@code host}, {@code container/bridge} or {@code container} (with a name). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Network(String mode, String name, Map<String, String> labels) {
    }

    /** {@code killSelection}: which instances go first when an app scales down. */
    public enum KillSelection {
        YOUNGEST_FIRST,
        OLDEST_FIRST
    }
}
