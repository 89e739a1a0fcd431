package dev.dcosnative.master.marathon.store;

import java.util.List;
import java.util.Map;

/**
 * One version of a group, {@code <root>/groups/<name>/<version>}: its own settings and, to rebuild the tree as of that
 * version, the versions of its direct apps and the ids of its direct subgroups. Never the whole subtree.
 */
public record StoredGroup(String id, List<String> dependencies, Boolean enforceRole, String version,
        Map<String, String> apps, List<String> groups) {

    public StoredGroup {
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
        apps = apps == null ? Map.of() : Map.copyOf(apps);
        groups = groups == null ? List.of() : List.copyOf(groups);
    }
}
