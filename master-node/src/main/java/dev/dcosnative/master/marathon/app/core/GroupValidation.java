package dev.dcosnative.master.marathon.app.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.PathId;

/**
 * Marathon's rules on the whole tree after a change ({@code RootGroup.validRootGroup} and {@code Group.validGroup}
 * upstream), over the apps and groups the change leaves: group ids are valid path ids, no app has the id of a group,
 * and dependencies form no cycle. A dependency on an id that exists nowhere is accepted, as Marathon accepts it (it
 * simply orders nothing).
 *
 * <p>
 * Upstream reports these rules at the position of the group in the submitted tree; with the tree given as flat maps
 * the path of a violation here is the id it concerns ({@code /prod/db}), {@code <group id>/dependencies(i)} for a
 * group's dependency, and {@code /} for a cycle.
 */
public final class GroupValidation {

    static final String APP_AND_GROUP = "Groups and Applications may not have the same identifier.";
    static final String CYCLE = "Dependency graph has cyclic dependencies.";
    static final String ONLY_FIELD = "not allowed in conjunction with other properties.";

    private GroupValidation() {
    }

    /**
     * The violations of a tree.
     *
     * @param apps every app after the change, by id
     * @param groups every group after the change, by id, with its dependencies (absolute, relative ones resolved
     *        against the group); the root need not be listed
     */
    public static List<Violation> validate(Map<PathId, App> apps, Map<PathId, List<PathId>> groups) {
        Violations violations = new Violations();
        for (Map.Entry<PathId, List<PathId>> group : sorted(groups).entrySet()) {
            groupId(group.getKey(), violations);
            List<PathId> dependencies = AppValidation.list(group.getValue());
            for (int i = 0; i < dependencies.size(); i++) {
                String path = (group.getKey().isRoot() ? "" : group.getKey()) + "/dependencies(" + i + ")";
                AppValidation.pathIdErrors(dependencies.get(i), false).forEach(e -> violations.add(path, e));
            }
        }
        for (PathId appId : sorted(apps).keySet()) {
            if (groups.containsKey(appId)) {
                violations.add(appId.toString(), APP_AND_GROUP);
            }
        }
        if (hasCycle(dependencyGraph(apps, groups))) {
            violations.add("/", CYCLE);
        }
        return violations.toList();
    }

    /**
     * A group update's {@code scaleBy} and {@code version} must each come alone ({@code theOnlyDefinedOptionIn}
     * upstream, which counts every other field given, the id included). Marathon does not check the value of
     * {@code scaleBy}; a factor that makes an instance count negative fails that app's validation.
     */
    public static List<Violation> validateUpdateFields(boolean scaleBy, boolean version, boolean otherFields) {
        Violations violations = new Violations();
        if (scaleBy && (version || otherFields)) {
            violations.add("/scaleBy", ONLY_FIELD);
        }
        if (version && (scaleBy || otherFields)) {
            violations.add("/version", ONLY_FIELD);
        }
        return violations.toList();
    }

    /** Only top-level groups may enforce their role. */
    public static List<Violation> validateEnforceRole(PathId groupId, Boolean enforceRole) {
        if (Boolean.TRUE.equals(enforceRole) && groupId.path().size() != 1) {
            return List.of(Violation.of("/enforceRole",
                    "enforceRole can only be set for top-level groups, and " + groupId + " is not top-level"));
        }
        return List.of();
    }

    private static void groupId(PathId id, Violations violations) {
        if (id.isRoot()) {
            return;
        }
        String path = id.toString();
        AppValidation.pathIdErrors(id, false).forEach(error -> violations.add(path, error));
        if (!id.absolute()) {
            violations.add(path, "Path needs to be absolute");
        }
    }

    /**
     * Marathon's dependency graph over apps: an app depends on the app it names, or on every app within the group it
     * names; every app within a group depends on every app within the groups the group names.
     */
    static Map<PathId, Set<PathId>> dependencyGraph(Map<PathId, App> apps, Map<PathId, List<PathId>> groups) {
        List<PathId> appIds = List.copyOf(sorted(apps).keySet());
        Map<PathId, Set<PathId>> edges = new LinkedHashMap<>();
        appIds.forEach(id -> edges.put(id, new LinkedHashSet<>()));
        for (Map.Entry<PathId, App> app : sorted(apps).entrySet()) {
            for (String dependency : AppValidation.list(app.getValue().dependencies())) {
                PathId target = PathId.of(dependency).canonical();
                if (apps.containsKey(target)) {
                    edges.get(app.getKey()).add(target);
                } else if (isGroup(target, groups)) {
                    edges.get(app.getKey()).addAll(appsWithin(target, appIds));
                }
            }
        }
        for (Map.Entry<PathId, List<PathId>> group : sorted(groups).entrySet()) {
            for (PathId dependency : AppValidation.list(group.getValue())) {
                if (isGroup(dependency, groups)) {
                    List<PathId> targets = appsWithin(dependency, appIds);
                    appsWithin(group.getKey(), appIds).forEach(source -> edges.get(source).addAll(targets));
                }
            }
        }
        return edges;
    }

    private static boolean isGroup(PathId id, Map<PathId, List<PathId>> groups) {
        return id.isRoot() || groups.containsKey(id);
    }

    private static List<PathId> appsWithin(PathId group, List<PathId> appIds) {
        List<PathId> within = new ArrayList<>();
        for (PathId id : appIds) {
            if (id.within(group) && !id.equals(group)) {
                within.add(id);
            }
        }
        return within;
    }

    /** Depth-first search; an app that depends on itself (directly or through its own group) is a cycle too. */
    static boolean hasCycle(Map<PathId, Set<PathId>> edges) {
        Map<PathId, Boolean> onStack = new HashMap<>();
        for (PathId start : edges.keySet()) {
            if (!onStack.containsKey(start) && reachesStack(start, edges, onStack)) {
                return true;
            }
        }
        return false;
    }

    private static boolean reachesStack(PathId node, Map<PathId, Set<PathId>> edges, Map<PathId, Boolean> onStack) {
        onStack.put(node, true);
        for (PathId next : edges.getOrDefault(node, Set.of())) {
            Boolean state = onStack.get(next);
            if (Boolean.TRUE.equals(state) || (state == null && reachesStack(next, edges, onStack))) {
                return true;
            }
        }
        onStack.put(node, false);
        return false;
    }

    private static <V> Map<PathId, V> sorted(Map<PathId, V> map) {
        return new TreeMap<>(map);
    }
}
