package dev.dcosnative.agent.containerizer;

import java.time.Duration;
import java.util.List;

import dev.dcosnative.agent.containerizer.core.Checkpoint;
import dev.dcosnative.agent.containerizer.core.MemoryOutcome;

/**
 * One way of isolating containers (Mesos' isolators, folded into one per mechanism): cgroups v1, or none (process
 * groups). It creates each container's {@link Isolation} and finds it again from a checkpoint.
 */
interface Isolator {

    /** For {@link Containerizer#isolation()}. */
    String describe();

    /** Creates the isolation of a new container and applies its limits; leaves nothing behind when it throws. */
    Isolation prepare(String containerId, Limits limits) throws ContainerException;

    /** The isolation of one container: where its processes are, how to signal them, what they use. */
    interface Isolation {

        /** {@link Checkpoint#CGROUPS_V1} or {@link Checkpoint#NONE}. */
        String kind();

        /** The hierarchies' mount point; empty without cgroups. */
        String cgroupRoot();

        /** The container's cgroup below each hierarchy; empty without cgroups. */
        String cgroup();

        /** Whether the container also has a cgroup2 (unified) directory, killed at once through cgroup.kill. */
        boolean unified();

        /** The {@code cgroup.procs} files the task writes its pid to before it execs. */
        List<String> procsFiles();

        /**
         * Tells the isolation which process is the task's main process (the leader of its process group and
         * session), once known.
         */
        void attach(long taskPid, long taskStartTicks);

        /** The container's running processes now. */
        List<Long> pids();

        /** SIGTERM to every process of the container. */
        void terminate();

        /** SIGKILL to every process of the container until none is left; false if some remain after {@code timeout}. */
        boolean killAll(Duration timeout);

        /** What the container uses now; {@link ResourceUsage#ZERO} when not measured. */
        ResourceUsage usage();

        /** The memory counters, read before {@link #cleanup()}. */
        MemoryOutcome memoryOutcome(long limitBytes);

        /** Removes what {@link Isolator#prepare} created (the cgroups), once the container is empty. */
        void cleanup();
    }
}
