package dev.dcosnative.master.marathon.view;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dcosnative.master.marathon.MarathonState;
import dev.dcosnative.master.marathon.instance.core.Condition;
import dev.dcosnative.master.marathon.instance.core.Instance;
import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.MarathonJson;
import dev.dcosnative.shared.marathon.Timestamps;

/**
 * Marathon's {@code AppInfo}: the app definition plus what was asked for with {@code embed} — counts
 * ({@code tasksStaged}, {@code tasksRunning}, {@code tasksHealthy}, {@code tasksUnhealthy}), {@code deployments},
 * {@code tasks}, {@code lastTaskFailure}, {@code readinessCheckResults}, {@code taskStats}.
 */
public final class AppViews {

    /** The embeds of {@code /v2/apps}, singular or plural prefix stripped. */
    public enum Embed {
        COUNTS,
        DEPLOYMENTS,
        TASKS,
        LAST_TASK_FAILURE,
        READINESS,
        TASK_STATS,
        FAILURES;

        /** {@code apps.tasks} / {@code app.tasks} / {@code group.apps.tasks} → TASKS; unknown ones are ignored. */
        public static Optional<Embed> parse(String embed) {
            String name = embed.substring(embed.lastIndexOf('.') + 1);
            return switch (name) {
                case "counts" -> Optional.of(COUNTS);
                case "deployments" -> Optional.of(DEPLOYMENTS);
                case "tasks" -> Optional.of(TASKS);
                case "lastTaskFailure" -> Optional.of(LAST_TASK_FAILURE);
                case "failures" -> Optional.of(FAILURES);
                case "readiness" -> Optional.of(READINESS);
                case "taskStats" -> Optional.of(TASK_STATS);
                default -> Optional.empty();
            };
        }
    }

    /** What the app info needs besides the app and the state. */
    public record Extras(List<String> deployments, List<DeploymentViews.Readiness> readiness) {
    }

    private AppViews() {
    }

    public static ObjectNode app(App app, MarathonState state, Set<Embed> embeds, Extras extras) {
        ObjectNode node = MarathonJson.toTree(app);
        List<Instance> instances = embeds.isEmpty() ? List.of()
                : state.instancesOf(dev.dcosnative.shared.marathon.PathId
                        .of(app.id()));
        boolean checks = app.healthChecks() != null && !app.healthChecks().isEmpty();
        if (embeds.contains(Embed.COUNTS)) {
            counts(node, instances, checks);
        }
        if (embeds.contains(Embed.DEPLOYMENTS)) {
            ArrayNode deployments = node.putArray("deployments");
            extras.deployments().forEach(id -> deployments.addObject().put("id", id));
        }
        if (embeds.contains(Embed.READINESS)) {
            ArrayNode results = node.putArray("readinessCheckResults");
            for (DeploymentViews.Readiness r : extras.readiness()) {
                ObjectNode result = results.addObject();
                result.put("name", r.name());
                result.put("taskId", r.taskId());
                result.put("ready", r.ready());
            }
        }
        if (embeds.contains(Embed.TASKS)) {
            ArrayNode tasks = node.putArray("tasks");
            for (Instance instance : instances) {
                if (visible(instance)) {
                    tasks.add(TaskViews.task(instance, app));
                }
            }
        }
        if (embeds.contains(Embed.LAST_TASK_FAILURE) || embeds.contains(Embed.FAILURES)) {
            state.lastFailure(dev.dcosnative.shared.marathon.PathId.of(app.id())).ifPresent(f -> {
                ObjectNode failure = node.putObject("lastTaskFailure");
                failure.put("appId", f.appId().toString());
                failure.put("host", f.host());
                failure.put("message", f.message());
                failure.put("state", f.state());
                failure.put("taskId", f.taskId());
                failure.put("timestamp", Timestamps.format(f.timestamp()));
                failure.put("version", f.version());
                failure.put("slaveId", f.agentId());
            });
        }
        if (embeds.contains(Embed.TASK_STATS)) {
            ObjectNode stats = node.putObject("taskStats");
            ObjectNode total = stats.putObject("totalSummary").putObject("stats");
            counts(total.putObject("counts"), instances, checks, true);
        }
        return node;
    }

    /** A task Marathon shows: launched and not yet gone. */
    public static boolean visible(Instance instance) {
        return !instance.condition().isTerminal();
    }

    private static void counts(ObjectNode node, List<Instance> instances, boolean checks) {
        counts(node, instances, checks, false);
    }

    private static void counts(ObjectNode node, List<Instance> instances, boolean checks, boolean shortNames) {
        int staged = 0;
        int running = 0;
        int healthy = 0;
        int unhealthy = 0;
        for (Instance instance : instances) {
            Condition c = instance.condition();
            if (c == Condition.Provisioned || c == Condition.Staging || c == Condition.Starting) {
                staged++;
            } else if (c == Condition.Running) {
                running++;
                if (checks && Boolean.TRUE.equals(instance.healthy())) {
                    healthy++;
                } else if (checks && Boolean.FALSE.equals(instance.healthy())) {
                    unhealthy++;
                }
            }
        }
        node.put(shortNames ? "staged" : "tasksStaged", staged);
        node.put(shortNames ? "running" : "tasksRunning", running);
        node.put(shortNames ? "healthy" : "tasksHealthy", healthy);
        node.put(shortNames ? "unhealthy" : "tasksUnhealthy", unhealthy);
    }
}
