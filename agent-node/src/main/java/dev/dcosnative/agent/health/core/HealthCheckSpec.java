package dev.dcosnative.agent.health.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.HealthCheck;

/**
 * A task's health check as the agent runs it: what to probe and when, read from a Mesos {@code HealthCheck} with the
 * Mesos defaults (delay 15 s, interval 10 s, timeout 20 s, 3 consecutive failures, grace period 10 s). Pure.
 *
 * @param probe what one check does
 * @param delay from the task becoming RUNNING to the first check
 * @param interval from the end of one check to the start of the next
 * @param timeout how long one check may take; a check that takes longer failed
 * @param consecutiveFailures failures in a row (outside the grace period) that get the task killed; 0 never kills
 * @param gracePeriod from the task's start, failures are ignored in this period until the first success
 */
public record HealthCheckSpec(Probe probe, Duration delay, Duration interval, Duration timeout,
        int consecutiveFailures, Duration gracePeriod) {

    /** The timeout a check gets when its health check says 0. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    public HealthCheckSpec {
        Objects.requireNonNull(probe, "probe");
        for (Duration d : List.of(delay, interval, timeout, gracePeriod)) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("health check durations must not be negative");
            }
        }
        if (consecutiveFailures < 0) {
            throw new IllegalArgumentException("consecutive_failures must not be negative");
        }
    }

    /** What one check does. */
    public sealed interface Probe permits Http, Tcp, Command {
    }

    /**
     * An HTTP(S) GET of {@code scheme://<task's host>:port/path}; healthy when the final status (redirects are
     * followed) is one of {@code statuses}, or in [200, 399] when none are given (Mesos' rule). Certificates are not
     * verified.
     */
    public record Http(String scheme, int port, String path, List<Integer> statuses) implements Probe {

        public Http {
            statuses = List.copyOf(statuses);
        }

        /** The URL to get on {@code host}. */
        public String url(String host) {
            String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
            return scheme + "://" + h + ":" + port + path;
        }

        /** Whether a response with this status code means healthy. */
        public boolean healthy(int status) {
            return statuses.isEmpty() ? status >= 200 && status <= 399 : statuses.contains(status);
        }
    }

    /** A TCP connect to {@code <task's host>:port}; healthy when it is accepted. */
    public record Tcp(int port) implements Probe {
    }

    /**
     * A command run like the task's own ({@code /bin/sh -c} for a shell command), with the task's environment under
     * the check's variables, in the task's sandbox, as the task's user; healthy when it exits 0.
     */
    public record Command(CommandInfo command) implements Probe {
    }

    /**
     * The spec of a Mesos health check.
     *
     * @throws IllegalArgumentException when the check is unusable (no type, missing port, unknown scheme, empty
     *         command, negative durations), with a message saying why
     */
    public static HealthCheckSpec of(HealthCheck check) {
        HealthCheck.Type type = check.hasType() ? check.getType() : HealthCheck.Type.UNKNOWN;
        if (type == HealthCheck.Type.UNKNOWN) {
            // lenient with schedulers that set only the check itself
            type = check.hasHttp() ? HealthCheck.Type.HTTP
                    : check.hasTcp() ? HealthCheck.Type.TCP
                            : check.hasCommand() ? HealthCheck.Type.COMMAND : HealthCheck.Type.UNKNOWN;
        }
        Probe probe = switch (type) {
            case HTTP -> http(check);
            case TCP -> tcp(check);
            case COMMAND -> command(check);
            default -> throw new IllegalArgumentException("the health check has no type (HTTP, TCP or COMMAND)");
        };
        Duration timeout = seconds(check.getTimeoutSeconds(), "timeout_seconds");
        return new HealthCheckSpec(probe, seconds(check.getDelaySeconds(), "delay_seconds"),
                seconds(check.getIntervalSeconds(), "interval_seconds"),
                timeout.isZero() ? DEFAULT_TIMEOUT : timeout, check.getConsecutiveFailures(),
                seconds(check.getGracePeriodSeconds(), "grace_period_seconds"));
    }

    private static Http http(HealthCheck check) {
        if (!check.hasHttp()) {
            throw new IllegalArgumentException("an HTTP health check needs 'http'");
        }
        HealthCheck.HTTPCheckInfo http = check.getHttp();
        String scheme = http.hasScheme() && !http.getScheme().isEmpty() ? http.getScheme() : "http";
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("unsupported HTTP health check scheme '" + scheme
                    + "': expected http or https");
        }
        String path = http.getPath();
        if (path.isEmpty()) {
            path = "/";
        } else if (!path.startsWith("/")) {
            throw new IllegalArgumentException("the HTTP health check path '" + path + "' must start with '/'");
        }
        if (path.chars().anyMatch(c -> c <= ' ' || c == 127)) {
            throw new IllegalArgumentException("the HTTP health check path holds spaces or control characters");
        }
        return new Http(scheme, port(http.hasPort(), http.getPort()), path, http.getStatusesList());
    }

    private static Tcp tcp(HealthCheck check) {
        if (!check.hasTcp()) {
            throw new IllegalArgumentException("a TCP health check needs 'tcp'");
        }
        return new Tcp(port(check.getTcp().hasPort(), check.getTcp().getPort()));
    }

    private static Command command(HealthCheck check) {
        if (!check.hasCommand()) {
            throw new IllegalArgumentException("a COMMAND health check needs 'command'");
        }
        CommandInfo command = check.getCommand();
        if (command.getValue().isBlank()) {
            throw new IllegalArgumentException("the COMMAND health check's command is empty");
        }
        return new Command(command);
    }

    private static int port(boolean present, int port) {
        if (!present) {
            throw new IllegalArgumentException("the health check needs a 'port'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the health check port " + port + " is not in 1-65535");
        }
        return port;
    }

    private static Duration seconds(double seconds, String field) {
        if (Double.isNaN(seconds) || seconds < 0 || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("the health check's " + field + " must be a non-negative number");
        }
        return Duration.ofNanos((long) Math.min(seconds * 1e9, Long.MAX_VALUE / 2.0));
    }
}
