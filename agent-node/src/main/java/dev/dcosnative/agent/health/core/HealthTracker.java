package dev.dcosnative.agent.health.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The health of one task, as Mesos' health checker judges it from the results of its checks. Pure: results and the
 * time they came in are given; it answers what to tell the master and whether to kill the task.
 * <ul>
 * <li>A failure while the task has never been healthy and is still in its grace period (counted from
 * {@code started}) is ignored.</li>
 * <li>Otherwise each failure adds to the consecutive failures, and a success resets them.</li>
 * <li>The health is reported on the first result that counts and then whenever it changes (healthy → unhealthy,
 * unhealthy → healthy), never again for a result that changes nothing.</li>
 * <li>When the consecutive failures reach {@link HealthCheckSpec#consecutiveFailures()} (when that is above 0), the
 * task is to be killed; the tracker is done then and ignores further results.</li>
 * </ul>
 * Not thread-safe: one owner feeds it.
 */
public final class HealthTracker {

    /** The outcome of one check. */
    public record Result(boolean healthy, String message) {

        public Result {
            Objects.requireNonNull(message, "message");
        }

        public static Result success() {
            return new Result(true, "");
        }

        public static Result failure(String why) {
            return new Result(false, why);
        }
    }

    /**
     * What a result means.
     *
     * @param report the health to report to the master now, if any
     * @param kill whether the task must be killed now
     * @param ignored whether the result did not count (a failure in the grace period, or after the kill)
     * @param consecutiveFailures the failures in a row so far
     * @param message why the last check failed, else empty
     */
    public record Verdict(Optional<Boolean> report, boolean kill, boolean ignored, int consecutiveFailures,
            String message) {
    }

    private final HealthCheckSpec spec;
    private final Instant started;
    private Boolean reported;
    private boolean everHealthy;
    private int consecutiveFailures;
    private boolean done;

    /**
     * @param started when the task started (became RUNNING, or was recovered): the delay and the grace period count
     *        from here
     */
    public HealthTracker(HealthCheckSpec spec, Instant started) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.started = Objects.requireNonNull(started, "started");
    }

    /** When the first check is due. */
    public Instant firstCheckAt() {
        return started.plus(spec.delay());
    }

    /** When the check after one that ended at {@code endedAt} is due. */
    public Instant nextCheckAt(Instant endedAt) {
        return endedAt.plus(spec.interval());
    }

    /** Takes the result of a check that ended at {@code now}. */
    public Verdict record(Instant now, Result result) {
        if (done) {
            return new Verdict(Optional.empty(), false, true, consecutiveFailures, result.message());
        }
        if (result.healthy()) {
            everHealthy = true;
            consecutiveFailures = 0;
            return new Verdict(reportIfChanged(true), false, false, 0, "");
        }
        if (!everHealthy && inGracePeriod(now)) {
            return new Verdict(Optional.empty(), false, true, consecutiveFailures, result.message());
        }
        consecutiveFailures++;
        boolean kill = spec.consecutiveFailures() > 0 && consecutiveFailures >= spec.consecutiveFailures();
        done = kill;
        return new Verdict(reportIfChanged(false), kill, false, consecutiveFailures, result.message());
    }

    /** The health last reported; empty before the first report. */
    public Optional<Boolean> reported() {
        return Optional.ofNullable(reported);
    }

    /** True once the tracker decided to kill the task. */
    public boolean done() {
        return done;
    }

    private boolean inGracePeriod(Instant now) {
        Duration grace = spec.gracePeriod();
        return !grace.isZero() && !now.isAfter(started.plus(grace));
    }

    private Optional<Boolean> reportIfChanged(boolean healthy) {
        if (reported != null && reported == healthy) {
            return Optional.empty();
        }
        reported = healthy;
        return Optional.of(healthy);
    }
}
