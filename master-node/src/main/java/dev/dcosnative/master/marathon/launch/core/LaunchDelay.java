package dev.dcosnative.master.marathon.launch.core;

import java.time.Duration;
import java.time.Instant;

import dev.dcosnative.shared.marathon.App;

/**
 * An app's launch backoff (upstream {@code RateLimiter}; reference §1.4): after the n-th consecutive failed launch the
 * app waits {@code backoffSeconds × backoffFactor^(n−1)}, capped at {@code maxLaunchDelaySeconds}, before its next
 * launch. A success, a {@code DELETE /v2/queue/{id}/delay} or a new configuration resets it ({@link #NONE}); so does
 * a delay that ran out longer ago than {@code maxLaunchDelaySeconds} without a new failure ({@link #isOverdue}, as
 * upstream forgets such delays).
 *
 * @param failures consecutive failures so far (0: no delay)
 * @param current the delay imposed by the last failure
 * @param until when the app may launch again ({@link Instant#MIN} when not delayed)
 */
public record LaunchDelay(int failures, Duration current, Instant until) {

    public static final LaunchDelay NONE = new LaunchDelay(0, Duration.ZERO, Instant.MIN);

    /** The delay after {@code failures} consecutive failures of {@code app}. */
    public static Duration delayAfter(App app, int failures) {
        return delayAfter(failures, app.backoffSeconds(), app.backoffFactor(), app.maxLaunchDelaySeconds());
    }

    /** {@code backoffSeconds × backoffFactor^(failures−1)}, capped at {@code maxLaunchDelaySeconds}; 0 for none. */
    public static Duration delayAfter(int failures, double backoffSeconds, double backoffFactor,
            double maxLaunchDelaySeconds) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        double seconds = Math.min(backoffSeconds * Math.pow(backoffFactor, failures - 1.0), maxLaunchDelaySeconds);
        if (!(seconds > 0)) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    /** One more failure at {@code now}: the app waits the next, longer delay from now. */
    public LaunchDelay failed(App app, Instant now) {
        Duration delay = delayAfter(app, failures + 1);
        return new LaunchDelay(failures + 1, delay, now.plus(delay));
    }

    /** No delay any more. */
    public LaunchDelay reset() {
        return NONE;
    }

    /** True while the app must not launch. */
    public boolean isDelayed(Instant now) {
        return now.isBefore(until);
    }

    /** How long the app still waits at {@code now} (0 when it may launch). */
    public Duration remaining(Instant now) {
        return isDelayed(now) ? Duration.between(now, until) : Duration.ZERO;
    }

    /** True when the delay ran out more than {@code maxLaunchDelaySeconds} ago: time to forget it. */
    public boolean isOverdue(App app, Instant now) {
        return failures > 0 && now.isAfter(until.plusSeconds(app.maxLaunchDelaySeconds()));
    }
}
