package dev.dcosnative.master.marathon.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.marathon.Marathon;
import dev.dcosnative.master.marathon.MarathonState;
import dev.dcosnative.master.marathon.app.AppService;
import dev.dcosnative.master.marathon.app.core.AppDefaults;
import dev.dcosnative.master.marathon.app.core.AppNormalization;
import dev.dcosnative.master.marathon.app.core.AppValidation;
import dev.dcosnative.master.marathon.app.core.ValidationException;
import dev.dcosnative.master.marathon.app.core.Violation;
import dev.dcosnative.master.marathon.deployment.core.DeploymentPlan;
import dev.dcosnative.master.marathon.rest.MarathonApiException;
import dev.dcosnative.master.marathon.store.MarathonStore;
import dev.dcosnative.master.marathon.store.StoredGroup;
import dev.dcosnative.master.marathon.view.AppViews;
import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.MarathonJson;
import dev.dcosnative.shared.marathon.PathId;

/**
 * The {@code /v2/groups} operations: the group tree with its apps, and changes to a whole subtree in one deployment.
 * A group update ({@code {id, apps, groups, dependencies, enforceRole}}) replaces what it names: given {@code apps},
 * the group's own apps become exactly those; given {@code groups}, its subgroups become exactly those (recursively);
 * ids are relative to the group. {@code scaleBy} scales every app below the group; {@code version} rolls the group
 * back to one of its versions.
 */
@ApplicationScoped
public class GroupService {

    private final Marathon marathon;
    private final ChangeService changes;
    private final AppService apps;
    private final MarathonStore store;
    private final AppDefaults defaults;

    public GroupService(Marathon marathon, ChangeService changes, AppService apps, MarathonStore store,
            MasterConfig config) {
        this.marathon = marathon;
        this.changes = changes;
        this.apps = apps;
        this.store = store;
        this.defaults = new AppDefaults(config.marathon().role(),
                config.marathon().defaultAcceptedResourceRoles());
    }

    /** What a group view shows: subgroups, apps (with their own embeds). */
    public record Embeds(boolean groups, boolean apps, Set<AppViews.Embed> appEmbeds) {
    }

    public Uni<ObjectNode> get(PathId id, Embeds embeds) {
        return marathon.ask(state -> {
            if (!id.isRoot() && !state.groups().containsKey(id)) {
                throw MarathonApiException.groupNotFound(id);
            }
            return view(state, id, embeds);
        });
    }

    private ObjectNode view(MarathonState state, PathId id, Embeds embeds) {
        ObjectNode node = MarathonJson.MAPPER.createObjectNode();
        StoredGroup group = state.groups().get(id);
        node.put("id", id.toString());
        ArrayNode dependencies = node.putArray("dependencies");
        if (group != null) {
            group.dependencies().forEach(dependencies::add);
        }
        node.put("version", group == null ? null : group.version());
        if (embeds.apps()) {
            ArrayNode appNodes = node.putArray("apps");
            state.apps().values().stream().filter(a -> PathId.of(a.id()).parent().equals(id))
                    .forEach(a -> appNodes.add(apps.info(state, a, embeds.appEmbeds())));
        }
        if (embeds.groups()) {
            ArrayNode groupNodes = node.putArray("groups");
            state.groups().keySet().stream().filter(g -> !g.isRoot() && g.parent().equals(id))
                    .forEach(g -> groupNodes.add(view(state, g, embeds)));
        }
        node.putArray("pods");
        if (group != null && group.enforceRole() != null) {
            node.put("enforceRole", group.enforceRole());
        }
        return node;
    }

    public Uni<List<String>> versions(PathId id) {
        return marathon.ask(state -> {
            if (!id.isRoot() && !state.groups().containsKey(id)) {
                throw MarathonApiException.groupNotFound(id);
            }
            return store.groupVersions(id);
        });
    }

    /** The group as it was in {@code version}, with its apps of then. */
    public Uni<ObjectNode> version(PathId id, String version) {
        return marathon.ask(state -> versionView(id, version).orElseThrow(() -> MarathonApiException.notFound(
                "Group '" + id + "' does not exist in version " + version)));
    }

