package dev.dcosnative.master.marathon.deployment.core;

import java.util.Objects;

import dev.dcosnative.shared.marathon.App;

/**
 * How an app definition changed, in the terms a deployment acts on (Marathon's {@code AppDefinition.isUpgrade},
 * {@code isOnlyScaleChange} and {@code needsRestart}). Apps are compared as normalized definitions.
 * <ul>
 * <li>an <em>upgrade</em> changes anything but {@code instances} and the version fields: the tasks must be
 * replaced;</li>
 * <li>a <em>scale change</em> changes {@code instances} only;</li>
 * <li>a <em>restart</em> is an upgrade or a new {@code versionInfo.lastConfigChangeAt} with the same definition
 * (what {@code POST /v2/apps/{id}/restart} stores).</li>
 * </ul>
 * A change of {@code version} or {@code versionInfo.lastScalingAt} alone needs no action. The app service uses the
 * same tests to stamp {@code versionInfo}.
 */
public final class AppChanges {

    private AppChanges() {
    }

    /** {@code to} runs differently from {@code from}: anything but the instance count and the versions changed. */
    public static boolean isUpgrade(App from, App to) {
        return !withoutScaleAndVersions(from).equals(withoutScaleAndVersions(to));
    }

    /** Only the instance count changed. */
    public static boolean isOnlyScaleChange(App from, App to) {
        return !isUpgrade(from, to) && !Objects.equals(from.instances(), to.instances());
    }

    /** The tasks of {@code from} must be replaced by tasks of {@code to}: an upgrade, or a forced restart. */
    public static boolean needsRestart(App from, App to) {
        return isUpgrade(from, to) || !Objects.equals(configVersion(from), configVersion(to));
    }

    /**
     * The version of the app's configuration: {@code versionInfo.lastConfigChangeAt}, or {@code version} for an app
     * without version info. Instances launched from another configuration are the "old" ones of a restart.
     */
    public static String configVersion(App app) {
        if (app.versionInfo() != null && app.versionInfo().lastConfigChangeAt() != null) {
            return app.versionInfo().lastConfigChangeAt();
        }
        return app.version();
    }

    /** The app with {@code instances}, {@code version} and {@code versionInfo} cleared, for comparisons. */
    static App withoutScaleAndVersions(App a) {
        return a.withInstances(null).withVersion(null, null);
    }
}
