package dev.dcosnative.master.mesos;

import java.util.concurrent.Callable;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.dcosnative.shared.concurrent.SerialActor;

/**
 * The thread that owns the Mesos kernel's state (agents, frameworks, offers, tasks): see {@link SerialActor}.
 * Registry writes to ZooKeeper block it on purpose. Nothing here runs on a Vert.x event loop.
 */
@ApplicationScoped
public class MasterActor {

    private final SerialActor actor = new SerialActor("mesos-master");

    /** Runs {@code work} on the actor when subscribed; completes with its result or its exception. */
    public <T> Uni<T> ask(Callable<T> work) {
        return Uni.createFrom().completionStage(() -> actor.submit(work));
    }

    /** Runs {@code work} on the actor, fire and forget; failures are logged. */
    public void tell(Runnable work) {
        actor.tell(work);
    }

    @PreDestroy
    void stop() {
        actor.close();
    }
}
