package dev.dcosnative.master.marathon.app.core;

import static dev.dcosnative.master.marathon.app.core.AppValidation.atLeast;
import static dev.dcosnative.master.marathon.app.core.AppValidation.list;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.App.PortDefinition;
import dev.dcosnative.shared.marathon.AppContainer;
import dev.dcosnative.shared.marathon.AppContainer.PortMapping;
import dev.dcosnative.shared.marathon.HealthCheckSpec;
import dev.dcosnative.shared.marathon.ReadinessCheckSpec;

/**
 * The rules on health and readiness checks ({@code AppValidation}, {@code HealthCheckWithPort} and
 * {@code ReadinessCheck} upstream, with the RAML bounds of {@code healthCheck.raml} and {@code readinessCheck.raml}).
 */
final class CheckRules {

    static final String PORT_INDEX = "Health check port indices must address an element of the ports array or"
            + " container port mappings.";
    static final String PORT_OR_INDEX = "HealthCheck must specify either a port or a portIndex";
    static final String COMMAND_REQUIRED = "A command is required when using the COMMAND health check protocol.";
    static final String IPV6 = "IPv6 can only be used for container type DOCKER and Mesos http/https/tcp health checks";
    static final String ONE_MESOS_CHECK = "AppDefinition can contain at most one Mesos health check";

    private static final List<String> PROTOCOLS = List.of("HTTP", "HTTPS", "TCP", "COMMAND", "MESOS_TCP", "MESOS_HTTP",
            "MESOS_HTTPS");
    private static final Set<String> MESOS_PORT_PROTOCOLS = Set.of("MESOS_HTTP", "MESOS_HTTPS", "MESOS_TCP");
    private static final List<String> IP_PROTOCOLS = List.of("IPv4", "IPv6");
    private static final List<String> READINESS_PROTOCOLS = List.of("HTTP", "HTTPS");

    private CheckRules() {
    }

    static void healthChecks(App app, Violations violations) {
        List<HealthCheckSpec> checks = list(app.healthChecks());
        int ports = portCount(app);
        for (int i = 0; i < checks.size(); i++) {
            healthCheck(app, checks.get(i), "/healthChecks(" + i + ")", ports, violations);
        }
        long mesosChecks = checks.stream().filter(c -> c.command() == null
                && (MESOS_PORT_PROTOCOLS.contains(c.protocol()) || "COMMAND".equals(c.protocol()))).count();
        if (mesosChecks > 1) {
            violations.add("/", ONE_MESOS_CHECK);
        }
    }

    private static void healthCheck(App app, HealthCheckSpec check, String path, int ports, Violations violations) {
        String protocol = check.protocol();
        if (protocol != null && !PROTOCOLS.contains(protocol)) {
            violations.add(path + "/protocol", Messages.notOneOf(PROTOCOLS));
        }
        atLeast(violations, path + "/gracePeriodSeconds", check.gracePeriodSeconds(), 0);
        atLeast(violations, path + "/intervalSeconds", check.intervalSeconds(), 0);
        atLeast(violations, path + "/timeoutSeconds", check.timeoutSeconds(), 0);
        atLeast(violations, path + "/maxConsecutiveFailures", check.maxConsecutiveFailures(), 0);
        atLeast(violations, path + "/delaySeconds", check.delaySeconds(), 0);
        if ("COMMAND".equals(protocol)) {
            if (check.command() == null || check.command().value() == null || check.command().value().isEmpty()) {
                violations.add(path + "/command", COMMAND_REQUIRED);
            }
        } else {
            if ((check.port() == null) == (check.portIndex() == null)) {
                violations.add(path, PORT_OR_INDEX);
            }
            AppValidation.port(violations, path + "/port", check.port());
            if (check.portIndex() != null && (check.portIndex() < 0 || check.portIndex() >= ports)) {
                violations.add(path, PORT_INDEX);
            }
        }
        String ipProtocol = check.ipProtocol();
        if (ipProtocol != null && !IP_PROTOCOLS.contains(ipProtocol)) {
            violations.add(path + "/ipProtocol", Messages.notOneOf(IP_PROTOCOLS));
        }
        boolean docker = app.container() != null && "DOCKER".equals(app.container().type());
        if ("IPv6".equals(ipProtocol) && !(docker && MESOS_PORT_PROTOCOLS.contains(protocol))) {
            violations.add(path, IPV6);
        }
    }

    /**
     * At most one readiness check; its port name must name one of the app's ports (port mappings when the container
     * has them, port definitions otherwise); its timeout is at least 1 and below its interval.
     */
    static void readinessChecks(App app, Violations violations) {
        List<ReadinessCheckSpec> checks = list(app.readinessChecks());
        if (checks.size() > 1) {
            violations.add("/readinessChecks", Messages.atMost(checks.size(), 1));
        }
        List<String> portNames = portNames(app);
        for (int i = 0; i < checks.size(); i++) {
            ReadinessCheckSpec check = checks.get(i);
            String path = "/readinessChecks(" + i + ")";
            if (check.name() != null && check.name().isEmpty()) {
                violations.add(path + "/name", Messages.NOT_EMPTY);
            }
            if (check.protocol() != null && !READINESS_PROTOCOLS.contains(check.protocol())) {
                violations.add(path + "/protocol", Messages.notOneOf(READINESS_PROTOCOLS));
            }
            if (check.path() != null && check.path().isEmpty()) {
                violations.add(path + "/path", Messages.NOT_EMPTY);
            }
            if (check.portName() != null && !portNames.contains(check.portName())) {
                violations.add(path + "/portName", "No port definition reference for portName " + check.portName());
            }
            atLeast(violations, path + "/intervalSeconds", check.intervalSeconds(), 0);
            atLeast(violations, path + "/timeoutSeconds", check.timeoutSeconds(), 1);
            if (check.timeoutSeconds() != null && check.intervalSeconds() != null
                    && check.timeoutSeconds() >= check.intervalSeconds()) {
                violations.add(path + "/timeoutSeconds",
                        Messages.lessThan(check.timeoutSeconds(), check.intervalSeconds()));
            }
            statusCodes(check, path, violations);
        }
    }

    private static void statusCodes(ReadinessCheckSpec check, String path, Violations violations) {
        List<Integer> codes = list(check.httpStatusCodesForReady());
        Set<Integer> seen = new HashSet<>();
        for (int j = 0; j < codes.size(); j++) {
            Integer code = codes.get(j);
            String codePath = path + "/httpStatusCodesForReady(" + j + ")";
            atLeast(violations, codePath, code, 100);
            if (code != null && code > 999) {
                violations.add(codePath, Messages.atMost(code, 999));
            }
            if (!seen.add(code)) {
                violations.add(path + "/httpStatusCodesForReady", "Elements must be unique.");
            }
        }
    }

    /** How many ports a health check's portIndex can address: the port mappings if any, else the definitions. */
    static int portCount(App app) {
        AppContainer container = app.container();
        if (container != null && container.portMappings() != null) {
            return container.portMappings().size();
        }
        return list(app.portDefinitions()).size();
    }

    private static List<String> portNames(App app) {
        AppContainer container = app.container();
        if (container != null && container.portMappings() != null) {
            return container.portMappings().stream().map(PortMapping::name).filter(Objects::nonNull).toList();
        }
        return list(app.portDefinitions()).stream().map(PortDefinition::name).filter(Objects::nonNull).toList();
    }
}
