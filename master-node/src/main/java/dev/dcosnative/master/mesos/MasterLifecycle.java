package dev.dcosnative.master.mesos;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServerStart;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.exhibitor.core.Ensemble;

/**
 * Checks the configuration at start-up (a master with an unusable master list does not start at all), starts the
 * kernel once the HTTP server listens (the MasterInfo it contends with must carry the real port, only known then when
 * the port is 0), and stops it (streams closed, lead released, ZooKeeper down) with the application.
 */
@ApplicationScoped
public class MasterLifecycle {

    private static final Logger LOG = Logger.getLogger(MasterLifecycle.class);

    private final MesosMaster master;
    private final MasterConfig config;

    public MasterLifecycle(MesosMaster master, MasterConfig config) {
        this.master = master;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.zk().connect().isEmpty()) {
            Ensemble.of(config.masters().orElse(List.of(config.ip())), config.ip(),
                    config.zk().clientPort(), config.zk().peerPort(), config.zk().electionPort());
        }
    }

    void onHttpStarted(@ObservesAsync HttpServerStart event) {
        try {
            master.start();
        } catch (RuntimeException e) {
            LOG.error("The master cannot start its kernel; exiting", e);
            Quarkus.asyncExit(1);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        master.stop();
    }
}
