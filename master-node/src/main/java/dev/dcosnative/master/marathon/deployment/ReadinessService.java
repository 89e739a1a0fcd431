package dev.dcosnative.master.marathon.deployment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.dcosnative.master.marathon.MarathonActor;
import dev.dcosnative.master.marathon.MarathonState;
import dev.dcosnative.master.marathon.deployment.core.AppChanges;
import dev.dcosnative.master.marathon.instance.core.Instance;
import dev.dcosnative.master.marathon.instance.core.InstanceId;
import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.AppContainer;
import dev.dcosnative.shared.marathon.PathId;
import dev.dcosnative.shared.marathon.ReadinessCheckSpec;

/**
 * Marathon's readiness checks: while an app with {@code readinessChecks} is being deployed, each running instance of
 * the new configuration is asked over HTTP(S) on its named port every {@code intervalSeconds}, until it answers one
 * of {@code httpStatusCodesForReady}. A deployment counts a new instance only once it is ready. Results are kept in
 * memory for the deployments' {@code readinessCheckResults}; they are not needed after the deployment.
 */
@ApplicationScoped
public class ReadinessService {

    /** The last result of one check of one task. */
    public record Result(String name, String taskId, boolean ready, Integer status, String contentType,
            String body) {
    }

    private final MarathonActor actor;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<PathId, Set<InstanceId>> ready = new HashMap<>();
    private final Map<InstanceId, Result> results = new LinkedHashMap<>();
    private final Map<InstanceId, Instant> nextCheck = new HashMap<>();
    private final Set<InstanceId> inFlight = new HashSet<>();

    public ReadinessService(MarathonActor actor, Clock clock) {
        this.actor = actor;
        this.clock = clock;
    }

    /** The instances of {@code app} whose readiness checks passed. */
    public Set<InstanceId> ready(PathId app) {
        return Set.copyOf(ready.getOrDefault(app, Set.of()));
    }

    /** The last results for the instances of {@code app}. */
    public List<Result> results(MarathonState state, PathId app) {
        return state.instancesOf(app).stream().map(i -> results.get(i.id())).filter(r -> r != null).toList();
    }

    /** Starts the checks that are due. */
    void check(MarathonState state, DeploymentService deployments) {
        Instant now = clock.instant();
        results.keySet().removeIf(id -> state.instance(id).isEmpty());
        nextCheck.keySet().removeIf(id -> state.instance(id).isEmpty());
        ready.values().forEach(ids -> ids.removeIf(id -> state.instance(id).isEmpty()));
        for (DeploymentService.Running deployment : deployments.running()) {
            for (PathId appId : deployment.affected()) {
                App app = state.apps().get(appId);
                if (app == null || app.readinessChecks() == null || app.readinessChecks().isEmpty()) {
                    continue;
                }
                ReadinessCheckSpec check = app.readinessChecks().get(0);
                for (Instance instance : state.instancesOf(appId)) {
                    if (!instance.isRunning() || instance.goal() != Instance.Goal.Running
                            || !AppChanges.configVersion(app).equals(instance.configVersion())
                            || ready.getOrDefault(appId, Set.of()).contains(instance.id())
                            || inFlight.contains(instance.id())
                            || nextCheck.getOrDefault(instance.id(), Instant.MIN).isAfter(now)) {
                        continue;
                    }
                    Integer port = port(app, instance, check.portName());
                    if (port == null) {
                        continue;
                    }
                    probe(app, check, instance, port, deployments, state);
                }
            }
        }
    }

    private void probe(App app, ReadinessCheckSpec check, Instance instance, int port,
            DeploymentService deployments, MarathonState state) {
        String scheme = "HTTPS".equals(check.protocol()) ? "https" : "http";
        String path = check.path().startsWith("/") ? check.path() : "/" + check.path();
        URI uri = URI.create(scheme + "://" + instance.agent().hostname() + ":" + port + path);
        inFlight.add(instance.id());
        nextCheck.put(instance.id(), clock.instant().plusSeconds(check.intervalSeconds()));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(check.timeoutSeconds())).GET()
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> actor
                .tell(() -> {
                    inFlight.remove(instance.id());
                    if (state.instance(instance.id()).isEmpty()) {
                        return;
                    }
                    boolean isReady = failure == null
                            && check.httpStatusCodesForReady().contains(response.statusCode());
                    results.put(instance.id(), new Result(check.name(), instance.taskId(), isReady,
                            response == null ? null : response.statusCode(),
                            response == null ? null : response.headers().firstValue("Content-Type").orElse(null),
                            response == null || !check.preserveLastResponse() ? null : response.body()));
                    if (isReady) {
                        ready.computeIfAbsent(instance.appId(), k -> new HashSet<>()).add(instance.id());
                        deployments.running().stream()
                                .filter(r -> r.affected().contains(instance.appId()))
                                .forEach(r -> deployments.advance(state, r));
                    }
                }));
    }

    /** The host port of the port named {@code name} (port definitions, or port mappings with host ports). */
    static Integer port(App app, Instance instance, String name) {
        List<String> names;
        List<AppContainer.PortMapping> mappings = app.container() == null ? null : app.container().portMappings();
        if (mappings != null && !mappings.isEmpty()) {
            names = mappings.stream().filter(m -> m.hostPort() != null).map(m -> m.name() == null ? "" : m.name())
                    .toList();
        } else {
            names = app.portDefinitions().stream().map(p -> p.name() == null ? "" : p.name()).toList();
        }
        int index = names.indexOf(name);
        return index < 0 || index >= instance.hostPorts().size() ? null : instance.hostPorts().get(index);
    }

    void forget(PathId app) {
        ready.remove(app);
    }

    void reset() {
        ready.clear();
        results.clear();
        nextCheck.clear();
        inFlight.clear();
    }
}
