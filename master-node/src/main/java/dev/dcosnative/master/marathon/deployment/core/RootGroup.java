package dev.dcosnative.master.marathon.deployment.core;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.PathId;

/**
 * What a deployment goes from and to: every app of the group tree by its absolute id (normalized definitions), and
 * the {@code dependencies} each group declares, by group id (ids of apps or groups; a relative one is resolved
 * against the group's parent, as an app's are against its group). Groups themselves matter to a plan only through
 * their dependencies: an app inherits those of every group it lies in.
 */
public record RootGroup(Map<PathId, App> apps, Map<PathId, List<PathId>> groupDependencies) {

    public static final RootGroup EMPTY = new RootGroup(Map.of(), Map.of());

    public RootGroup {
        apps = Collections.unmodifiableMap(new TreeMap<>(apps));
        TreeMap<PathId, List<PathId>> dependencies = new TreeMap<>();
        groupDependencies.forEach((group, ids) -> dependencies.put(group, List.copyOf(ids)));
        groupDependencies = Collections.unmodifiableMap(dependencies);
    }

    /** A tree whose groups declare no dependencies. */
    public static RootGroup of(Map<PathId, App> apps) {
        return new RootGroup(apps, Map.of());
    }

    public RootGroup withApps(Map<PathId, App> newApps) {
        return new RootGroup(newApps, groupDependencies);
    }

    public RootGroup withGroupDependencies(Map<PathId, List<PathId>> dependencies) {
        return new RootGroup(apps, dependencies);
    }
}
