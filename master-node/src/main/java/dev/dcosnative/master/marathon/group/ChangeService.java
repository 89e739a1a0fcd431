package dev.dcosnative.master.marathon.group;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.marathon.MarathonState;
import dev.dcosnative.master.marathon.app.core.GroupValidation;
import dev.dcosnative.master.marathon.app.core.ValidationException;
import dev.dcosnative.master.marathon.deployment.DeploymentService;
import dev.dcosnative.master.marathon.deployment.core.AppChanges;
import dev.dcosnative.master.marathon.deployment.core.DeploymentPlan;
import dev.dcosnative.master.marathon.deployment.core.DeploymentPlanner;
import dev.dcosnative.master.marathon.deployment.core.RootGroup;
import dev.dcosnative.master.marathon.event.EventBus;
import dev.dcosnative.master.marathon.instance.core.InstanceId;
import dev.dcosnative.master.marathon.launch.core.ServicePorts;
import dev.dcosnative.master.marathon.rest.MarathonApiException;
import dev.dcosnative.master.marathon.store.MarathonStore;
import dev.dcosnative.master.marathon.store.StoredGroup;
import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.MarathonJson;
import dev.dcosnative.shared.marathon.PathId;
import dev.dcosnative.shared.marathon.Timestamps;

/**
 * The one way Marathon's tree changes: every API write (an app created, updated, scaled, restarted or removed; a group
 * changed) describes the tree it wants, and this turns it into a deployment. The new and changed apps get the new
 * version (and their service ports), the groups on the way get new versions, the tree is validated as a whole, the
 * deployment is planned and checked against the running ones (409 unless {@code force}, which cancels them), and then
 * apps, groups and the deployment are written in one ZooKeeper transaction before anything changes in memory. A
 * change that would do nothing deploys nothing. Runs on the Marathon actor.
 */
@ApplicationScoped
public class ChangeService {

    /** What a caller wants the tree to become. */
    public record Target(Map<PathId, App> apps, Map<PathId, GroupSpec> groups) {
    }

    /** A group's own settings; apps and subgroups are implied by the ids. */
    public record GroupSpec(List<PathId> dependencies, Boolean enforceRole) {
        public GroupSpec {
            dependencies = List.copyOf(dependencies);
        }

        static GroupSpec of(StoredGroup group) {
            return new GroupSpec(group.dependencies().stream().map(PathId::of).toList(), group.enforceRole());
        }
    }

    /** What a change did: its plan (empty when nothing changed) and the apps as stored. */
    public record Result(DeploymentPlan plan, Map<PathId, App> apps) {
    }

    private final MarathonStore store;
    private final DeploymentService deployments;
    private final EventBus events;
    private final MasterConfig.Marathon config;
    private final Clock clock;
    private Instant lastVersion = Instant.EPOCH;

    public ChangeService(MarathonStore store, DeploymentService deployments, EventBus events, MasterConfig config,
            Clock clock) {
        this.store = store;
        this.deployments = deployments;
        this.events = events;
        this.config = config.marathon();
        this.clock = clock;
    }

    /** The tree as it is. */
    public Target current(MarathonState state) {
        Map<PathId, GroupSpec> groups = new TreeMap<>();
        state.groups().forEach((id, group) -> groups.put(id, GroupSpec.of(group)));
        return new Target(new TreeMap<>(state.apps()), groups);
    }

    /** A new version, later than every version handed out before. */
    public String nextVersion() {
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        lastVersion = now.isAfter(lastVersion) ? now : lastVersion.plusMillis(1);
        return Timestamps.format(lastVersion);
    }

