package dev.dcosnative.master.mesos.framework.core;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.mesos.v1.Protos.FrameworkInfo;

/**
 * What the master knows of one framework.
 *
 * @param info as the framework subscribed, with its id
 * @param streamId the id of its current subscription stream (null when disconnected)
 * @param registeredTime first subscription
 * @param reregisteredTime last failover, or null
 * @param disconnectedTime when its stream went away, or null while connected
 * @param suppressedRoles roles for which it wants no offers
 * @param recovered known only from its tasks on re-registering agents (after a master failover), not subscribed
 *        since
 */
public record Framework(FrameworkInfo info, String streamId, Instant registeredTime, Instant reregisteredTime,
        Instant disconnectedTime, Set<String> suppressedRoles, boolean recovered) {

    public Framework {
        suppressedRoles = Set.copyOf(suppressedRoles);
    }

    public String id() {
        return info.getId().getValue();
    }

    public boolean connected() {
        return streamId != null;
    }

    /** The roles it subscribed with: {@code roles} for MULTI_ROLE frameworks, else {@code role} (default {@code *}). */
    public Set<String> roles() {
        return rolesOf(info);
    }

    public boolean hasCapability(FrameworkInfo.Capability.Type type) {
        return info.getCapabilitiesList().stream().anyMatch(c -> c.getType() == type);
    }

    /** Partition-aware frameworks see TASK_UNREACHABLE / TASK_GONE instead of TASK_LOST. */
    public boolean partitionAware() {
        return hasCapability(FrameworkInfo.Capability.Type.PARTITION_AWARE);
    }

    public static Set<String> rolesOf(FrameworkInfo info) {
        boolean multiRole = info.getCapabilitiesList()
                .stream()
                .anyMatch(c -> c.getType() == FrameworkInfo.Capability.Type.MULTI_ROLE);
        if (multiRole) {
            return new LinkedHashSet<>(info.getRolesList());
        }
        return Set.of(info.hasRole() ? info.getRole() : "*");
    }

    Framework withStream(String stream, Instant disconnected) {
        return new Framework(info, stream, registeredTime, reregisteredTime, disconnected, suppressedRoles, recovered);
    }

    Framework withSuppressed(Set<String> roles) {
        return new Framework(info, streamId, registeredTime, reregisteredTime, disconnectedTime, roles, recovered);
    }
}
