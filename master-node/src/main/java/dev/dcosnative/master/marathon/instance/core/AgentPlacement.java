package dev.dcosnative.master.marathon.instance.core;

import java.util.Map;

/**
 * Where an instance runs, as constraints see it: the agent, its hostname, region and zone (empty when the agent has
 * no domain), and its attributes as Marathon compares them (text; scalars with up to 3 decimals, ranges
 * {@code [a-b]}, sets {@code {a,b}}).
 */
public record AgentPlacement(String agentId, String hostname, String region, String zone,
        Map<String, String> attributes) {

    public AgentPlacement {
        attributes = Map.copyOf(attributes);
    }
}
