package dev.dcosnative.master.marathon.deployment.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.PathId;

/**
 * Which app depends on which, as Marathon's {@code RootGroup.dependencyGraph} builds it: an app depends on the apps
 * it names in {@code dependencies}, and on those its groups name; a dependency on a group is a dependency on every
 * app in it (subgroups included). Validation rejects cycles; should one slip through, the edge that closes it is
 * ignored rather than looping.
 */
final class DependencyGraph {

    private final Map<PathId, Set<PathId>> dependencies = new HashMap<>();
    private final Map<PathId, Integer> depth = new HashMap<>();

    private DependencyGraph(RootGroup root) {
        for (Map.Entry<PathId, App> entry : root.apps().entrySet()) {
            dependencies.put(entry.getKey(), dependenciesOf(entry.getKey(), entry.getValue(), root));
        }
    }

    static DependencyGraph of(RootGroup root) {
        return new DependencyGraph(root);
    }

    /** The apps {@code app} depends on directly. */
    Set<PathId> dependenciesOf(PathId app) {
        return dependencies.getOrDefault(app, Set.of());
    }

    /**
     * The number of apps on the longest dependency chain that starts at {@code app}: 1 for an app that depends on
     * nothing. Apps with the same depth can be deployed in the same step, after every smaller depth.
     */
    int depth(PathId app) {
        return depth(app, new HashSet<>());
    }

    private int depth(PathId app, Set<PathId> onPath) {
        Integer known = depth.get(app);
        if (known != null) {
            return known;
        }
        onPath.add(app);
        int deepest = 0;
        for (PathId dependency : dependenciesOf(app)) {
            if (!onPath.contains(dependency)) {
                deepest = Math.max(deepest, depth(dependency, onPath));
            }
        }
        onPath.remove(app);
        depth.put(app, deepest + 1);
        return deepest + 1;
    }

    private static Set<PathId> dependenciesOf(PathId appId, App app, RootGroup root) {
        List<PathId> declared = new ArrayList<>();
        if (app.dependencies() != null) {
            app.dependencies().forEach(d -> declared.add(PathId.of(d).canonical(appId.parent())));
        }
        for (PathId group : appId.ancestors()) {
            for (PathId dependency : root.groupDependencies().getOrDefault(group, List.of())) {
                declared.add(dependency.canonical(group.parent()));
            }
        }
        Set<PathId> resolved = new TreeSet<>();
        for (PathId id : declared) {
            resolved.addAll(appsAt(id, root));
        }
        resolved.remove(appId);
        return resolved;
    }

    /** The app with this id, or every app in the group with this id. */
    private static Set<PathId> appsAt(PathId id, RootGroup root) {
        if (root.apps().containsKey(id)) {
            return Set.of(id);
        }
        Set<PathId> apps = new TreeSet<>();
        for (PathId app : root.apps().keySet()) {
            if (app.within(id)) {
                apps.add(app);
            }
        }
        return apps;
    }
}
