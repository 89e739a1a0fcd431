package dev.dcosnative.cli;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.AppContainer;
import dev.dcosnative.shared.marathon.Constraint;
import dev.dcosnative.shared.marathon.EnvValue;
import dev.dcosnative.shared.marathon.HealthCheckSpec;
import dev.dcosnative.shared.marathon.ReadinessCheckSpec;
import dev.dcosnative.shared.marathon.UnreachableStrategy;

/**
 * The classes Jackson binds by reflection in a native executable: the shared Marathon app model (with its nested
 * records), which checks app definitions before they are sent. Everything else the CLI reads and writes is a JSON tree,
 * and picocli's command classes are registered by the Quarkus extension.
 */
@RegisterForReflection(targets = { App.class, App.UpgradeStrategy.class, App.VersionInfo.class, App.Artifact.class,
        App.PortDefinition.class, App.Network.class, App.KillSelection.class, AppContainer.class,
        AppContainer.Docker.class, AppContainer.Parameter.class, AppContainer.PortMapping.class, Constraint.class,
        EnvValue.class, HealthCheckSpec.class, HealthCheckSpec.Command.class, ReadinessCheckSpec.class,
        UnreachableStrategy.class })
final class NativeReflection {

    private NativeReflection() {
    }
}
