package dev.dcosnative.master.iam.audit;

import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.dcosnative.master.iam.IamException;
import dev.dcosnative.master.iam.acl.AuthorizerService;
import dev.dcosnative.master.iam.core.InvalidRequest;
import dev.dcosnative.master.iam.store.IamStore;

/**
 * How every IAM change runs: {@code prepare} checks the request and does the slow work outside the database
 * (validation, password hashing); {@code change} then runs in one transaction together with its audit row, so a
 * failure at any step leaves nothing behind. The authorizer's cache is emptied after a commit; a refused change gets
 * an audit row of its own.
 */
@ApplicationScoped
public class Changes {

    private final IamStore store;
    private final AuditLog audit;
    private final AuthorizerService authorizer;

    public Changes(IamStore store, AuditLog audit, AuthorizerService authorizer) {
        this.store = store;
        this.audit = audit;
        this.authorizer = authorizer;
    }

    public <P, T> Uni<T> apply(Caller caller, String action, String object, Supplier<Uni<P>> prepare,
            Function<P, Uni<T>> change) {
        return Uni.createFrom().<P> deferred(() -> prepare.get())
                .onFailure(InvalidRequest.class).transform(e -> IamException.of((InvalidRequest) e))
                .chain(prepared -> store.tx(() -> change.apply(prepared)
                        .call(() -> audit.record(caller, action, object, AuditLog.SUCCESS, null))))
                .invoke(authorizer::invalidate)
                .onFailure().call(e -> audit.recordAlone(caller, action, object, AuditLog.FAILURE, reason(e)));
    }

    /** A change that needs no preparation. */
    public <T> Uni<T> apply(Caller caller, String action, String object, Supplier<Uni<T>> change) {
        return apply(caller, action, object, () -> Uni.createFrom().voidItem(), nothing -> change.get());
    }

    private static String reason(Throwable e) {
        if (e instanceof IamException iam) {
            return iam.status() + (iam.code() == null ? "" : " " + iam.code());
        }
        return e.getClass().getSimpleName();
    }
}
