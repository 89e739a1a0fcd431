package dev.dcosnative.agent.core;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The agent's registration backoff, as Mesos does it: the first delay is random in {@code [0, factor]}, and the bound
 * doubles with every failed attempt up to {@code max}, so a master that comes back is not stormed by every agent at
 * once. Not thread-safe.
 */
public final class Backoff {

    private final Duration factor;
    private final Duration max;
    private final RandomGenerator random;
    private Duration bound;

    public Backoff(Duration factor, Duration max, RandomGenerator random) {
        this.factor = factor;
        this.max = max;
        this.random = random;
        this.bound = factor;
    }

    /** The delay before the next attempt; each call doubles the bound for the one after. */
    public Duration next() {
        long boundMillis = Math.max(1, bound.toMillis());
        Duration delay = Duration.ofMillis(random.nextLong(boundMillis + 1));
        Duration doubled = bound.multipliedBy(2);
        bound = doubled.compareTo(max) > 0 ? max : doubled;
        return delay;
    }

    /** Back to the first delay (after a successful registration). */
    public void reset() {
        bound = factor;
    }
}
