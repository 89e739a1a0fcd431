package dev.dcosnative.master.iam.db;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import dev.dcosnative.master.MasterConfig;

/**
 * The master's SQL database, ready before IAM serves: when the master hosts the embedded PostgreSQL (it is the first
 * of the master list and no {@code dcos.master.db.url} is set) it starts it and watches it (a server that died is
 * started again); every master then applies the schema migrations ({@code db/migration}, Flyway over JDBC, safe to
 * run from several masters at once) and fires {@link Ready}. Until then {@link #ready()} is false and IAM answers 503.
 * Started in the background at start-up, retried while the database is not reachable (the master hosting it may
 * start later). The embedded server stops with the master.
 */
@ApplicationScoped
public class Database {

    /** Fired once the schema is in place (on the database thread). */
    public record Ready() {
    }

    private static final Logger LOG = Logger.getLogger(Database.class);
    private static final Duration WATCH = Duration.ofSeconds(5);

    private final MasterConfig config;
    private final String password;
    private final String host;
    private final Event<Ready> readyEvent;
    private final CountDownLatch readyLatch = new CountDownLatch(1);
    private volatile boolean ready;
    private volatile boolean stopping;
    private EmbeddedPostgres embedded;
    private Thread thread;

    public Database(MasterConfig config, @ConfigProperty(name = "dcos.master.db.password") java.util.Optional<String> password,
            @ConfigProperty(name = "dcos.master.db.host") java.util.Optional<String> host,
            Event<Ready> readyEvent) {
        this.config = config;
        this.password = password.orElse("");
        this.host = host.orElse(config.ip());
        this.readyEvent = readyEvent;
    }

    void onStart(@Observes StartupEvent event) {
        if (password.isEmpty() && config.db().url().isEmpty()) {
            throw new IllegalStateException("Masters that share the embedded database must all be given its "
                    + "password: set dcos.master.db.password (or DCOS_MASTER_DB_PASSWORD) on every master");
        }
        thread = new Thread(this::run, "database");
        thread.setDaemon(true);
        thread.start();
    }

    /** True once the database is reachable and migrated. */
    public boolean ready() {
        return ready;
    }

    /** Waits until the database is ready; false on timeout. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return readyLatch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** This master hosts the embedded database. */
    public boolean hostsEmbedded() {
        return config.db().url().isEmpty() && host.equals(config.ip());
    }

    /** The JDBC URL of the database (for migrations and tools). */
    public String jdbcUrl() {
        return config.db().url().map(u -> "jdbc:" + u.replaceFirst("^vertx-reactive:", ""))
                .orElse("jdbc:postgresql://" + host + ":" + config.db().port() + "/dcos");
    }

    private void run() {
        long backoff = 200;
        while (!stopping) {
            try {
                if (hostsEmbedded()) {
                    if (embedded == null) {
                        embedded = new EmbeddedPostgres(config.workDir().resolve("db"),
                                EmbeddedPostgres.binaries(config.db().binaries().orElse(null)), config.ip(),
                                config.db().port(), config.db().fsync());
                    }
                    embedded.start(config.db().username(), password, "dcos");
                }
                migrate();
                break;
            } catch (RuntimeException e) {
                LOG.warnf("The database is not ready yet (%s); retrying", e.getMessage());
                sleep(backoff);
                backoff = Math.min(backoff * 2, 5000);
            }
        }
        if (stopping) {
            return;
        }
        ready = true;
        readyLatch.countDown();
        LOG.infof("Database ready (%s)", jdbcUrl().replaceFirst("//[^@/]*@", "//"));
        readyEvent.fire(new Ready());
        while (!stopping && embedded != null) {
            sleep(WATCH.toMillis());
            if (!stopping && !embedded.running()) {
                LOG.warn("The embedded PostgreSQL is down; starting it again");
                try {
                    embedded.start(config.db().username(), password, "dcos");
                } catch (RuntimeException e) {
                    LOG.errorf("PostgreSQL did not start again: %s", e.getMessage());
                }
            }
        }
    }

    private void migrate() {
        Flyway flyway = Flyway.configure()
                .dataSource(jdbcUrl(), config.db().username(), password)
                .locations("classpath:db/migration")
                .connectRetries(0)
                .load();
        int applied = flyway.migrate().migrationsExecuted;
        if (applied > 0) {
            LOG.infof("Applied %d database migration(s)", applied);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        if (thread != null) {
            thread.interrupt();
        }
        if (embedded != null) {
            embedded.stop();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