    /**
     * Deploys {@code target}. {@code restart}: apps to restart even though their definition did not change;
     * {@code toKill}: instances a scale-down must kill.
     *
     * @throws ValidationException 422 when the tree is not valid
     * @throws MarathonApiException 409 when running deployments touch the same apps and {@code force} is false
     */
    public Result deploy(MarathonState state, Target target, Set<PathId> restart,
            Map<PathId, List<InstanceId>> toKill, boolean force, ApiRequest request) {
        String version = nextVersion();
        Map<PathId, App> apps = versioned(state, target.apps(), restart, version);
        Map<PathId, List<PathId>> groupDependencies = new TreeMap<>();
        Map<PathId, GroupSpec> groups = withAncestors(target.groups(), apps.keySet());
        groups.forEach((id, spec) -> groupDependencies.put(id, spec.dependencies()));
        ValidationException.throwIfAny(GroupValidation.validate(apps, groupDependencies));

        RootGroup original = new RootGroup(state.apps(), currentDependencies(state));
        RootGroup wanted = new RootGroup(apps, groupDependencies);
        DeploymentPlan plan = DeploymentPlanner.plan(original, wanted, UUID.randomUUID().toString(), version, toKill);

        List<DeploymentService.Running> conflicts = deployments.affecting(plan.affectedApps());
        if (!conflicts.isEmpty() && !force) {
            throw MarathonApiException.locked(conflicts.stream().map(r -> r.plan().id()).toList());
        }
        if (!plan.isEmpty() && deployments.count() - conflicts.size() >= config.maxRunningDeployments()) {
            throw MarathonApiException.of(403, "Max deployments limit reached: the maximum number of running "
                    + "deployments (" + config.maxRunningDeployments() + ") is reached. Wait for running "
                    + "deployments to finish or cancel them");
        }

        MarathonStore.Batch batch = store.batch();
        Map<PathId, App> changed = new LinkedHashMap<>();
        apps.forEach((id, app) -> {
            if (!app.equals(state.apps().get(id))) {
                changed.put(id, app);
                batch.app(app);
            }
        });
        Set<PathId> removed = new TreeSet<>(state.apps().keySet());
        removed.removeAll(apps.keySet());
        removed.forEach(batch::removeApp);
        Map<PathId, StoredGroup> storedGroups = storedGroups(state, apps, groups, changed.keySet(), removed,
                version);
        Set<PathId> removedGroups = new TreeSet<>(state.groups().keySet());
        removedGroups.removeAll(storedGroups.keySet());
        storedGroups.forEach((id, group) -> {
            if (!group.equals(state.groups().get(id))) {
                batch.group(group);
            }
        });
        removedGroups.forEach(batch::removeGroup);
        conflicts.forEach(r -> deployments.cancel(batch, r.plan().id()));
        if (!plan.isEmpty()) {
            batch.deployment(deployments.stored(plan, toKill, 0));
        }
        store.write(batch);

        state.apps().clear();
        state.apps().putAll(apps);
        state.groups().clear();
        state.groups().putAll(storedGroups);
        conflicts.forEach(r -> deployments.cancelled(r.plan().id()));
        for (App app : changed.values()) {
            ObjectNode posted = events.event("api_post_event");
            posted.put("clientIp", request.clientIp());
            posted.put("uri", request.uri());
            posted.set("appDefinition", MarathonJson.toTree(app));
            events.publish(posted);
        }
        for (PathId id : removed) {
            ObjectNode terminated = events.event("app_terminated_event");
            terminated.put("appId", id.toString());
            events.publish(terminated);
        }
        if (!plan.isEmpty()) {
            deployments.started(state, plan, toKill);
        }
        return new Result(plan, apps);
    }

    /** Who asked, for {@code api_post_event}. */
    public record ApiRequest(String clientIp, String uri) {
    }

