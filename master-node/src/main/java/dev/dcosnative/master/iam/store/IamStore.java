package dev.dcosnative.master.iam.store;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;

import dev.dcosnative.master.iam.IamException;
import dev.dcosnative.master.iam.core.InvalidRequest;

/**
 * How IAM reaches its database: every unit of work runs in a Hibernate Reactive session on a safe (duplicated) Vert.x
 * context, whoever calls (a request, a timer, the database thread); {@link #tx} makes it one transaction, rolled back
 * as a whole when any step fails. Failures that are not IAM's own refusals become a 503 ("nothing was changed") or,
 * for a write that raced another one, a 409; the log gets the SQL state, never row contents. {@link #blocking} runs
 * CPU-heavy work (password hashing, key generation) on a worker thread and comes back to the caller's context.
 */
@ApplicationScoped
public class IamStore {

    private static final Logger LOG = Logger.getLogger(IamStore.class);

    private final Vertx vertx;

    public IamStore(Vertx vertx) {
        this.vertx = vertx;
    }

    /** {@code work} in one transaction: all of it is committed, or none. */
    public <T> Uni<T> tx(Supplier<Uni<T>> work) {
        return onContext(() -> Panache.withTransaction(work)).onFailure(e -> !(e instanceof IamException))
                .transform(IamStore::failure);
    }

    /** {@code work} in a session, for reads. */
    public <T> Uni<T> read(Supplier<Uni<T>> work) {
        return onContext(() -> Panache.withSession(work)).onFailure(e -> !(e instanceof IamException))
                .transform(IamStore::failure);
    }

    /** Blocking {@code work} on a worker thread; the result arrives on the calling Vert.x context. */
    public <T> Uni<T> blocking(Callable<T> work) {
        return onContext(() -> {
            Context context = Vertx.currentContext();
            return Uni.createFrom().completionStage(() -> context.executeBlocking(work, false).toCompletionStage());
        });
    }

    /** Runs {@code work} on the current duplicated context, or on a new one when there is none. */
    public <T> Uni<T> onContext(Supplier<Uni<T>> work) {
        Context current = Vertx.currentContext();
        if (current != null && VertxContext.isDuplicatedContext(current)) {
            return Uni.createFrom().deferred(() -> {
                VertxContextSafetyToggle.setCurrentContextSafe(true);
                return work.get();
            });
        }
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return Uni.createFrom().emitter(emitter -> context.runOnContext(v -> {
            try {
                work.get().subscribe().with(emitter::complete, emitter::fail);
            } catch (RuntimeException e) {
                emitter.fail(e);
            }
        }));
    }

    /** What a database failure means to the caller. */
    static Throwable failure(Throwable e) {
        if (e instanceof InvalidRequest invalid) {
            return IamException.of(invalid);
        }
        PgException pg = pgCause(e);
        if (pg != null && "23505".equals(pg.getSqlState())) {
            LOG.infof("An IAM write raced another one (%s); refused", pg.getConstraint());
            return IamException.conflict(null, "The request conflicts with a concurrent change; nothing was changed. "
                    + "Retry it.");
        }
        if (pg != null) {
            LOG.warnf("The IAM database refused a request: SQL state %s: %s", pg.getSqlState(), pg.getErrorMessage());
        } else {
            // messages of persistence exceptions may quote statements and values: their class only
            boolean persistence = e instanceof jakarta.persistence.PersistenceException
                    || e instanceof org.hibernate.HibernateException;
            LOG.warnf("The IAM database failed a request: %s%s", e.getClass().getName(),
                    persistence ? "" : ": " + e.getMessage());
        }
        return IamException.unavailable("The IAM database could not complete the request; nothing was changed. "
                + "Retry shortly.");
    }

    private static PgException pgCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PgException pg) {
                return pg;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
