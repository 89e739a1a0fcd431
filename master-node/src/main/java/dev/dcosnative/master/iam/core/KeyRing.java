package dev.dcosnative.master.iam.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which token signing key does what, as a pure function of the stored keys and the time.
 * <ul>
 * <li>A key verifies until its {@code expiresAt} (none: for ever); then it leaves the JWKS and can be deleted.</li>
 * <li>The signing key is the oldest key not yet retired ({@code retiredAt} absent or still ahead).</li>
 * <li>When the newest unretired key is older than the rotation period (or there is none), a new key is due. Creating
 * it retires the others {@code publishDelay} later (every master loads the new key before it signs anything) and
 * lets them verify a token lifetime after that (the last token they signed has expired by then).</li>
 * </ul>
 */
public final class KeyRing {

    /** What is known of a stored key, without its material. */
    public record Key(String kid, Instant createdAt, Instant retiredAt, Instant expiresAt) {

        boolean retiredAt(Instant now) {
            return retiredAt != null && !retiredAt.isAfter(now);
        }

        boolean expiredAt(Instant now) {
            return expiresAt != null && !expiresAt.isAfter(now);
        }
    }

    /** How a key already stored changes when a new one is created. */
    public record Retirement(String kid, Instant retiredAt, Instant expiresAt) {
    }

    private KeyRing() {
    }

    /** The keys that verify tokens at {@code now} (the JWKS). */
    public static List<Key> verifying(List<Key> keys, Instant now) {
        return keys.stream().filter(k -> !k.expiredAt(now)).sorted(Comparator.comparing(Key::createdAt)).toList();
    }

    /** The key that signs at {@code now}: the oldest not retired, else the newest that still verifies. */
    public static Optional<Key> signing(List<Key> keys, Instant now) {
        List<Key> verifying = verifying(keys, now);
        return verifying.stream()
                .filter(k -> !k.retiredAt(now))
                .findFirst()
                .or(() -> verifying.isEmpty() ? Optional.empty() : Optional.of(verifying.get(verifying.size() - 1)));
    }

    /** Whether a new key must be created at {@code now}. */
    public static boolean rotationDue(List<Key> keys, Instant now, Duration rotation) {
        return keys.stream()
                .filter(k -> k.retiredAt() == null)
                .map(Key::createdAt)
                .max(Comparator.naturalOrder())
                .map(newest -> !newest.plus(rotation).isAfter(now))
                .orElse(true);
    }

    /** The retirements that go with creating a new key at {@code now}: every key not yet scheduled to retire. */
    public static List<Retirement> retirements(List<Key> keys, Instant now, Duration publishDelay,
            Duration tokenLifetime) {
        Instant retired = now.plus(publishDelay);
        return keys.stream()
                .filter(k -> k.retiredAt() == null)
                .map(k -> new Retirement(k.kid(), retired, retired.plus(tokenLifetime)))
                .toList();
    }

    /** The keys that no longer verify anything and can be deleted. */
    public static List<String> expired(List<Key> keys, Instant now) {
        return keys.stream().filter(k -> k.expiredAt(now)).map(Key::kid).toList();
    }
}
