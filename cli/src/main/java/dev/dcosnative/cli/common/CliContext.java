package dev.dcosnative.cli.common;

import java.time.Clock;

import dev.dcosnative.cli.api.MarathonApi;
import dev.dcosnative.cli.api.MesosApi;
import dev.dcosnative.cli.http.DcosClient;
import dev.dcosnative.cli.output.Terminal;
import dev.dcosnative.cli.store.ClusterTarget;
import dev.dcosnative.cli.store.ConfigStore;

/**
 * What one run of the CLI works with: its environment, the global flags the mixins collected ({@code --verbose},
 * {@code --cluster}), and — made when first needed — the configuration store, the selected cluster and the HTTP
 * client for it. Commands reach it through the root command ({@link CommandBase#context()}).
 */
public final class CliContext {

    private final CliEnvironment env;
    private final Clock clock;
    private final Sleeper sleeper;
    private boolean verbose;
    private String clusterSelection;
    private ConfigStore store;
    private ClusterTarget target;
    private DcosClient client;

    /** Waits between polls; tests make it instant. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    public CliContext(CliEnvironment env) {
        this(env, Clock.systemUTC(), Thread::sleep);
    }

    public CliContext(CliEnvironment env, Clock clock, Sleeper sleeper) {
        this.env = env;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public CliEnvironment env() {
        return env;
    }

    public Clock clock() {
        return clock;
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    public boolean verbose() {
        return verbose;
    }

    public void verbose(boolean verbose) {
        this.verbose = verbose;
    }

    /** The {@code --cluster} option's value. */
    public void clusterSelection(String selection) {
        this.clusterSelection = selection;
        this.target = null;
        this.client = null;
    }

    public ConfigStore store() {
        if (store == null) {
            store = ConfigStore.of(env);
        }
        return store;
    }

    /** The cluster this run talks to, with its effective settings. */
    public ClusterTarget target() {
        if (target == null) {
            target = ClusterTarget.resolve(env, store(), clusterSelection);
        }
        return target;
    }

    public DcosClient client() {
        if (client == null) {
            client = DcosClient.of(target());
        }
        return client;
    }

    public MarathonApi marathon() {
        return new MarathonApi(client(), target().marathonUrl());
    }

    public MesosApi mesos() {
        return new MesosApi(client(), target().dcosUrl(), target().mesosUrl());
    }

    public Terminal terminal() {
        return Terminal.detect(env);
    }
}
