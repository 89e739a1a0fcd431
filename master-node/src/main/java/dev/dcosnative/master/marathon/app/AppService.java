package dev.dcosnative.master.marathon.app;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.marathon.Marathon;
import dev.dcosnative.master.marathon.MarathonState;
import dev.dcosnative.master.marathon.app.core.AppDefaults;
import dev.dcosnative.master.marathon.app.core.AppNormalization;
import dev.dcosnative.master.marathon.app.core.AppValidation;
import dev.dcosnative.master.marathon.app.core.LabelSelector;
import dev.dcosnative.master.marathon.app.core.ValidationException;
import dev.dcosnative.master.marathon.deployment.DeploymentService;
import dev.dcosnative.master.marathon.deployment.ReadinessService;
import dev.dcosnative.master.marathon.deployment.core.DeploymentPlan;
import dev.dcosnative.master.marathon.group.ChangeService;
import dev.dcosnative.master.marathon.rest.MarathonApiException;
import dev.dcosnative.master.marathon.store.MarathonStore;
import dev.dcosnative.master.marathon.view.AppViews;
import dev.dcosnative.master.marathon.view.DeploymentViews;
import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.MarathonJson;
import dev.dcosnative.shared.marathon.PathId;

/**
 * The {@code /v2/apps} operations. Bodies are read, normalized and validated before touching the state (a bad body
 * changes nothing); the change itself runs on the Marathon actor through the {@link ChangeService}, so it is checked
 * against the tree and the running deployments and written whole, or not at all.
 */
@ApplicationScoped
public class AppService {

    /** A change that started a deployment; {@code created}: the app did not exist before. */
    public record Deployed(DeploymentPlan plan, boolean created, App app) {

        public ObjectNode body() {
            return DeploymentViews.result(plan);
        }
    }

    /** Which apps {@code GET /v2/apps} lists. */
    public record Filter(String cmd, String id, LabelSelector label) {
    }

    private final Marathon marathon;
    private final ChangeService changes;
    private final DeploymentService deployments;
    private final ReadinessService readiness;
    private final MarathonStore store;
    private final AppDefaults defaults;

    public AppService(Marathon marathon, ChangeService changes, DeploymentService deployments,
            ReadinessService readiness, MarathonStore store, MasterConfig config) {
        this.marathon = marathon;
        this.changes = changes;
        this.deployments = deployments;
        this.readiness = readiness;
        this.store = store;
        this.defaults = new AppDefaults(config.marathon().role(),
                config.marathon().defaultAcceptedResourceRoles());
    }

    // ------------------------------------------------------------------------------------------------------- reads

    public Uni<ObjectNode> list(Filter filter, Set<AppViews.Embed> embeds) {
        return marathon.ask(state -> {
            ObjectNode body = MarathonJson.MAPPER.createObjectNode();
            ArrayNode apps = body.putArray("apps");
            for (App app : state.apps().values()) {
                if (matches(app, filter)) {
                    apps.add(info(state, app, embeds));
                }
            }
            return body;
        });
    }

    /** {@code GET /v2/apps/{group}/*}: the apps below a group, as {@code {"*": [...]}}. */
    public Uni<ObjectNode> listGroup(PathId group, Set<AppViews.Embed> embeds) {
        return marathon.ask(state -> {
            if (!group.isRoot() && !state.groups().containsKey(group)) {
                throw MarathonApiException.groupNotFound(group);
            }
            ObjectNode body = MarathonJson.MAPPER.createObjectNode();
            ArrayNode apps = body.putArray("*");
            state.apps().values().stream().filter(a -> PathId.of(a.id()).within(group))
                    .forEach(a -> apps.add(info(state, a, embeds)));
            return body;
        });
    }

    public Uni<ObjectNode> get(PathId id, Set<AppViews.Embed> embeds) {
        return marathon.ask(state -> {
            App app = state.app(id).orElseThrow(() -> MarathonApiException.appNotFound(id));
            ObjectNode body = MarathonJson.MAPPER.createObjectNode();
            body.set("app", info(state, app, embeds));
            return body;
        });
    }

