package dev.dcosnative.agent.containerizer;

import java.time.Duration;
import java.util.List;

import dev.dcosnative.agent.containerizer.core.Checkpoint;
import dev.dcosnative.agent.containerizer.core.MemoryOutcome;

/**
 * No isolation: the container is the task's process group (the task leads a new session and group), limits are not
 * enforced and usage is not measured. A process that leaves the group (setsid, setpgid) escapes the container.
 */
final class ProcessGroupIsolator implements Isolator {

    private final String reason;

    /** @param reason why there is no isolation, for {@link #describe()} */
    ProcessGroupIsolator(String reason) {
        this.reason = reason;
    }

    @Override
    public String describe() {
        return "none (" + reason + ")";
    }

    @Override
    public Isolation prepare(String containerId, Limits limits) {
        return new GroupIsolation();
    }

    /** The isolation of a container launched by an earlier run, from its checkpoint. */
    static Isolation recover(Checkpoint checkpoint) {
        return new GroupIsolation();
    }

    /** One container: the process group its task leads. */
    static final class GroupIsolation implements Isolation {

        private volatile long pgid;
        private volatile long notBeforeTicks;

        @Override
        public String kind() {
            return Checkpoint.NONE;
        }

        @Override
        public String cgroupRoot() {
            return "";
        }

        @Override
        public String cgroup() {
            return "";
        }

        @Override
        public boolean unified() {
            return false;
        }

        @Override
        public List<String> procsFiles() {
            return List.of();
        }

        @Override
        public void attach(long taskPid, long taskStartTicks) {
            this.notBeforeTicks = taskStartTicks;
            this.pgid = taskPid;
        }

        /** The group's members that are not older than the task (an older one cannot be the task's). */
        @Override
        public List<Long> pids() {
            return Procs.group(pgid, notBeforeTicks);
        }

        @Override
        public void terminate() {
            pids().forEach(pid -> Procs.signal(pid, false));
        }

        @Override
        public boolean killAll(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            long pause = 2;
            while (true) {
                List<Long> pids = pids();
                if (pids.isEmpty()) {
                    return true;
                }
                pids.forEach(pid -> Procs.signal(pid, true));
                if (System.nanoTime() > deadline) {
                    return false;
                }
                CgroupsV1Isolator.sleep(pause);
                pause = Math.min(pause * 2, 100);
            }
        }

        @Override
        public ResourceUsage usage() {
            return ResourceUsage.ZERO;
        }

        @Override
        public MemoryOutcome memoryOutcome(long limitBytes) {
            return MemoryOutcome.NONE;
        }

        @Override
        public void cleanup() {
            // nothing was created
        }
    }
}
