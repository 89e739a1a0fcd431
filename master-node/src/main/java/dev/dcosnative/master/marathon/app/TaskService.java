package dev.dcosnative.master.marathon.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

import dev.dcosnative.master.marathon.Marathon;
import dev.dcosnative.master.marathon.MarathonState;
import dev.dcosnative.master.marathon.group.ChangeService;
import dev.dcosnative.master.marathon.instance.KillService;
import dev.dcosnative.master.marathon.instance.core.Condition;
import dev.dcosnative.master.marathon.instance.core.Instance;
import dev.dcosnative.master.marathon.instance.core.InstanceId;
import dev.dcosnative.master.marathon.rest.MarathonApiException;
import dev.dcosnative.master.marathon.view.AppViews;
import dev.dcosnative.master.marathon.view.DeploymentViews;
import dev.dcosnative.master.marathon.view.TaskViews;
import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.MarathonJson;
import dev.dcosnative.shared.marathon.PathId;

/**
 * Marathon's task operations: list the tasks of an app or of all apps (JSON, or the {@code text/plain} lines load
 * balancers read), and kill tasks — simply (the app keeps its instance count, so they are replaced) or with
 * {@code scale=true} (the app's count goes down by as many, in a deployment that kills exactly those).
 */
@ApplicationScoped
public class TaskService {

    private final Marathon marathon;
    private final ChangeService changes;
    private final KillService kills;

    public TaskService(Marathon marathon, ChangeService changes, KillService kills) {
        this.marathon = marathon;
        this.changes = changes;
        this.kills = kills;
    }

    /** The app's tasks as {@code {"tasks": [...]}}. */
    public Uni<ObjectNode> appTasks(PathId id) {
        return marathon.ask(state -> {
            App app = state.app(id).orElseThrow(() -> MarathonApiException.appNotFound(id));
            ObjectNode body = MarathonJson.MAPPER.createObjectNode();
            ArrayNode tasks = body.putArray("tasks");
            visible(state, id).forEach(i -> tasks.add(TaskViews.task(i, app)));
            return body;
        });
    }

    /** The app's tasks as text: one line per service port. */
    public Uni<String> appTasksText(PathId id) {
        return marathon.ask(state -> {
            App app = state.app(id).orElseThrow(() -> MarathonApiException.appNotFound(id));
            return text(state, List.of(app), s -> true);
        });
    }

    /** Every task, optionally only those in some states ({@code running}, {@code staging}, ...). */
    public Uni<ObjectNode> allTasks(Set<String> statuses) {
        return marathon.ask(state -> {
            ObjectNode body = MarathonJson.MAPPER.createObjectNode();
            ArrayNode tasks = body.putArray("tasks");
            for (App app : state.apps().values()) {
                visible(state, PathId.of(app.id())).stream().filter(i -> wanted(i, statuses))
                        .forEach(i -> tasks.add(TaskViews.task(i, app)));
            }
            return body;
        });
    }

    public Uni<String> allTasksText(Set<String> statuses) {
        return marathon.ask(state -> text(state, List.copyOf(state.apps().values()), i -> wanted(i, statuses)));
    }

    /**
     * Kills the app's tasks (those on {@code host} when given). Without {@code scale} the answer is the killed
     * tasks; with it, the deployment that scales the app down by as many.
     */
    public Uni<Object> killAppTasks(PathId id, String host, boolean scale, boolean wipe, boolean force,
            ChangeService.ApiRequest request) {
        checkScaleAndWipe(scale, wipe);
        return marathon.ask(state -> {
            state.app(id).orElseThrow(() -> MarathonApiException.appNotFound(id));
            List<Instance> targets = visible(state, id).stream()
                    .filter(i -> host == null || host.equals(i.agent().hostname())).toList();
            return kill(state, targets, scale, force, request, false);
        });
    }

    /** Kills one task of the app; 404 when it has no such task. */
    public Uni<Object> killAppTask(PathId id, String taskId, boolean scale, boolean wipe, boolean force,
            ChangeService.ApiRequest request) {
        checkScaleAndWipe(scale, wipe);
        return marathon.ask(state -> {
            state.app(id).orElseThrow(() -> MarathonApiException.appNotFound(id));
            Instance target = find(state, taskId).filter(i -> i.appId().equals(id))
                    .orElseThrow(() -> MarathonApiException.notFound("Task '" + taskId + "' does not exist"));
            return kill(state, List.of(target), scale, force, request, true);
        });
    }

