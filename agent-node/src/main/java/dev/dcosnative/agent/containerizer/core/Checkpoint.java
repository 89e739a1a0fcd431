package dev.dcosnative.agent.containerizer.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code recover} needs to find a container again, kept in the run directory as {@code container.checkpoint}
 * ({@code key=value} lines). Written once before the supervisor starts (pids zero), and again once the task runs.
 *
 * @param containerId the container id
 * @param isolation {@link #CGROUPS_V1} or {@link #NONE}
 * @param cgroupRoot where the v1 hierarchies are mounted ({@code /sys/fs/cgroup}); empty without cgroups
 * @param cgroup the container's cgroup below each hierarchy ({@code dcos/<containerId>}); empty without cgroups
 * @param unified whether the container also has a cgroup in the v2 hierarchy {@code <cgroupRoot>/unified}
 * @param memoryLimitBytes the memory limit it was given (zero: unlimited), for the memory-limit message
 * @param bootId the kernel's boot id at launch: after a reboot every process of the container is gone
 * @param supervisorPid the supervisor's pid; zero until known
 * @param supervisorStartTicks the supervisor's start time (clock ticks since boot), guarding against pid reuse
 * @param taskPid the task's main process; zero until known. It leads the task's process group and session.
 * @param taskStartTicks the task's start time (clock ticks since boot); zero when unknown
 */
public record Checkpoint(String containerId, String isolation, String cgroupRoot, String cgroup, boolean unified,
        long memoryLimitBytes, String bootId, long supervisorPid, long supervisorStartTicks, long taskPid,
        long taskStartTicks) {

    public static final String CGROUPS_V1 = "cgroups-v1";
    public static final String NONE = "none";

    /** The same checkpoint once the supervisor and the task run. */
    public Checkpoint started(long supervisorPid, long supervisorStartTicks, long taskPid, long taskStartTicks) {
        return new Checkpoint(containerId, isolation, cgroupRoot, cgroup, unified, memoryLimitBytes, bootId,
                supervisorPid, supervisorStartTicks, taskPid, taskStartTicks);
    }

    /** The file's content. */
    public String render() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("container_id", containerId);
        values.put("isolation", isolation);
        values.put("cgroup_root", cgroupRoot);
        values.put("cgroup", cgroup);
        values.put("cgroup_unified", Boolean.toString(unified));
        values.put("memory_limit_bytes", Long.toString(memoryLimitBytes));
        values.put("boot_id", bootId);
        values.put("supervisor_pid", Long.toString(supervisorPid));
        values.put("supervisor_start_ticks", Long.toString(supervisorStartTicks));
        values.put("task_pid", Long.toString(taskPid));
        values.put("task_start_ticks", Long.toString(taskStartTicks));
        StringBuilder out = new StringBuilder();
        values.forEach((key, value) -> {
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new IllegalArgumentException(key + " must not hold a line break: " + value);
            }
            out.append(key).append('=').append(value).append('\n');
        });
        return out.toString();
    }

    /**
     * Reads a checkpoint file's content.
     *
     * @throws IllegalArgumentException when a key is missing or a number is malformed
     */
    public static Checkpoint parse(String content) {
        Map<String, String> values = new LinkedHashMap<>();
        content.lines().forEach(line -> {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        });
        return new Checkpoint(required(values, "container_id"), required(values, "isolation"),
                required(values, "cgroup_root"), required(values, "cgroup"),
                Boolean.parseBoolean(required(values, "cgroup_unified")),
                number(values, "memory_limit_bytes"), required(values, "boot_id"), number(values, "supervisor_pid"),
                number(values, "supervisor_start_ticks"), number(values, "task_pid"),
                number(values, "task_start_ticks"));
    }

    private static String required(Map<String, String> values, String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("the checkpoint has no " + key);
        }
        return value;
    }

    private static long number(Map<String, String> values, String key) {
        String value = required(values, key);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the checkpoint's " + key + " is not a number: " + value);
        }
    }
}
