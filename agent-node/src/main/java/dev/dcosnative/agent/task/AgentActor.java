package dev.dcosnative.agent.task;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.dcosnative.shared.concurrent.SerialActor;

/** The thread that owns the agent's tasks and status updates: see {@link SerialActor}. */
@ApplicationScoped
public class AgentActor {

    private final SerialActor actor = new SerialActor("agent-tasks");

    public <T> CompletableFuture<T> submit(Callable<T> work) {
        return actor.submit(work);
    }

    public void tell(Runnable work) {
        actor.tell(work);
    }

    @PreDestroy
    void stop() {
        actor.close();
    }
}