    /** {@code POST /v2/tasks/delete}: {@code {"ids": [...]}}, tasks of any apps. */
    public Uni<Object> killTasks(byte[] body, boolean scale, boolean wipe, boolean force,
            ChangeService.ApiRequest request) {
        checkScaleAndWipe(scale, wipe);
        JsonNode tree = MarathonJson.readTree(body);
        JsonNode ids = tree.path("ids");
        if (!ids.isArray()) {
            throw new MarathonJson.InvalidJsonException(List.of(new MarathonJson.ErrorDetail("/ids",
                    List.of(tree.has("ids") ? "error.expected.jsarray" : "error.path.missing"))));
        }
        List<String> taskIds = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!ids.get(i).isTextual()) {
                throw new MarathonJson.InvalidJsonException(List.of(new MarathonJson.ErrorDetail(
                        "/ids(" + i + ")", List.of("error.expected.jsstring"))));
            }
            taskIds.add(ids.get(i).textValue());
        }
        return marathon.ask(state -> {
            List<Instance> targets = new ArrayList<>();
            for (String taskId : taskIds) {
                InstanceId instance = InstanceId.ofTaskId(taskId);
                if (instance == null) {
                    throw MarathonApiException.badRequest("Invalid task id '" + taskId + "'");
                }
                find(state, taskId).ifPresent(targets::add);
            }
            return kill(state, targets, scale, force, request, false);
        });
    }

    private Object kill(MarathonState state, List<Instance> targets, boolean scale, boolean force,
            ChangeService.ApiRequest request, boolean single) {
        if (scale) {
            Map<PathId, List<InstanceId>> toKill = new LinkedHashMap<>();
            targets.forEach(i -> toKill.computeIfAbsent(i.appId(), k -> new ArrayList<>()).add(i.id()));
            ChangeService.Target target = changes.current(state);
            toKill.forEach((appId, ids) -> {
                App app = target.apps().get(appId);
                if (app != null) {
                    target.apps().put(appId, app.withInstances(Math.max(0, app.instances() - ids.size())));
                }
            });
            ChangeService.Result result = changes.deploy(state, target, Set.of(), toKill, force, request);
            return DeploymentViews.result(result.plan());
        }
        ObjectNode body = MarathonJson.MAPPER.createObjectNode();
        ArrayNode killed = body.putArray("tasks");
        for (Instance instance : targets) {
            App app = state.app(instance.appId()).orElse(null);
            killed.add(TaskViews.task(instance, app));
            kills.kill(state, instance, Instance.Goal.Decommissioned);
        }
        if (single) {
            ObjectNode one = MarathonJson.MAPPER.createObjectNode();
            one.set("task", killed.get(0));
            return one;
        }
        return body;
    }

    private static void checkScaleAndWipe(boolean scale, boolean wipe) {
        if (scale && wipe) {
            throw MarathonApiException.badRequest("You cannot use scale and wipe at the same time.");
        }
    }

    private static java.util.Optional<Instance> find(MarathonState state, String taskId) {
        InstanceId id = InstanceId.ofTaskId(taskId);
        return id == null ? java.util.Optional.empty()
                : state.instance(id).filter(i -> i.taskId().equals(taskId) || !taskId.contains("._app."));
    }

    private static List<Instance> visible(MarathonState state, PathId app) {
        return state.instancesOf(app).stream().filter(AppViews::visible).toList();
    }

    private static boolean wanted(Instance instance, Set<String> statuses) {
        if (statuses.isEmpty()) {
            return true;
        }
        Condition c = instance.condition();
        String status = switch (c) {
            case Running -> "running";
            case Provisioned, Staging, Starting -> "staging";
            case Killing -> "killing";
            case Unreachable, UnreachableInactive -> "unreachable";
            default -> c.name().toLowerCase();
        };
        return statuses.contains(status);
    }

    /** Marathon's text format: {@code <app id>\t<service port>\t<host>:<port>\t...} per service port. */
    private static String text(MarathonState state, List<App> apps, Predicate<Instance> filter) {
        StringBuilder text = new StringBuilder();
        for (App app : apps) {
            List<Instance> instances = visible(state, PathId.of(app.id())).stream().filter(filter).toList();
            List<Integer> servicePorts = TaskViews.servicePorts(app);
            for (int p = 0; p < servicePorts.size(); p++) {
                text.append(app.id()).append('\t').append(servicePorts.get(p)).append('\t');
                for (Instance instance : instances) {
                    if (p < instance.hostPorts().size()) {
                        text.append(instance.agent().hostname()).append(':').append(instance.hostPorts().get(p))
                                .append('\t');
                    }
                }
                text.append('\n');
            }
        }
        return text.toString();
    }
}