    private Optional<ObjectNode> versionView(PathId id, String version) {
        Optional<StoredGroup> stored = store.groupVersion(id, version);
        if (stored.isEmpty()) {
            List<String> older = store.groupVersions(id).stream().filter(v -> v.compareTo(version) <= 0).toList();
            if (older.isEmpty()) {
                return Optional.empty();
            }
            stored = store.groupVersion(id, older.get(older.size() - 1));
        }
        StoredGroup group = stored.get();
        ObjectNode node = MarathonJson.MAPPER.createObjectNode();
        node.put("id", group.id());
        ArrayNode dependencies = node.putArray("dependencies");
        group.dependencies().forEach(dependencies::add);
        node.put("version", group.version());
        ArrayNode appNodes = node.putArray("apps");
        new TreeMap<>(group.apps()).forEach((appId, appVersion) -> store.appVersion(PathId.of(appId), appVersion)
                .ifPresent(app -> appNodes.add(MarathonJson.toTree(app))));
        ArrayNode groupNodes = node.putArray("groups");
        group.groups().forEach(g -> versionView(PathId.of(g), version).ifPresent(groupNodes::add));
        node.putArray("pods");
        return Optional.of(node);
    }

    /** {@code POST /v2/groups}: a new group; 409 when it exists. */
    public Uni<DeploymentPlan> create(byte[] body, boolean force, ChangeService.ApiRequest request) {
        JsonNode update = object(body);
        if (!update.path("id").isTextual()) {
            throw new ValidationException(List.of(Violation.of("/id", "error.path.missing")));
        }
        PathId id = PathId.of(update.get("id").textValue()).canonical();
        return marathon.ask(state -> {
            if (state.groups().containsKey(id) || id.isRoot()) {
                throw MarathonApiException.of(409, "Group " + id + " is already created. Use PUT to change this "
                        + "group.");
            }
            if (state.apps().containsKey(id)) {
                throw MarathonApiException.of(409, "An app with the path " + id + " already exists.");
            }
            ChangeService.Target target = changes.current(state);
            apply(state, target, id, update, "");
            return changes.deploy(state, target, Set.of(), java.util.Map.of(), force, request).plan();
        });
    }

    /** {@code PUT /v2/groups/{id}}: update (or create) the group; {@code scaleBy} and {@code version} too. */
    public Uni<DeploymentPlan> update(PathId id, byte[] body, boolean force, ChangeService.ApiRequest request) {
        JsonNode update = object(body);
        return marathon.ask(state -> {
            ChangeService.Target target = changes.current(state);
            if (update.has("scaleBy")) {
                if (!update.get("scaleBy").isNumber() || update.get("scaleBy").doubleValue() <= 0) {
                    throw new ValidationException(List.of(Violation.of("/scaleBy", "is not a positive number")));
                }
                if (!id.isRoot() && !state.groups().containsKey(id)) {
                    throw MarathonApiException.groupNotFound(id);
                }
                double factor = update.get("scaleBy").doubleValue();
                target.apps().replaceAll((appId, app) -> PathId.of(app.id()).within(id)
                        ? app.withInstances((int) Math.ceil(app.instances() * factor))
                        : app);
            } else if (update.path("version").isTextual()) {
                rollback(state, target, id, update.get("version").textValue());
            } else {
                apply(state, target, id, update, "");
            }
            return changes.deploy(state, target, Set.of(), java.util.Map.of(), force, request).plan();
        });
    }

    /** {@code DELETE /v2/groups/{id}}: the group, its subgroups and all their apps. */
    public Uni<DeploymentPlan> delete(PathId id, boolean force, ChangeService.ApiRequest request) {
        return marathon.ask(state -> {
            if (!id.isRoot() && !state.groups().containsKey(id)) {
                throw MarathonApiException.groupNotFound(id);
            }
            ChangeService.Target target = changes.current(state);
            removeSubtree(target, id, !id.isRoot());
            return changes.deploy(state, target, Set.of(), java.util.Map.of(), force, request).plan();
        });
    }

