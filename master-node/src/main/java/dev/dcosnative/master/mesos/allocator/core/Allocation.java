package dev.dcosnative.master.mesos.allocator.core;

import java.util.Objects;

import dev.dcosnative.shared.mesos.ResourceBag;

/**
 * One offer decided by an allocation cycle: all the resources of one agent that the framework may use for one of its
 * roles (Mesos' {@code allocation_info.role}). From the moment the cycle returns it, these resources count as allocated
 * to the framework, until the framework gives them back ({@link DrfAllocator#recover}).
 *
 * @param frameworkId the framework the offer goes to
 * @param role the role the resources are allocated for; never holds resources reserved for another role
 * @param agentId the agent the resources are on
 * @param resources the resources, never empty
 */
public record Allocation(String frameworkId, String role, String agentId, ResourceBag resources) {

    /** Checks that no component is null. */
    public Allocation {
        Objects.requireNonNull(frameworkId, "frameworkId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(resources, "resources");
    }
}
