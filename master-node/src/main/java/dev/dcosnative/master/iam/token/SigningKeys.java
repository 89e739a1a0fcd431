package dev.dcosnative.master.iam.token;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.lang.HashUtil;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.iam.core.KeyRing;
import dev.dcosnative.master.iam.core.Pem;
import dev.dcosnative.master.iam.db.Database;
import dev.dcosnative.master.iam.store.IamStore;
import dev.dcosnative.master.iam.store.SigningKeyEntity;

/**
 * IAM's token signing keys (RSA 2048, RS256), kept in {@code iam_signing_key} and shared by every master through the
 * database, cached here: reloaded every {@code signing-key-refresh} and soon after a token names an unknown
 * {@code kid}. The first master to start creates the first key; a key older than {@code signing-key-rotation} is
 * replaced, the old one verifying on until the last token it signed has expired ({@link KeyRing} decides). Creation
 * runs under a PostgreSQL advisory lock, so masters starting or rotating together make one key. Private keys stay in
 * the database and in this cache: never in an answer, never in a log line.
 */
@ApplicationScoped
public class SigningKeys {

    /** The key that signs now. */
    public record Signer(String kid, PrivateKey key) {

        @Override
        public String toString() {
            return "Signer[" + kid + "]";
        }
    }

    private record Verifier(RSAPublicKey key, Instant expiresAt) {
    }