    /** The app as JSON with the embeds asked for; on the actor. */
    public ObjectNode info(MarathonState state, App app, Set<AppViews.Embed> embeds) {
        PathId id = PathId.of(app.id());
        List<String> running = deployments.affecting(Set.of(id)).stream().map(r -> r.plan().id()).toList();
        List<DeploymentViews.Readiness> results = embeds.contains(AppViews.Embed.READINESS)
                ? readiness.results(state, id).stream().map(r -> new DeploymentViews.Readiness(r.name(), r.taskId(),
                        r.ready(), r.status(), r.contentType(), r.body())).toList()
                : List.of();
        return AppViews.app(app, state, embeds, new AppViews.Extras(running, results));
    }

    public Uni<List<String>> versions(PathId id) {
        return marathon.ask(state -> {
            state.app(id).orElseThrow(() -> MarathonApiException.appNotFound(id));
            return store.appVersions(id);
        });
    }

    public Uni<App> version(PathId id, String version) {
        return marathon.ask(state -> {
            state.app(id).orElseThrow(() -> MarathonApiException.appNotFound(id));
            return store.appVersion(id, version).orElseThrow(() -> MarathonApiException.notFound(
                    "App '" + id + "' does not exist in version " + version));
        });
    }

    // ------------------------------------------------------------------------------------------------------ writes

    /** {@code POST /v2/apps}: 409 when the app exists. */
    public Uni<Deployed> create(byte[] body, boolean force, ChangeService.ApiRequest request) {
        App app = normalize(MarathonJson.read(body, App.class), PathId.ROOT);
        ValidationException.throwIfAny(AppValidation.validate(app));
        PathId id = PathId.of(app.id());
        return marathon.ask(state -> {
            if (state.app(id).isPresent()) {
                throw MarathonApiException.of(409, "An app with id [" + id + "] already exists.");
            }
            ChangeService.Target target = changes.current(state);
            target.apps().put(id, app);
            ChangeService.Result result = changes.deploy(state, target, Set.of(), Map.of(), force, request);
            return new Deployed(result.plan(), true, result.apps().get(id));
        });
    }

    /**
     * {@code PUT /v2/apps/{id}} (create or replace; {@code partialUpdate}: only the fields given change) and
     * {@code PATCH /v2/apps/{id}} ({@code mustExist}). A body with a {@code version} of the app rolls back to it.
     */
    public Uni<Deployed> update(PathId id, byte[] body, boolean partial, boolean mustExist, boolean force,
            ChangeService.ApiRequest request) {
        JsonNode tree = MarathonJson.readTree(body);
        if (!tree.isObject()) {
            throw new MarathonJson.InvalidJsonException(
                    List.of(new MarathonJson.ErrorDetail("/", List.of("error.expected.jsobject"))));
        }
        MarathonJson.convert(tree, App.class);
        return marathon.ask(state -> {
            App current = state.app(id).orElse(null);
            if (current == null && mustExist) {
                throw MarathonApiException.appNotFound(id);
            }
            App app = updated(id, current, (ObjectNode) tree, partial);
            ChangeService.Target target = changes.current(state);
            target.apps().put(id, app);
            ChangeService.Result result = changes.deploy(state, target, Set.of(), Map.of(), force, request);
            return new Deployed(result.plan(), current == null, result.apps().get(id));
        });
    }

    /** {@code PUT /v2/apps} and {@code PATCH /v2/apps} ({@code mustExist}): many apps, one deployment. */
    public Uni<Deployed> updateMany(byte[] body, boolean partial, boolean mustExist, boolean force,
            ChangeService.ApiRequest request) {
        JsonNode tree = MarathonJson.readTree(body);
        if (!tree.isArray()) {
            throw new MarathonJson.InvalidJsonException(
                    List.of(new MarathonJson.ErrorDetail("/", List.of("error.expected.jsarray"))));
        }
        List<ObjectNode> updates = new ArrayList<>();
        for (int i = 0; i < tree.size(); i++) {
            JsonNode item = tree.get(i);
            if (!item.isObject()) {
                throw new MarathonJson.InvalidJsonException(
                        List.of(new MarathonJson.ErrorDetail("(" + i + ")", List.of("error.expected.jsobject"))));
            }
            if (!item.path("id").isTextual()) {
                throw new ValidationException(List.of(dev.dcosnative.master.marathon.app.core.Violation.of(
                        "(" + i + ")/id", "App Update must have app id set")));
            }
            MarathonJson.convert(item, App.class);
            updates.add((ObjectNode) item);
        }
        return marathon.ask(state -> {
            ChangeService.Target target = changes.current(state);
            for (ObjectNode update : updates) {
                PathId id = PathId.of(update.get("id").textValue()).canonical();
                App current = state.app(id).orElse(null);
                if (current == null && mustExist) {
                    throw MarathonApiException.appNotFound(id);
                }
                target.apps().put(id, updated(id, current, update, partial));
            }
            ChangeService.Result result = changes.deploy(state, target, Set.of(), Map.of(), force, request);
            return new Deployed(result.plan(), false, null);
        });
    }

