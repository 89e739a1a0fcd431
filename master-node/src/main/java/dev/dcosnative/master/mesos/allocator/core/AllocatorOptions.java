package dev.dcosnative.master.mesos.allocator.core;

import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * How a {@link DrfAllocator} decides.
 *
 * @param minAllocatable the smallest offer worth making (Mesos {@code --min_allocatable_resources})
 * @param fairnessExcludedResourceNames scalar resources that do not count toward shares (Mesos
 *        {@code --fair_sharing_excluded_resource_names}; DC/OS excludes {@code gpus})
 * @param random the source of the agent order shuffled at every cycle; the allocator is its only user
 */
public record AllocatorOptions(MinAllocatable minAllocatable, Set<String> fairnessExcludedResourceNames,
        RandomGenerator random) {

    /** DC/OS' {@code MESOS_MIN_ALLOCATABLE_RESOURCES}. */
    public static final String DEFAULT_MIN_ALLOCATABLE = "cpus:0.01;mem:32;ports:1";

    /** The seed of the default random source: a fixed seed keeps a master's decisions reproducible. */
    public static final long DEFAULT_SEED = 0x5EED_D0C5L;

    /** Checks that no component is null and keeps an immutable copy of the excluded names. */
    public AllocatorOptions {
        Objects.requireNonNull(minAllocatable, "minAllocatable");
        fairnessExcludedResourceNames = Set.copyOf(
                Objects.requireNonNull(fairnessExcludedResourceNames, "fairnessExcludedResourceNames"));
        Objects.requireNonNull(random, "random");
    }

    /**
     * DC/OS' allocator settings: offers need {@code cpus:0.01;mem:32;ports:1}, {@code gpus} do not count toward
     * shares, agents are shuffled by a {@link Random} seeded with {@link #DEFAULT_SEED}.
     */
    public static AllocatorOptions defaults() {
        return new AllocatorOptions(MinAllocatable.parse(DEFAULT_MIN_ALLOCATABLE), Set.of("gpus"),
                new Random(DEFAULT_SEED));
    }

    /** These options with another random source (e.g. a seeded one in tests). */
    public AllocatorOptions withRandom(RandomGenerator otherRandom) {
        return new AllocatorOptions(minAllocatable, fairnessExcludedResourceNames, otherRandom);
    }

    /** These options with another minimum offer. */
    public AllocatorOptions withMinAllocatable(MinAllocatable otherMinAllocatable) {
        return new AllocatorOptions(otherMinAllocatable, fairnessExcludedResourceNames, random);
    }
}