    /**
     * The apps with versions: their 0 service ports assigned (an app keeps the ports it had), then unchanged ones
     * kept as they are and changed ones stamped with {@code version} (a scale keeps the configuration version).
     */
    private Map<PathId, App> versioned(MarathonState state, Map<PathId, App> target, Set<PathId> restart,
            String version) {
        List<App> dynamic = new ArrayList<>();
        Map<String, App> previous = new LinkedHashMap<>();
        Set<Integer> used = new HashSet<>();
        Map<PathId, App> assigned = new TreeMap<>();
        for (Map.Entry<PathId, App> entry : target.entrySet()) {
            if (ServicePorts.hasDynamic(entry.getValue())) {
                dynamic.add(entry.getValue());
                App before = state.apps().get(entry.getKey());
                if (before != null) {
                    previous.put(before.id(), before);
                }
            } else {
                used.addAll(ServicePorts.of(entry.getValue()));
                assigned.put(entry.getKey(), entry.getValue());
            }
        }
        try {
            for (App app : ServicePorts.assignAll(dynamic, previous, used,
                    new ServicePorts.PortRange(config.localPortMin(), config.localPortMax()))) {
                assigned.put(PathId.of(app.id()), app);
            }
        } catch (ServicePorts.PortRangeExhaustedException e) {
            throw MarathonApiException.of(422, e.getMessage());
        }
        Map<PathId, App> result = new TreeMap<>();
        assigned.forEach((id, after) -> {
            App before = state.apps().get(id);
            if (before != null && !restart.contains(id)
                    && before.withVersion(null, null).equals(after.withVersion(null, null))) {
                result.put(id, before);
                return;
            }
            boolean config = before == null || restart.contains(id) || AppChanges.isUpgrade(before, after);
            String configVersion = config ? version : AppChanges.configVersion(before);
            result.put(id, after.withVersion(version, new App.VersionInfo(version, configVersion)));
        });
        return result;
    }

    /** The groups wanted plus every ancestor of an app or group (created with no settings), and the root. */
    private static Map<PathId, GroupSpec> withAncestors(Map<PathId, GroupSpec> groups, Set<PathId> apps) {
        Map<PathId, GroupSpec> all = new TreeMap<>(groups);
        all.putIfAbsent(PathId.ROOT, new GroupSpec(List.of(), null));
        for (PathId id : new ArrayList<>(groups.keySet())) {
            id.ancestors().forEach(a -> all.putIfAbsent(a, new GroupSpec(List.of(), null)));
        }
        for (PathId app : apps) {
            app.ancestors().forEach(a -> all.putIfAbsent(a, new GroupSpec(List.of(), null)));
        }
        return all;
    }

    private static Map<PathId, List<PathId>> currentDependencies(MarathonState state) {
        Map<PathId, List<PathId>> deps = new TreeMap<>();
        state.groups().forEach((id, g) -> deps.put(id, g.dependencies().stream().map(PathId::of).toList()));
        return deps;
    }

    /**
     * The group records of the new tree: a group gets the new version when its settings or anything below it
     * changed, and keeps its record otherwise.
     */
    private static Map<PathId, StoredGroup> storedGroups(MarathonState state, Map<PathId, App> apps,
            Map<PathId, GroupSpec> groups, Set<PathId> changedApps, Set<PathId> removedApps, String version) {
        Set<PathId> touched = new HashSet<>();
        for (PathId app : changedApps) {
            touched.addAll(app.ancestors());
        }
        for (PathId app : removedApps) {
            touched.addAll(app.ancestors());
        }
        for (Map.Entry<PathId, GroupSpec> entry : groups.entrySet()) {
            StoredGroup existing = state.groups().get(entry.getKey());
            if (existing == null || !GroupSpec.of(existing).equals(entry.getValue())) {
                touched.add(entry.getKey());
                touched.addAll(entry.getKey().ancestors());
            }
        }
        for (PathId gone : state.groups().keySet()) {
            if (!groups.containsKey(gone)) {
                touched.addAll(gone.ancestors());
            }
        }
        Map<PathId, StoredGroup> result = new TreeMap<>();
        for (Map.Entry<PathId, GroupSpec> entry : groups.entrySet()) {
            PathId id = entry.getKey();
            StoredGroup existing = state.groups().get(id);
            if (existing != null && !touched.contains(id)) {
                result.put(id, existing);
                continue;
            }
            Map<String, String> children = new TreeMap<>();
            apps.forEach((appId, app) -> {
                if (appId.parent().equals(id)) {
                    children.put(appId.toString(), app.version());
                }
            });
            List<String> subgroups = groups.keySet().stream().filter(g -> !g.isRoot() && g.parent().equals(id))
                    .map(PathId::toString).toList();
            result.put(id, new StoredGroup(id.toString(),
                    entry.getValue().dependencies().stream().map(PathId::toString).toList(),
                    entry.getValue().enforceRole(), version, children, subgroups));
        }
        return result;
    }
}