    private record Snapshot(Map<String, Verifier> verifiers, Signer signer, String jwks) {
    }

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);
    /** The advisory lock of key creation (any constant shared by all masters). */
    private static final long LOCK = 0x1a3d_0001L;
    private static final Duration UNKNOWN_KID_RELOAD = Duration.ofSeconds(5);

    private final IamStore store;
    private final Vertx vertx;
    private final Clock clock;
    private final Duration rotation;
    private final Duration refresh;
    private final Duration publishDelay;
    private final Duration tokenLifetime;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();
    private final AtomicLong lastUnknownKidReload = new AtomicLong();
    private volatile long timer = -1;
    private volatile boolean stopped;

    public SigningKeys(IamStore store, Vertx vertx, Clock clock, MasterConfig config) {
        this.store = store;
        this.vertx = vertx;
        this.clock = clock;
        this.rotation = config.iam().signingKeyRotation();
        this.refresh = config.iam().signingKeyRefresh();
        this.publishDelay = config.iam().signingKeyPublishDelay();
        this.tokenLifetime = config.iam().tokenLifetime();
    }

    void onDatabaseReady(@Observes Database.Ready ready) {
        load(Duration.ofMillis(200));
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** The first load, retried until it works; then the periodic reload. */
    private void load(Duration backoff) {
        if (stopped) {
            return;
        }
        refresh().subscribe().with(ok -> {
            LOG.infof("IAM signing keys loaded (%d verifying, signing with %s)", snapshot.get().verifiers().size(),
                    snapshot.get().signer().kid());
            timer = vertx.setPeriodic(refresh.toMillis(), id -> refresh().subscribe()
                    .with(done -> {
                    }, e -> LOG.warnf("Reloading the IAM signing keys failed: %s", e.getMessage())));
        }, e -> {
            LOG.warnf("Loading the IAM signing keys failed (%s); retrying", e.getMessage());
            Duration next = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5)
                    : backoff.multipliedBy(2);
            vertx.setTimer(backoff.toMillis(), id -> load(next));
        });
    }

    /** Whether keys are loaded (IAM can issue and verify tokens). */
    public boolean ready() {
        return snapshot.get() != null;
    }

    /** The key to sign with now. */
    public Optional<Signer> signer() {
        Snapshot current = snapshot.get();
        return current == null ? Optional.empty() : Optional.ofNullable(current.signer());
    }

    /** The public key of {@code kid}, while it verifies. */
    public Optional<RSAPublicKey> verifier(String kid) {
        Snapshot current = snapshot.get();
        Verifier verifier = current == null || kid == null ? null : current.verifiers().get(kid);
        if (verifier == null || (verifier.expiresAt() != null && !verifier.expiresAt().isAfter(clock.instant()))) {
            return Optional.empty();
        }
        return Optional.of(verifier.key());
    }

    /** The JWKS (RFC 7517) of the keys that verify. */
    public String jwks() {
        Snapshot current = snapshot.get();
        return current == null ? "{\"keys\":[]}" : current.jwks();
    }

    /**
     * A token named a {@code kid} not known here: reloads the keys (at most every few seconds; another master may have
     * created a key moments ago). Completes when the keys are reloaded or at once when a reload is not due.
     */
    public Uni<Boolean> reloadForUnknownKid() {
        long now = clock.millis();
        long last = lastUnknownKidReload.get();
        if (now - last < UNKNOWN_KID_RELOAD.toMillis() || !lastUnknownKidReload.compareAndSet(last, now)) {
            return Uni.createFrom().item(false);
        }
        return refresh().replaceWith(true).onFailure().recoverWithItem(false);
    }

    /** Reads the keys, creates or retires keys when due, deletes expired ones, and caches the result. */
    public Uni<Void> refresh() {
        Instant now = clock.instant();
        return store.read(() -> SigningKeyEntity.<SigningKeyEntity> listAll()).chain(rows -> {
            List<KeyRing.Key> keys = rows.stream().map(SigningKeys::info).toList();
            if (KeyRing.rotationDue(keys, now, rotation)) {
                return store.blocking(SigningKeys::generate).chain(this::maintain);
            }
            if (!KeyRing.expired(keys, now).isEmpty()) {
                return maintain(null);
            }
            return Uni.createFrom().item(rows);
        }).invoke(this::install).replaceWithVoid();
    }

    /**
     * Under the lock, with what is stored now: creates a key from {@code fresh} when one is (still) due, retiring the
     * others, and deletes expired keys. Another master may have done it meanwhile; then {@code fresh} is dropped.
     */
    private Uni<List<SigningKeyEntity>> maintain(KeyPair fresh) {
        return store.tx(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery("select count(*) from pg_advisory_xact_lock(" + LOCK + ")")
                        .getSingleResult())
                .chain(locked -> SigningKeyEntity.<SigningKeyEntity> listAll())
                .chain(rows -> {
                    Instant now = clock.instant();
                    List<KeyRing.Key> keys = rows.stream().map(SigningKeys::info).toList();
                    List<String> expired = KeyRing.expired(keys, now);
                    List<SigningKeyEntity> kept = new ArrayList<>(rows.stream()
                            .filter(r -> !expired.contains(r.kid)).toList());
                    Uni<Long> deleted = expired.isEmpty() ? Uni.createFrom().item(0L)
                            : SigningKeyEntity.delete("kid in ?1", expired);
                    if (fresh == null || !KeyRing.rotationDue(keys, now, rotation)) {
                        return deleted.replaceWith(kept);
                    }
                    Map<String, SigningKeyEntity> byKid = new HashMap<>();
                    kept.forEach(r -> byKid.put(r.kid, r));
                    for (KeyRing.Retirement retirement : KeyRing.retirements(keys, now, publishDelay, tokenLifetime)) {
                        SigningKeyEntity row = byKid.get(retirement.kid());
                        if (row != null) {
                            row.retiredAt = time(retirement.retiredAt());
                            row.expiresAt = time(retirement.expiresAt());
                        }
                    }
                    SigningKeyEntity created = new SigningKeyEntity();
                    created.kid = kid((RSAPublicKey) fresh.getPublic());
                    created.privateKeyPem = Pem.privateKey(fresh.getPrivate());
                    created.publicKeyPem = Pem.publicKey(fresh.getPublic());
                    created.createdAt = time(now);
                    kept.add(created);
                    LOG.infof("Created the IAM signing key %s%s", created.kid,
                            keys.isEmpty() ? "" : " (rotation: the previous key signs for " + publishDelay + " more)");
                    return deleted.chain(() -> created.persist()).replaceWith(kept);
                }));
    }

    private void install(List<SigningKeyEntity> rows) {
        Instant now = clock.instant();
        List<KeyRing.Key> keys = rows.stream().map(SigningKeys::info).toList();
        Map<String, SigningKeyEntity> byKid = new HashMap<>();
        rows.forEach(r -> byKid.put(r.kid, r));
        Map<String, Verifier> verifiers = new HashMap<>();
        JsonWebKeySet jwks = new JsonWebKeySet();
        for (KeyRing.Key key : KeyRing.verifying(keys, now)) {
            Optional<RSAPublicKey> publicKey = Pem.readPublicKey(byKid.get(key.kid()).publicKeyPem);
            if (publicKey.isEmpty()) {
                LOG.warnf("The IAM signing key %s has an unreadable public key; skipped", key.kid());
                continue;
            }
            verifiers.put(key.kid(), new Verifier(publicKey.get(), key.expiresAt()));
            jwks.addJsonWebKey(jwk(key.kid(), publicKey.get()));
        }
        Signer signer = KeyRing.signing(keys, now).filter(k -> verifiers.containsKey(k.kid())).map(k -> {
            try {
                return new Signer(k.kid(), Pem.rsaPrivateKey(byKid.get(k.kid()).privateKeyPem));
            } catch (IllegalArgumentException e) {
                LOG.warnf("The IAM signing key %s has an unreadable private key", k.kid());
                return null;
            }
        }).orElse(null);
        Snapshot previous = snapshot.getAndSet(
                new Snapshot(Map.copyOf(verifiers), signer, jwks.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
        if (previous != null && signer != null && previous.signer() != null
                && !previous.signer().kid().equals(signer.kid())) {
            LOG.infof("IAM tokens are now signed with the key %s", signer.kid());
        }
    }

    private static JsonWebKey jwk(String kid, RSAPublicKey key) {
        RsaJsonWebKey jwk = new RsaJsonWebKey(key);
        jwk.setKeyId(kid);
        jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        jwk.setUse("sig");
        return jwk;
    }

    /** The RFC 7638 thumbprint of the public key: stable, unique, public. */
    static String kid(RSAPublicKey key) {
        return new RsaJsonWebKey(key).calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
    }

    private static KeyPair generate() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static KeyRing.Key info(SigningKeyEntity row) {
        return new KeyRing.Key(row.kid, row.createdAt.toInstant(), instant(row.retiredAt), instant(row.expiresAt));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
