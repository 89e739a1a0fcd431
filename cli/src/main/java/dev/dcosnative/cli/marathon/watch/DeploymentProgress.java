package dev.dcosnative.cli.marathon.watch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How far a deployment has come, computed from what Marathon shows: the deployment ({@code currentStep},
 * {@code totalSteps}, {@code currentActions}) and the state of each app an action is working on. Pure: the watcher
 * fetches, this judges.
 * <p>
 * An action is as far as its app is from its target: with {@code n} instances wanted, {@code ready} tasks of the
 * current configuration running (and healthy when the app has health checks) and {@code total} tasks of any
 * version, it is {@code min(ready, n) / max(n, total)} — so starting, scaling up and down, and restarting all move
 * from 0 to 1. Stopping ({@code n = 0}) is the share of the tasks at the start that are gone.
 */
public record DeploymentProgress(String id, int currentStep, int totalSteps, List<Action> actions) {

    /** One current action and its app's state. */
    public record Action(String action, String app, int instances, int ready, int total, double fraction) {

        /** {@code StartApplication /web 1/2} (ready of wanted); when stopping, {@code StopApplication /web 2 left}. */
        public String describe() {
            return action + " " + app + " " + (instances == 0 ? total + " left" : ready + "/" + instances);
        }
    }

    /** What an app looks like right now ({@code present} false: it is gone, only its tasks remain). */
    public record AppState(String id, boolean present, int instances, int ready, int total) {

        /** From an app document with embedded tasks. */
        public static AppState of(JsonNode app) {
            int instances = app.path("instances").asInt(0);
            String configVersion = app.path("versionInfo").path("lastConfigChangeAt")
                    .asText(app.path("version").asText(""));
            boolean checked = app.path("healthChecks").size() > 0;
            int ready = 0;
            int total = 0;
            for (JsonNode task : app.path("tasks")) {
                String state = task.path("state").asText("");
                if (terminal(state)) {
                    continue;
                }
                total++;
                boolean current = task.path("version").asText("").compareTo(configVersion) >= 0;
                boolean running = state.equals("TASK_RUNNING");
                boolean healthy = !checked || alive(task);
                if (current && running && healthy) {
                    ready++;
                }
            }
            return new AppState(app.path("id").asText(), true, instances, ready, total);
        }

        /** An app that no longer exists, with its remaining tasks. */
        public static AppState gone(String id, int remainingTasks) {
            return new AppState(id, false, 0, 0, remainingTasks);
        }

        private static boolean alive(JsonNode task) {
            JsonNode results = task.path("healthCheckResults");
            if (results.isEmpty()) {
                return false;
            }
            for (JsonNode result : results) {
                if (!result.path("alive").asBoolean(false)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Task states after which a task is gone. */
    static boolean terminal(String state) {
        return switch (state) {
            case "TASK_FINISHED", "TASK_FAILED", "TASK_KILLED", "TASK_ERROR", "TASK_LOST", "TASK_DROPPED", "TASK_GONE",
                    "TASK_GONE_BY_OPERATOR" ->
                true;
            default -> false;
        };
    }

    /**
     * The progress of a deployment document.
     *
     * @param apps the state of the apps of its current actions, by id
     * @param initialTotals each app's task count when the watch began (for stops)
     */
    public static DeploymentProgress of(JsonNode deployment, Map<String, AppState> apps,
            Map<String, Integer> initialTotals) {
        List<Action> actions = new ArrayList<>();
        for (JsonNode current : deployment.path("currentActions")) {
            String app = current.path("app").asText(current.path("pod").asText(""));
            AppState state = apps.get(app);
            String kind = current.path("action").asText("");
            if (state == null) {
                actions.add(new Action(kind, app, 0, 0, 0, 0));
                continue;
            }
            actions.add(new Action(kind, app, state.instances(), state.ready(), state.total(),
                    fraction(state, initialTotals.getOrDefault(app, state.total()))));
        }
        return new DeploymentProgress(deployment.path("id").asText(), deployment.path("currentStep").asInt(1),
                Math.max(1, deployment.path("totalSteps").asInt(1)), actions);
    }

    static double fraction(AppState app, int initialTotal) {
        if (app.instances() == 0) {
            if (initialTotal <= 0) {
                return app.total() == 0 ? 1 : 0;
            }
            return 1 - Math.min(app.total(), initialTotal) / (double) initialTotal;
        }
        return Math.min(app.ready(), app.instances()) / (double) Math.max(app.instances(), app.total());
    }

    /** The whole deployment's progress, 0 to 1: finished steps plus the current step's mean action progress. */
    public double fraction() {
        double step = actions.isEmpty() ? 0 : actions.stream().mapToDouble(Action::fraction).average().orElse(0);
        return Math.min(1, Math.max(0, (Math.max(0, currentStep - 1) + step) / totalSteps));
    }

    /** {@code step 1/2: StartApplication /db 1/1, StartApplication /web 0/2}. */
    public String describe() {
        String what = String.join(", ", actions.stream().map(Action::describe).toList());
        return "step " + currentStep + "/" + totalSteps + (what.isEmpty() ? "" : ": " + what);
    }
}
