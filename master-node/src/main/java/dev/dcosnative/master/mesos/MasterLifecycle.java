package dev.dcosnative.master.mesos;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/** Starts the kernel with the application and stops it (streams closed, lead released, ZooKeeper down) with it. */
@ApplicationScoped
public class MasterLifecycle {

    private final MesosMaster master;

    public MasterLifecycle(MesosMaster master) {
        this.master = master;
    }

    void onStart(@Observes StartupEvent event) {
        master.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        master.stop();
    }
}
