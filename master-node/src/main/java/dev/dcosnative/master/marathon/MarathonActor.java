package dev.dcosnative.master.marathon;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.dcosnative.shared.concurrent.SerialActor;

/**
 * The thread that owns Marathon's state (apps, groups, instances, deployments, the launch queue): see
 * {@link SerialActor}. Store writes block it on purpose: a change is in ZooKeeper before anyone sees it. Nothing here
 * runs on a Vert.x event loop.
 */
@ApplicationScoped
public class MarathonActor implements Executor {

    private final SerialActor actor = new SerialActor("marathon");

    /** Runs {@code work} on the actor when subscribed; completes with its result or its exception. */
    public <T> Uni<T> ask(Callable<T> work) {
        return Uni.createFrom().completionStage(() -> actor.submit(work));
    }

    /** Runs {@code work} on the actor, fire and forget; failures are logged. */
    public void tell(Runnable work) {
        actor.tell(work);
    }

    @Override
    public void execute(Runnable work) {
        actor.tell(work);
    }

    public boolean isCurrent() {
        return actor.isCurrent();
    }

    @PreDestroy
    void stop() {
        actor.close();
    }
}
