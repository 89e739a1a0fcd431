package dev.dcosnative.agent.task;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.dcosnative.agent.AgentConfig;
import dev.dcosnative.agent.containerizer.Containerizer;
import dev.dcosnative.agent.containerizer.Containerizers;

/** The agent's containerizer, as {@code dcos.agent.isolation} and {@code dcos.agent.cgroups-root} ask. */
public class ContainerizerProducer {

    @Produces
    @Singleton
    Containerizer containerizer(AgentConfig config) {
        return Containerizers.create(config.isolation(), config.cgroupsRoot());
    }
}
