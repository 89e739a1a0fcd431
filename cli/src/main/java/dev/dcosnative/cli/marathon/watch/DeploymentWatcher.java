package dev.dcosnative.cli.marathon.watch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.cli.api.MarathonApi;
import dev.dcosnative.cli.common.CliContext;
import dev.dcosnative.cli.common.CliException;

/**
 * Follows a Marathon deployment until it is over: polls {@code /v2/deployments} (and the apps it works on) every
 * half second, shows the progress, explains a stall (offers that do not fit, tasks that fail), and when the deployment
 * is gone judges how it ended — finished when every app it touched runs its instances of the current configuration,
 * failed when it was cancelled, rolled back or stopped part-way.
 */
public final class DeploymentWatcher {

    /** How a deployment ended. */
    public record Result(boolean success, String message) {
    }

    static final Duration INTERVAL = Duration.ofMillis(500);
    /** No change for this long: look for the reason. */
    static final Duration STALL = Duration.ofSeconds(10);

    private final MarathonApi api;
    private final ProgressView view;
    private final Clock clock;
    private final CliContext.Sleeper sleeper;

    public DeploymentWatcher(MarathonApi api, ProgressView view, Clock clock, CliContext.Sleeper sleeper) {
        this.api = api;
        this.view = view;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Watches deployment {@code id} until it is gone.
     *
     * @param mustExist fail when it is not running at the start ({@code deployment watch}); a deployment the CLI
     *        just started may already be over
     */
    public Result watch(String id, boolean mustExist) {
        return watch(id, mustExist, Set.of());
    }

    /**
     * Watches deployment {@code id} until it is gone.
     *
     * @param knownApps apps the deployment is known to change (judged even if the deployment is over before it is seen)
     */
    public Result watch(String id, boolean mustExist, Set<String> knownApps) {
        Instant start = clock.instant();
        Map<String, Integer> initialTotals = new HashMap<>();
        Set<String> affected = new LinkedHashSet<>(knownApps);
        String lastDescription = "";
        Instant lastChange = start;
        boolean first = true;
        while (true) {
            Optional<JsonNode> deployment = api.deployment(id);
            if (deployment.isEmpty()) {
                if (first && mustExist) {
                    throw new CliException("No deployment " + id + " is running ('dcos marathon deployment list' "
                            + "shows those that are)");
                }
                break;
            }
            first = false;
            deployment.get().path("affectedApps").forEach(a -> affected.add(a.asText()));
            Map<String, DeploymentProgress.AppState> apps = new HashMap<>();
            for (JsonNode action : deployment.get().path("currentActions")) {
                String app = action.path("app").asText("");
                if (!app.isEmpty() && !apps.containsKey(app)) {
                    DeploymentProgress.AppState state = appState(app);
                    apps.put(app, state);
                    initialTotals.putIfAbsent(app, state.total());
                }
            }
            DeploymentProgress progress = DeploymentProgress.of(deployment.get(), apps, initialTotals);
            view.update(progress);
            String description = progress.describe();
            Instant now = clock.instant();
            if (!description.equals(lastDescription)) {
                lastDescription = description;
                lastChange = now;
            } else if (Duration.between(lastChange, now).compareTo(STALL) >= 0) {
                stallReason(apps.keySet()).ifPresent(view::note);
                lastChange = now;
            }
            pause();
        }
        Result result = judge(id, affected, Duration.between(start, clock.instant()));
        view.finish(result.success(), result.message());
        return result;
    }

    private DeploymentProgress.AppState appState(String app) {
        Optional<JsonNode> found = api.findApp(app);
        if (found.isPresent()) {
            return DeploymentProgress.AppState.of(found.get());
        }
        int remaining = 0;
        for (JsonNode task : api.tasks()) {
            if (task.path("appId").asText().equals(app)
                    && !DeploymentProgress.terminal(task.path("state").asText(""))) {
                remaining++;
            }
        }
        return DeploymentProgress.AppState.gone(app, remaining);
    }

    /** Why the apps do not move: the launch queue's offer rejections, or the last task failure. */
    private Optional<String> stallReason(Set<String> apps) {
        List<String> reasons = new ArrayList<>();
        for (JsonNode item : api.queue()) {
            String app = item.path("app").path("id").asText("");
            if (!apps.contains(app)) {
                continue;
            }
            List<String> rejected = new ArrayList<>();
            for (JsonNode r : item.path("processedOffersSummary").path("rejectSummaryLastOffers")) {
                if (r.path("declined").asInt() > 0) {
                    rejected.add(r.path("reason").asText() + " (" + r.path("declined").asInt() + " of "
                            + r.path("processed").asInt() + " offers)");
                }
            }
            if (!rejected.isEmpty()) {
                reasons.add(app + " waits for offers: " + String.join(", ", rejected));
            } else if (!item.path("delay").path("overdue").asBoolean(true)) {
                reasons.add(app + " is backing off after failed tasks ("
                        + item.path("delay").path("timeLeftSeconds").asLong() + " s left)");
            }
        }
        for (String app : apps) {
            api.findApp(app).map(a -> a.path("lastTaskFailure").path("message").asText(""))
                    .filter(m -> !m.isBlank()).ifPresent(m -> reasons.add(app + ": last task failure: " + m));
        }
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
    }

    /** How a deployment that is gone ended, from the state of the apps it touched. */
    private Result judge(String id, Set<String> affected, Duration took) {
        for (JsonNode other : api.deployments()) {
            for (JsonNode app : other.path("affectedApps")) {
                if (affected.contains(app.asText())) {
                    return new Result(false, "Deployment " + id + " did not finish: deployment "
                            + other.path("id").asText() + " now works on " + app.asText()
                            + " (a rollback or a forced change)");
                }
            }
        }
        for (String app : affected) {
            Optional<JsonNode> found = api.findApp(app);
            if (found.isEmpty()) {
                continue;
            }
            DeploymentProgress.AppState state = DeploymentProgress.AppState.of(found.get());
            if (state.ready() < state.instances()) {
                return new Result(false, "Deployment " + id + " ended with " + app + " at " + state.ready() + " of "
                        + state.instances() + " instances ready: it was stopped or rolled back");
            }
        }
        return new Result(true, "Deployment " + id + " finished in " + ProgressView.duration(took));
    }

    private void pause() {
        try {
            sleeper.sleep(INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted while watching the deployment (it goes on)");
        }
    }
}
