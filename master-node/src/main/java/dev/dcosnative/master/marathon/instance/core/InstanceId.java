package dev.dcosnative.master.marathon.instance.core;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.dcosnative.shared.marathon.PathId;

/**
 * An instance's id, {@code <app path with / → _>.instance-<uuid>} ({@code prod_db.instance-8c0e...}), and the ids of
 * its tasks, {@code <instance id>._app.<incarnation>}: an instance that is relaunched in place gets a new incarnation,
 * so every Mesos task id is used once.
 */
public record InstanceId(String value) implements Comparable<InstanceId> {

    private static final Pattern INSTANCE = Pattern.compile("^(.+)\\.(instance-|marathon-)([^.]+)$");
    private static final Pattern TASK = Pattern.compile("^(.+\\.(?:instance-|marathon-)[^.]+)(?:\\._app\\.(\\d+))?$");

    public static InstanceId forApp(PathId appId, UUID uuid) {
        return new InstanceId(appId.safePath() + ".instance-" + uuid);
    }

    /** The instance a Mesos task id belongs to; null when the id is not one of Marathon's. */
    public static InstanceId ofTaskId(String taskId) {
        Matcher m = TASK.matcher(taskId);
        return m.matches() ? new InstanceId(m.group(1)) : null;
    }

    /** The incarnation of a task id ({@code ._app.<n>}); 0 for a legacy id without one. */
    public static int incarnationOf(String taskId) {
        Matcher m = TASK.matcher(taskId);
        return m.matches() && m.group(2) != null ? Integer.parseInt(m.group(2)) : 0;
    }

    public String taskId(int incarnation) {
        return value + "._app." + incarnation;
    }

    public PathId appId() {
        Matcher m = INSTANCE.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("Not an instance id: " + value);
        }
        return PathId.fromSafePath(m.group(1));
    }

    public static boolean isValid(String value) {
        return INSTANCE.matcher(value).matches();
    }

    @Override
    public int compareTo(InstanceId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