    /** {@code DELETE /v2/apps/{id}}. */
    public Uni<Deployed> delete(PathId id, boolean force, ChangeService.ApiRequest request) {
        return marathon.ask(state -> {
            App current = state.app(id).orElseThrow(() -> MarathonApiException.appNotFound(id));
            ChangeService.Target target = changes.current(state);
            target.apps().remove(id);
            ChangeService.Result result = changes.deploy(state, target, Set.of(), Map.of(), force, request);
            return new Deployed(result.plan(), false, current);
        });
    }

    /** {@code POST /v2/apps/{id}/restart}: every instance is replaced, as for a new configuration. */
    public Uni<Deployed> restart(PathId id, boolean force, ChangeService.ApiRequest request) {
        return marathon.ask(state -> {
            state.app(id).orElseThrow(() -> MarathonApiException.appNotFound(id));
            ChangeService.Result result = changes.deploy(state, changes.current(state), Set.of(id), Map.of(), force,
                    request);
            return new Deployed(result.plan(), false, result.apps().get(id));
        });
    }

    /** The app a PUT/PATCH body makes of {@code current} (null: a new app). On the actor. */
    private App updated(PathId id, App current, ObjectNode body, boolean partial) {
        if (current != null && body.path("version").isTextual() && onlyVersion(body)) {
            String version = body.get("version").textValue();
            App old = store.appVersion(id, version).orElseThrow(() -> MarathonApiException.notFound(
                    "Rollback version does not exist"));
            return old.withVersion(null, null);
        }
        ObjectNode merged;
        if (current != null && partial) {
            merged = MarathonJson.toTree(current);
            merged.remove(List.of("version", "versionInfo"));
            if (body.has("ports") && !body.has("portDefinitions")) {
                merged.remove("portDefinitions");
            }
            if (body.has("uris") && !body.has("fetch")) {
                merged.remove("fetch");
            }
            if (body.has("container") && body.path("container").path("docker").has("network")
                    && !body.has("networks")) {
                merged.remove("networks");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getKey().equals("id") && !field.getKey().equals("version")
                        && !field.getKey().equals("versionInfo")) {
                    merged.set(field.getKey(), field.getValue());
                }
            }
        } else {
            merged = body.deepCopy();
            merged.remove(List.of("version", "versionInfo"));
        }
        merged.put("id", id.toString());
        App app = normalize(AppValidation.withIdFromPath(MarathonJson.convert(merged, App.class), id), id.parent());
        ValidationException.throwIfAny(AppValidation.validate(app));
        return app;
    }

    private static boolean onlyVersion(ObjectNode body) {
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("version") && !name.equals("id")) {
                return false;
            }
        }
        return true;
    }

    private App normalize(App app, PathId base) {
        if (app.id() == null || app.id().isBlank()) {
            throw new ValidationException(List.of(dev.dcosnative.master.marathon.app.core.Violation.of("/id",
                    "error.path.missing")));
        }
        return AppNormalization.normalize(app, base, defaults);
    }

    private static boolean matches(App app, Filter filter) {
        if (filter.cmd() != null && (app.cmd() == null
                || !app.cmd().toLowerCase().contains(filter.cmd().toLowerCase()))) {
            return false;
        }
        if (filter.id() != null && !app.id().toLowerCase().contains(filter.id().toLowerCase())) {
            return false;
        }
        return filter.label() == null || filter.label().matches(app.labels());
    }

}
