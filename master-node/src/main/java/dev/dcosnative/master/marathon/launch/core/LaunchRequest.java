package dev.dcosnative.master.marathon.launch.core;

import java.util.List;

import dev.dcosnative.master.marathon.instance.core.AgentPlacement;
import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.PathId;

/**
 * What is waiting to launch for one app: the app (normalized: every default set, see {@code AppNormalization}), how
 * many more instances are wanted, where the instances that count for its constraints run (active instances of its
 * current configuration), and its service ports (one per port definition, or per port mapping in container
 * networking; {@link ServicePorts#of} of the app when it already carries them). With {@code requirePorts} the
 * service ports are the host ports to take; otherwise they only name the {@code PORT_<n>} variables.
 */
public record LaunchRequest(App app, int count, List<AgentPlacement> placed, List<Integer> servicePorts) {

    public LaunchRequest {
        placed = List.copyOf(placed);
        servicePorts = List.copyOf(servicePorts);
    }

    /** A request whose service ports are those the app carries. */
    public static LaunchRequest of(App app, int count, List<AgentPlacement> placed) {
        return new LaunchRequest(app, count, placed, ServicePorts.of(app));
    }

    public PathId appId() {
        return PathId.of(app.id());
    }
}
