package dev.dcosnative.agent.containerizer;

import java.nio.file.Path;

/** Creates the agent's containerizer without CDI (the agent wires it). */
public final class Containerizers {

    private Containerizers() {
    }

    /**
     * The containerizer for an isolation setting ({@code dcos.agent.isolation}).
     *
     * @param isolation {@code auto}: cgroups v1 when the agent is root and the hierarchies are writable, else none
     *        (logged once, with the reason); {@code cgroups}: cgroups v1 or fail; {@code none}: no isolation
     * @throws IllegalArgumentException for another value
     * @throws IllegalStateException when {@code cgroups} cannot be used here, or sh, setsid or env are missing
     */
    public static Containerizer create(String isolation) {
        return new ProcessContainerizer(isolation);
    }

    /**
     * The same, with the tasks' cgroups under {@code /sys/fs/cgroup/<controller>/<cgroupsRoot>} (Mesos
     * {@code --cgroups_root}).
     */
    public static Containerizer create(String isolation, String cgroupsRoot) {
        return new ProcessContainerizer(isolation, Path.of("/sys/fs/cgroup"), cgroupsRoot);
    }

    /** {@link #create(String) create("auto")}. */
    public static Containerizer create() {
        return create("auto");
    }
}
