package dev.dcosnative.master.mesos;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * The single thread that owns the Mesos kernel's state, as the libprocess actor owns it in Mesos: every read and write
 * of agents (and later frameworks, offers and tasks) runs here, in order, so the state needs no locks and snapshots are
 * consistent. Registry writes to ZooKeeper block this thread on purpose: a change is durable before it is visible.
 * Nothing here ever runs on a Vert.x event loop.
 */
@ApplicationScoped
public class MasterActor {

    private static final Logger LOG = Logger.getLogger(MasterActor.class);

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mesos-master");
        t.setDaemon(true);
        return t;
    });

    /** Runs {@code work} on the actor and completes with its result (or its exception). */
    public <T> Uni<T> ask(Callable<T> work) {
        return Uni.createFrom().completionStage(() -> {
            CompletableFuture<T> result = new CompletableFuture<>();
            thread.execute(() -> {
                try {
                    result.complete(work.call());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
            return result;
        });
    }

    /** Runs {@code work} on the actor, fire and forget; failures are logged. */
    public void tell(Runnable work) {
        if (thread.isShutdown()) {
            return;
        }
        thread.execute(() -> {
            try {
                work.run();
            } catch (Throwable e) {
                LOG.error("Master actor task failed", e);
            }
        });
    }

    @PreDestroy
    void stop() throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(5, TimeUnit.SECONDS);
    }
}
