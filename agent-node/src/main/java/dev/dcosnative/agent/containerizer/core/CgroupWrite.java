package dev.dcosnative.agent.containerizer.core;

/**
 * One value to write into a control file of a container's cgroup.
 *
 * @param controller the v1 hierarchy, e.g. {@code memory}
 * @param file the control file, e.g. {@code memory.limit_in_bytes}
 * @param value what to write
 */
public record CgroupWrite(String controller, String file, String value) {
}
