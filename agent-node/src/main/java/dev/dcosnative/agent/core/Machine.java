package dev.dcosnative.agent.core;

/**
 * What the agent found on its machine, the input of resource detection.
 *
 * @param cpus logical CPUs
 * @param memoryBytes physical memory
 * @param diskBytes size of the file system holding the work directory
 */
public record Machine(int cpus, long memoryBytes, long diskBytes) {
}
