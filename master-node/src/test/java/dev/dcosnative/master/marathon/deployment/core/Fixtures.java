package dev.dcosnative.master.marathon.deployment.core;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.dcosnative.master.marathon.app.core.AppDefaults;
import dev.dcosnative.master.marathon.app.core.AppNormalization;
import dev.dcosnative.master.marathon.instance.core.Condition;
import dev.dcosnative.master.marathon.instance.core.Instance;
import dev.dcosnative.master.marathon.instance.core.InstanceId;
import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.MarathonJson;
import dev.dcosnative.shared.marathon.PathId;

/** Apps from JSON, as clients send them, and instances in a given state. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");
    static final String V1 = "2024-05-01T10:00:00.000Z";
    static final String V2 = "2024-05-01T11:00:00.000Z";

    private Fixtures() {
    }

    /** A normalized app from the JSON fields given after the id ({@code "instances":3,"cmd":"x"}). */
    static App app(String id, String fields) {
        String json = "{\"id\":\"" + id + "\"" + (fields.isBlank() ? "" : "," + fields) + "}";
        App app = MarathonJson.read(json.getBytes(StandardCharsets.UTF_8), App.class);
        return AppNormalization.normalize(app, PathId.ROOT, AppDefaults.DCOS);
    }

    /** An app at a version whose configuration dates from {@code configVersion}. */
    static App versioned(String id, String version, String configVersion, String fields) {
        return app(id, "\"version\":\"" + version + "\",\"versionInfo\":{\"lastScalingAt\":\"" + version
                + "\",\"lastConfigChangeAt\":\"" + configVersion + "\"}" + (fields.isBlank() ? "" : "," + fields));
    }

    static Map<PathId, App> apps(App... apps) {
        Map<PathId, App> byId = new LinkedHashMap<>();
        for (App app : apps) {
            byId.put(PathId.of(app.id()), app);
        }
        return byId;
    }

    static RootGroup root(App... apps) {
        return RootGroup.of(apps(apps));
    }

    static PathId id(String id) {
        return PathId.of(id);
    }

    static InstanceId instanceId(App app, int n) {
        return new InstanceId(PathId.of(app.id()).safePath() + ".instance-" + String.format("%04d", n));
    }

    /**
     * A running instance of {@code app}'s version and configuration, started {@code ageSeconds} before
     * {@link #T0}, with the given health ({@code null}: not reported).
     */
    static Instance running(App app, int n, long ageSeconds, Boolean healthy) {
        return instance(app, n, app.version(), AppChanges.configVersion(app), Condition.Running, ageSeconds, healthy);
    }

    static Instance instance(App app, int n, String appVersion, String configVersion, Condition condition,
            long ageSeconds, Boolean healthy) {
        Instant staged = T0.minusSeconds(ageSeconds + 5);
        Instant started = condition == Condition.Running ? T0.minusSeconds(ageSeconds) : null;
        return new Instance(instanceId(app, n), PathId.of(app.id()), appVersion, configVersion, 1, condition,
                Instance.Goal.Running, null, List.of(), "*", staged, started, healthy, null);
    }
}
