package dev.dcosnative.agent.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.apache.mesos.v1.Protos.Resource;

import dev.dcosnative.shared.mesos.Resources;

/**
 * The resources an agent offers, Mesos' way: whatever the operator set, and for the rest what the machine has, minus
 * what the system keeps (memory: 1 GB, or half below 2 GB; disk: 5 GB, or half below 10 GB). Ports follow DC/OS: the
 * private or public ranges by role. Everything is reserved for the agent's role unless it is {@code *}.
 */
public final class AgentResourceModel {

    /** DC/OS' private agent port ranges (reference §0). */
    public static final String PRIVATE_PORTS = "[1025-2180,2182-3887,3889-5049,5052-8079,8082-8180,8182-32000]";
    /** DC/OS' public agent port ranges (reference §0). */
    public static final String PUBLIC_PORTS = "[1-21,23-5050,5052-32000]";
    /** The role of public agents. */
    public static final String PUBLIC_ROLE = "slave_public";

    private static final long MB = 1024 * 1024;
    private static final long GB = 1024 * MB;

    private AgentResourceModel() {
    }

    /** The operator's overrides; empty values are detected. */
    public record Overrides(OptionalDouble cpus, OptionalDouble mem, OptionalDouble disk, OptionalDouble gpus,
            Optional<String> ports, Optional<String> extra) {
    }

    /**
     * @throws IllegalArgumentException when an override does not parse
     */
    public static List<Resource> resources(Machine machine, Overrides overrides, String role) {
        List<Resource> resources = new ArrayList<>();
        resources.add(Resources.scalar("cpus", overrides.cpus().orElse(machine.cpus()), role));
        resources.add(Resources.scalar("mem", overrides.mem().orElse(defaultMemMb(machine.memoryBytes())), role));
        resources.add(Resources.scalar("disk", overrides.disk().orElse(defaultDiskMb(machine.diskBytes())), role));
        double gpus = overrides.gpus().orElse(0);
        if (gpus > 0) {
            resources.add(Resources.scalar("gpus", Math.floor(gpus), role));
        }
        String ports = overrides.ports().orElse(PUBLIC_ROLE.equals(role) ? PUBLIC_PORTS : PRIVATE_PORTS);
        resources.add(Resources.ranges("ports", Resources.parseRanges(ports), role));
        overrides.extra().ifPresent(extra -> resources.addAll(Resources.parse(extra, role)));
        for (Resource resource : resources) {
            if (resource.hasScalar() && resource.getScalar().getValue() < 0) {
                throw new IllegalArgumentException("resource '" + resource.getName() + "' must not be negative");
            }
        }
        return resources;
    }

    static double defaultMemMb(long totalBytes) {
        long usable = totalBytes >= 2 * GB ? totalBytes - GB : totalBytes / 2;
        return Math.floor((double) usable / MB);
    }

    static double defaultDiskMb(long totalBytes) {
        long usable = totalBytes >= 10 * GB ? totalBytes - 5 * GB : totalBytes / 2;
        return Math.floor((double) usable / MB);
    }
}
