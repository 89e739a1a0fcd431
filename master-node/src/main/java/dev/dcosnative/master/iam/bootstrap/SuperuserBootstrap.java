package dev.dcosnative.master.iam.bootstrap;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.iam.Authorizer;
import dev.dcosnative.master.iam.acl.AuthorizerService;
import dev.dcosnative.master.iam.audit.AuditLog;
import dev.dcosnative.master.iam.audit.Caller;
import dev.dcosnative.master.iam.auth.Passwords;
import dev.dcosnative.master.iam.core.IamIds;
import dev.dcosnative.master.iam.core.PasswordHashes;
import dev.dcosnative.master.iam.db.Database;
import dev.dcosnative.master.iam.store.IamStore;

/**
 * The first superuser: when the database is ready and {@code dcos.master.iam.superuser-uid} names a user that does
 * not exist, it is created with {@code superuser-password} (hashed here) or {@code superuser-password-hash} and granted
 * {@code full} on {@code dcos:superuser}, in one transaction. Inserts that do nothing when the row exists make it
 * idempotent across restarts and masters starting together; an existing user is left as it is (its permissions may
 * have been changed on purpose). Neither the password nor the hash is ever logged.
 */
@ApplicationScoped
public class SuperuserBootstrap {

    private static final Logger LOG = Logger.getLogger(SuperuserBootstrap.class);
    private static final String DESCRIPTION = "Superuser defined in the DC/OS configuration";

    private final IamStore store;
    private final Passwords passwords;
    private final AuditLog audit;
    private final AuthorizerService authorizer;
    private final Vertx vertx;
    private final MasterConfig.Iam config;

    public SuperuserBootstrap(IamStore store, Passwords passwords, AuditLog audit, AuthorizerService authorizer,
            Vertx vertx, MasterConfig config) {
        this.store = store;
        this.passwords = passwords;
        this.audit = audit;
        this.authorizer = authorizer;
        this.vertx = vertx;
        this.config = config.iam();
    }

    void onDatabaseReady(@Observes Database.Ready ready) {
        Optional<String> uid = config.superuserUid().filter(u -> !u.isBlank());
        if (uid.isEmpty()) {
            return;
        }
        if (!IamIds.isUid(uid.get())) {
            LOG.errorf("dcos.master.iam.superuser-uid `%s` is not a valid uid; no superuser created", uid.get());
            return;
        }
        Optional<String> hash = hash();
        if (hash.isEmpty()) {
            return;
        }
        create(uid.get(), hash.get(), 1);
    }

    /** The hash to store: the configured one, or one of the configured password (computed on this thread). */
    private Optional<String> hash() {
        Optional<String> configuredHash = config.superuserPasswordHash().filter(h -> !h.isBlank());
        if (configuredHash.isPresent()) {
            if (!PasswordHashes.supported(configuredHash.get())) {
                LOG.error("dcos.master.iam.superuser-password-hash is not a bcrypt ($2a$, $2b$, $2y$) or "
                        + "SHA-512-crypt ($6$) hash; no superuser created");
                return Optional.empty();
            }
            return configuredHash;
        }
        Optional<String> password = config.superuserPassword().filter(p -> !p.isEmpty());
        if (password.isEmpty()) {
            LOG.error("dcos.master.iam.superuser-uid is set without superuser-password or superuser-password-hash; "
                    + "no superuser created");
            return Optional.empty();
        }
        return Optional.of(passwords.hashNow(password.get()));
    }

    private void create(String uid, String hash, int attempt) {
        store.tx(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                "insert into iam_user (uid, description, password_hash) values (:uid, :description, :hash) "
                        + "on conflict (uid) do nothing")
                .setParameter("uid", uid)
                .setParameter("description", DESCRIPTION)
                .setParameter("hash", hash)
                .executeUpdate()
                .chain(created -> created == 0 ? Uni.createFrom().item(false)
                        : session.createNativeQuery(
                                "insert into iam_acl (rid, description) values (:rid, :description) on conflict (rid) do nothing")
                                .setParameter("rid", Authorizer.SUPERUSER)
                                .setParameter("description", "Controls complete access to DC/OS")
                                .executeUpdate()
                                .chain(() -> session.createNativeQuery("insert into iam_user_permission (rid, uid, action) "
                                        + "values (:rid, :uid, 'full') on conflict do nothing")
                                        .setParameter("rid", Authorizer.SUPERUSER)
                                        .setParameter("uid", uid)
                                        .executeUpdate())
                                .chain(() -> audit.record(new Caller(null, null), "superuser-bootstrap", uid,
                                        AuditLog.SUCCESS, "created from the configuration"))
                                .replaceWith(true))))
                .subscribe().with(created -> {
                    if (created) {
                        authorizer.invalidate();
                        LOG.infof("Created the superuser `%s` from the configuration", uid);
                    }
                }, failure -> {
                    LOG.warnf("Creating the superuser `%s` failed (%s); retrying", uid, failure.getMessage());
                    if (attempt < 10) {
                        vertx.setTimer(Duration.ofSeconds(Math.min(attempt * 2L, 10)).toMillis(),
                                id -> create(uid, hash, attempt + 1));
                    }
                });
    }
}
