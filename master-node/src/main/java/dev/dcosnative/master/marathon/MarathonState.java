package dev.dcosnative.master.marathon;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.dcosnative.master.marathon.instance.core.Instance;
import dev.dcosnative.master.marathon.instance.core.InstanceId;
import dev.dcosnative.master.marathon.store.StoredGroup;
import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.PathId;

/**
 * Marathon's state in memory, owned by the {@link MarathonActor}: the current apps and groups, the instances, and the
 * framework id. Every change here follows a successful store write. Read elsewhere only through snapshots taken on
 * the actor.
 */
public final class MarathonState {

    private String frameworkId;
    private final NavigableMap<PathId, App> apps = new TreeMap<>();
    private final NavigableMap<PathId, StoredGroup> groups = new TreeMap<>();
    private final Map<InstanceId, Instance> instances = new LinkedHashMap<>();
    private final Map<PathId, Set<InstanceId>> instancesByApp = new LinkedHashMap<>();
    private final Map<PathId, TaskFailure> lastFailures = new LinkedHashMap<>();

    /** The last task of an app that ended on its own ({@code lastTaskFailure}); kept in memory only. */
    public record TaskFailure(PathId appId, String taskId, String state, String message, String host,
            String agentId, String version, java.time.Instant timestamp) {
    }

    public Optional<TaskFailure> lastFailure(PathId app) {
        return Optional.ofNullable(lastFailures.get(app));
    }

    public void failed(TaskFailure failure) {
        lastFailures.put(failure.appId(), failure);
    }

    public Optional<String> frameworkId() {
        return Optional.ofNullable(frameworkId);
    }

    public void frameworkId(String id) {
        this.frameworkId = id;
    }

    public NavigableMap<PathId, App> apps() {
        return apps;
    }

    public Optional<App> app(PathId id) {
        return Optional.ofNullable(apps.get(id));
    }

    public NavigableMap<PathId, StoredGroup> groups() {
        return groups;
    }

    public Optional<Instance> instance(InstanceId id) {
        return Optional.ofNullable(instances.get(id));
    }

    public Collection<Instance> instances() {
        return instances.values();
    }

    /** The instances of an app, in launch order. */
    public List<Instance> instancesOf(PathId app) {
        Set<InstanceId> ids = instancesByApp.get(app);
        if (ids == null) {
            return List.of();
        }
        List<Instance> list = new ArrayList<>(ids.size());
        for (InstanceId id : ids) {
            list.add(instances.get(id));
        }
        return list;
    }

    public void put(Instance instance) {
        instances.put(instance.id(), instance);
        instancesByApp.computeIfAbsent(instance.appId(), k -> new LinkedHashSet<>()).add(instance.id());
    }

    public void remove(InstanceId id) {
        Instance removed = instances.remove(id);
        if (removed != null) {
            Set<InstanceId> ids = instancesByApp.get(removed.appId());
            if (ids != null) {
                ids.remove(id);
                if (ids.isEmpty()) {
                    instancesByApp.remove(removed.appId());
                }
            }
        }
    }

    public void clear() {
        frameworkId = null;
        apps.clear();
        groups.clear();
        instances.clear();
        instancesByApp.clear();
        lastFailures.clear();
    }
}
