package dev.dcosnative.shared.concurrent;

import java.lang.System.Logger.Level;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One thread that owns a component's state, as a libprocess actor does in Mesos: every read and write of that state
 * runs on it, in submission order, so the state needs no locks and snapshots are consistent. Blocking work done here
 * (a ZooKeeper write, a checkpoint) delays the next task on purpose: a change is durable before it is visible.
 */
public final class SerialActor implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SerialActor.class.getName());

    private final String name;
    private final ExecutorService thread;

    public SerialActor(String name) {
        this.name = name;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code work} on the actor; the future completes with its result or its exception. */
    public <T> CompletableFuture<T> submit(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                try {
                    result.complete(work.call());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException(name + " is stopped", e));
        }
        return result;
    }

    /** Runs {@code work} on the actor, fire and forget; failures are logged. Dropped once the actor is stopped. */
    public void tell(Runnable work) {
        if (thread.isShutdown()) {
            return;
        }
        try {
            thread.execute(() -> {
                try {
                    work.run();
                } catch (Throwable e) {
                    LOG.log(Level.ERROR, name + " task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    /** True when called on the actor's thread. */
    public boolean isCurrent() {
        return Thread.currentThread().getName().equals(name);
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
