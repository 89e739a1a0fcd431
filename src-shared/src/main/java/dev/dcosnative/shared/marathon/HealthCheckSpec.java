package dev.dcosnative.shared.marathon;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of an app's {@code healthChecks}. {@code protocol} is MESOS_HTTP, MESOS_HTTPS, MESOS_TCP, COMMAND, or the
 * old HTTP, HTTPS, TCP (which run the same way here: on the agent, next to the task). The port is {@code portIndex}
 * into the app's ports or a fixed {@code port}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthCheckSpec(
        String protocol,
        String path,
        Integer portIndex,
        Integer port,
        Command command,
        Integer gracePeriodSeconds,
        Integer intervalSeconds,
        Integer timeoutSeconds,
        Integer maxConsecutiveFailures,
        Integer delaySeconds,
        Boolean ignoreHttp1xx,
        String ipProtocol) {

    /** The shell command of a COMMAND check. */
    public record Command(String value) {
    }
}
