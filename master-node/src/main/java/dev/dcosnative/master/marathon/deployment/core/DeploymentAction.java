package dev.dcosnative.master.marathon.deployment.core;

import java.util.List;

import dev.dcosnative.master.marathon.instance.core.InstanceId;
import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.PathId;

/**
 * One thing a deployment step does to one app. The actions of a step run concurrently; {@link #name()} is the
 * {@code action} the deployments JSON shows ({@code StartApplication}, {@code ScaleApplication},
 * {@code RestartApplication}, {@code StopApplication}). {@link ActionProgress} says what each one does next.
 */
public sealed interface DeploymentAction {

    /** The app as the action leaves it: the target definition, or the removed one for a stop. */
    App app();

    default PathId appId() {
        return PathId.of(app().id());
    }

    /** The action's name on the wire. */
    String name();

    /**
     * A new app is registered (health checks, launch queue entry) with no instance yet; a later
     * {@link ScaleApplication} of the same plan launches them, once the app's dependencies are up.
     */
    record StartApplication(App app) implements DeploymentAction {

        @Override
        public String name() {
            return "StartApplication";
        }
    }

    /**
     * The app runs {@code scaleTo} instances: launch the missing ones, or kill the surplus, the
     * {@code sentencedToDeath} first ({@code DELETE /v2/apps/{id}/tasks?scale=true} names them).
     */
    record ScaleApplication(App app, int scaleTo, List<InstanceId> sentencedToDeath) implements DeploymentAction {

        public ScaleApplication {
            sentencedToDeath = List.copyOf(sentencedToDeath);
        }

        public ScaleApplication(App app, int scaleTo) {
            this(app, scaleTo, List.of());
        }

        @Override
        public String name() {
            return "ScaleApplication";
        }
    }

    /**
     * Every instance of an older configuration is replaced by one of {@code app}, within the app's upgrade strategy
     * (see {@link RollingRestart}); the instance count may change on the way.
     */
    record RestartApplication(App app) implements DeploymentAction {

        @Override
        public String name() {
            return "RestartApplication";
        }
    }

    /** The app is gone from the target: all its instances are killed. */
    record StopApplication(App app) implements DeploymentAction {

        @Override
        public String name() {
            return "StopApplication";
        }
    }
}
