package dev.dcosnative.master.marathon.launch.core;

import java.util.List;
import java.util.OptionalInt;

import org.apache.mesos.v1.Protos.Resource;

import dev.dcosnative.master.marathon.instance.core.AgentPlacement;
import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.PathId;

/**
 * One instance to launch from an offer: the app, the agent, the role the resources were allocated for, the exact
 * resources to use (copied from the offer with their role, reservations and allocation info; scalars cut to what the
 * app needs, port ranges to the chosen ports), and the host ports in the order of the app's port definitions or
 * port mappings: empty for a mapping without a host port (container networking). {@link TaskBuilder} turns it into
 * a Mesos task.
 */
public record Launch(App app, AgentPlacement agent, String role, List<Resource> resources,
        List<OptionalInt> hostPorts, List<Integer> servicePorts) {

    public Launch {
        resources = List.copyOf(resources);
        hostPorts = List.copyOf(hostPorts);
        servicePorts = List.copyOf(servicePorts);
    }

    public PathId appId() {
        return PathId.of(app.id());
    }

    /** The host ports taken, in order, without the gaps: what an instance records as its {@code hostPorts}. */
    public List<Integer> allocatedHostPorts() {
        return hostPorts.stream().filter(OptionalInt::isPresent).map(OptionalInt::getAsInt).toList();
    }
}
