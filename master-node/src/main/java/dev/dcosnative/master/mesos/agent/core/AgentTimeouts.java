package dev.dcosnative.master.mesos.agent.core;

import java.time.Duration;

/**
 * When agents are given up: {@code pingTimeout × maxPingTimeouts} of silence for a registered agent, and
 * {@code reregisterTimeout} for an agent recovered from the registry that does not come back.
 */
public record AgentTimeouts(Duration pingTimeout, int maxPingTimeouts, Duration reregisterTimeout) {

    public AgentTimeouts {
        if (pingTimeout.isNegative() || pingTimeout.isZero() || maxPingTimeouts < 1 || reregisterTimeout.isNegative()) {
            throw new IllegalArgumentException("agent timeouts must be positive");
        }
    }

    public Duration silenceAllowed() {
        return pingTimeout.multipliedBy(maxPingTimeouts);
    }
}
