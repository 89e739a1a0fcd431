package dev.dcosnative.it.harness;

import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Runs a {@link Cluster} for a test class: started before the first test, always closed after the last, and on every
 * failure the tail of each node's log is printed into the test report next to the failure.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final ClusterExtension CLUSTER = new ClusterExtension(() -> Cluster.builder("formation").build());
 * </pre>
 */
public final class ClusterExtension implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    private final Supplier<Cluster> factory;
    private Cluster cluster;

    public ClusterExtension(Supplier<Cluster> factory) {
        this.factory = factory;
    }

    public Cluster cluster() {
        return cluster;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = factory.get();
        try {
            cluster.start();
        } catch (RuntimeException | AssertionError e) {
            System.out.println("The cluster did not start:\n" + cluster.logTails(80));
            cluster.close();
            throw e;
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (cluster != null) {
            System.out.println("Test " + context.getDisplayName() + " failed: " + cause + "\nNode logs:\n"
                    + cluster.logTails(60));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.close();
        }
    }
}
