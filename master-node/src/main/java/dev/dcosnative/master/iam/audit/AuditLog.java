package dev.dcosnative.master.iam.audit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.dcosnative.master.iam.store.AuditEntity;
import dev.dcosnative.master.iam.store.IamStore;

/**
 * IAM's audit trail in {@code iam_audit}: every login (success or failure, with the kind of failure) and every change
 * (who, what, outcome, from where). A change's row is written by {@link #record} in the change's own transaction, so
 * both are committed or neither; refusals are written afterwards by {@link #recordAlone}, best effort. Never a
 * password, token or key.
 */
@ApplicationScoped
public class AuditLog {

    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";
    public static final String DENIED = "denied";

    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    private final IamStore store;

    public AuditLog(IamStore store) {
        this.store = store;
    }

    /** A row in the current transaction. */
    public Uni<Void> record(Caller caller, String action, String object, String outcome, String detail) {
        AuditEntity row = new AuditEntity();
        row.actor = cut(caller.uid(), 96);
        row.remoteIp = cut(caller.remoteIp(), 64);
        row.action = cut(action, 64);
        row.object = cut(object, 600);
        row.outcome = outcome;
        row.detail = cut(detail, 2000);
        return row.persist().replaceWithVoid();
    }

    /** A row in a transaction of its own; a failure to write it is logged, not passed on. */
    public Uni<Void> recordAlone(Caller caller, String action, String object, String outcome, String detail) {
        return store.tx(() -> record(caller, action, object, outcome, detail)).onFailure().recoverWithUni(e -> {
            LOG.warnf("Could not write an IAM audit row (%s %s %s): %s", action, outcome, object, e.getMessage());
            return Uni.createFrom().voidItem();
        });
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
