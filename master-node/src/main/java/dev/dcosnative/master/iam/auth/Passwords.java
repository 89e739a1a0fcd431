package dev.dcosnative.master.iam.auth;

import java.security.SecureRandom;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.iam.core.PasswordHashes;
import dev.dcosnative.master.iam.store.IamStore;

/**
 * Password hashing for IAM, off the event loop: new hashes are bcrypt with {@code bcrypt-cost}; checks accept bcrypt
 * and SHA-512-crypt. A check without a hash (unknown user, service account) is made against a throwaway hash of the
 * same cost, so it takes as long as a wrong password.
 */
@ApplicationScoped
public class Passwords {

    private final IamStore store;
    private final int cost;
    private final SecureRandom random = new SecureRandom();
    private final String dummyHash;

    public Passwords(IamStore store, MasterConfig config) {
        this.store = store;
        this.cost = config.iam().bcryptCost();
        this.dummyHash = PasswordHashes.bcrypt(UUID.randomUUID().toString(), cost, random);
    }

    /** A new hash of {@code password}. */
    public Uni<String> hash(String password) {
        return store.blocking(() -> hashNow(password));
    }

    /** A new hash, computed on the calling thread (only where blocking is fine). */
    public String hashNow(String password) {
        return PasswordHashes.bcrypt(password, cost, random);
    }

    /** Whether {@code password} matches {@code hash}; with no hash, as slow as a mismatch and false. */
    public Uni<Boolean> matches(String password, String hash) {
        return store.blocking(() -> {
            boolean matches = PasswordHashes.matches(password, hash == null ? dummyHash : hash);
            return hash != null && matches;
        });
    }
}
