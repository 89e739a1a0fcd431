package dev.dcosnative.it.harness;

import java.util.List;

import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.Value;

import dev.dcosnative.shared.mesos.Resources;

/** Task and framework descriptions for tests. */
public final class Tasks {

    private Tasks() {
    }

    /** A framework subscribing with these roles (MULTI_ROLE), partition-aware and understanding TASK_KILLING. */
    public static FrameworkInfo framework(String name, String... roles) {
        FrameworkInfo.Builder info = FrameworkInfo.newBuilder()
                .setUser("root")
                .setName(name)
                .setFailoverTimeout(60)
                .addCapabilities(capability(FrameworkInfo.Capability.Type.MULTI_ROLE))
                .addCapabilities(capability(FrameworkInfo.Capability.Type.PARTITION_AWARE))
                .addCapabilities(capability(FrameworkInfo.Capability.Type.TASK_KILLING_STATE));
        for (String role : roles) {
            info.addRoles(role);
        }
        return info.build();
    }

    private static FrameworkInfo.Capability capability(FrameworkInfo.Capability.Type type) {
        return FrameworkInfo.Capability.newBuilder().setType(type).build();
    }

    /** A shell command task taking cpus and mem (MB) of the offer's role, and {@code ports} ports from it. */
    public static TaskInfo command(String id, Offer offer, String shell, double cpus, double mem, int ports) {
        String role = offer.getAllocationInfo().getRole();
        TaskInfo.Builder task = TaskInfo.newBuilder()
                .setName(id)
                .setTaskId(TaskID.newBuilder().setValue(id))
                .setAgentId(offer.getAgentId())
                .setCommand(CommandInfo.newBuilder().setValue(shell))
                .addResources(allocated(Resources.scalar("cpus", cpus, reservation(offer)), role))
                .addResources(allocated(Resources.scalar("mem", mem, reservation(offer)), role));
        if (ports > 0) {
            long first = firstPort(offer);
            task.addResources(allocated(Resources.ranges("ports", Value.Ranges.newBuilder()
                    .addRange(Value.Range.newBuilder().setBegin(first).setEnd(first + ports - 1))
                    .build(), reservation(offer)), role));
        }
        return task.build();
    }

    private static Resource allocated(Resource resource, String role) {
        return resource.toBuilder().setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(role)).build();
    }

    /** The role the offer's resources are reserved for ({@code *} when unreserved). */
    public static String reservation(Offer offer) {
        return Resources.roleOf(offer.getResources(0));
    }

    public static long firstPort(Offer offer) {
        for (Resource resource : offer.getResourcesList()) {
            if (resource.getName().equals("ports")) {
                return resource.getRanges().getRange(0).getBegin();
            }
        }
        throw new AssertionError("the offer has no ports: " + offer);
    }

    public static double scalar(Offer offer, String name) {
        return offer.getResourcesList().stream()
                .filter(r -> r.getName().equals(name))
                .mapToDouble(r -> r.getScalar().getValue())
                .sum();
    }

    public static List<String> names(Offer offer) {
        return offer.getResourcesList().stream().map(Resource::getName).toList();
    }
}