    /** Applies a group update at {@code id} to {@code target}; {@code path} prefixes validation paths. */
    private void apply(MarathonState state, ChangeService.Target target, PathId id, JsonNode update, String path) {
        ChangeService.GroupSpec spec = target.groups().getOrDefault(id, new ChangeService.GroupSpec(List.of(),
                null));
        List<PathId> dependencies = spec.dependencies();
        if (update.has("dependencies")) {
            if (!update.get("dependencies").isArray()) {
                throw invalid(path + "/dependencies", "error.expected.jsarray");
            }
            dependencies = new ArrayList<>();
            for (JsonNode dependency : update.get("dependencies")) {
                if (!dependency.isTextual()) {
                    throw invalid(path + "/dependencies", "error.expected.jsstring");
                }
                dependencies.add(PathId.of(dependency.textValue()).canonical(id));
            }
        }
        Boolean enforceRole = spec.enforceRole();
        if (update.has("enforceRole")) {
            if (!update.get("enforceRole").isBoolean()) {
                throw invalid(path + "/enforceRole", "error.expected.jsboolean");
            }
            enforceRole = update.get("enforceRole").booleanValue();
        }
        target.groups().put(id, new ChangeService.GroupSpec(dependencies, enforceRole));
        if (update.has("apps")) {
            JsonNode appList = update.get("apps");
            if (!appList.isArray()) {
                throw invalid(path + "/apps", "error.expected.jsarray");
            }
            target.apps().keySet().removeIf(app -> app.parent().equals(id));
            for (int i = 0; i < appList.size(); i++) {
                String appPath = path + "/apps(" + i + ")";
                App app;
                try {
                    app = MarathonJson.convert(appList.get(i), App.class);
                } catch (MarathonJson.InvalidJsonException e) {
                    throw new MarathonJson.InvalidJsonException(e.details().stream()
                            .map(d -> new MarathonJson.ErrorDetail(prefix(appPath, d.path()), d.errors())).toList());
                }
                if (app.id() == null) {
                    throw new ValidationException(List.of(Violation.of(appPath + "/id", "error.path.missing")));
                }
                App normalized = AppNormalization.normalize(app, id, defaults);
                List<Violation> violations = AppValidation.validate(normalized);
                if (!violations.isEmpty()) {
                    throw new ValidationException(violations.stream()
                            .map(v -> new Violation(prefix(appPath, v.path()), v.errors())).toList());
                }
                PathId appId = PathId.of(normalized.id());
                if (!appId.parent().equals(id)) {
                    throw new ValidationException(List.of(Violation.of(appPath + "/id",
                            "Identifier is not child of " + id + ". Hint: use relative paths.")));
                }
                target.apps().put(appId, normalized);
            }
        }
        if (update.has("groups")) {
            JsonNode groups = update.get("groups");
            if (!groups.isArray()) {
                throw invalid(path + "/groups", "error.expected.jsarray");
            }
            List<PathId> listed = new ArrayList<>();
            for (int i = 0; i < groups.size(); i++) {
                JsonNode group = groups.get(i);
                if (!group.path("id").isTextual()) {
                    throw new ValidationException(List.of(Violation.of(path + "/groups(" + i + ")/id",
                            "error.path.missing")));
                }
                PathId groupId = PathId.of(group.get("id").textValue()).canonical(id);
                if (!groupId.parent().equals(id)) {
                    throw new ValidationException(List.of(Violation.of(path + "/groups(" + i + ")/id",
                            "Identifier is not child of " + id + ". Hint: use relative paths.")));
                }
                listed.add(groupId);
            }
            for (PathId existing : new ArrayList<>(target.groups().keySet())) {
                if (!existing.isRoot() && existing.parent().equals(id) && !listed.contains(existing)) {
                    removeSubtree(target, existing, true);
                }
            }
            for (int i = 0; i < groups.size(); i++) {
                apply(state, target, listed.get(i), groups.get(i), path + "/groups(" + i + ")");
            }
        }
    }

    private void rollback(MarathonState state, ChangeService.Target target, PathId id, String version) {
        ObjectNode old = versionView(id, version).orElseThrow(() -> MarathonApiException.notFound(
                "Group '" + id + "' does not exist in version " + version));
        removeSubtree(target, id, false);
        restore(target, old);
    }

    private static void restore(ChangeService.Target target, JsonNode group) {
        PathId id = PathId.of(group.get("id").textValue());
        List<PathId> dependencies = new ArrayList<>();
        group.path("dependencies").forEach(d -> dependencies.add(PathId.of(d.textValue())));
        target.groups().put(id, new ChangeService.GroupSpec(dependencies, null));
        for (JsonNode app : group.path("apps")) {
            App restored = MarathonJson.convert(app, App.class);
            target.apps().put(PathId.of(restored.id()), restored.withVersion(null, null));
        }
        group.path("groups").forEach(g -> restore(target, g));
    }

    private static void removeSubtree(ChangeService.Target target, PathId id, boolean removeGroup) {
        target.apps().keySet().removeIf(app -> app.within(id));
        target.groups().keySet().removeIf(g -> g.within(id) && (removeGroup || !g.equals(id)));
    }

    private static JsonNode object(byte[] body) {
        JsonNode tree = MarathonJson.readTree(body);
        if (!tree.isObject()) {
            throw new MarathonJson.InvalidJsonException(
                    List.of(new MarathonJson.ErrorDetail("/", List.of("error.expected.jsobject"))));
        }
        return tree;
    }

    private static MarathonJson.InvalidJsonException invalid(String path, String error) {
        return new MarathonJson.InvalidJsonException(List.of(new MarathonJson.ErrorDetail(path, List.of(error))));
    }

    private static String prefix(String prefix, String path) {
        return "/".equals(path) ? prefix : prefix + path;
    }
}
