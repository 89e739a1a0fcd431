package dev.dcosnative.master.iam.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Brute-force protection of the login: failed logins are counted per uid and per client IP in a sliding window. A uid
 * with {@code maxFailuresPerUid} failures in the window is locked for {@code lockout}, doubled for each further lock in
 * a row (at most {@code maxLockout}); a successful login clears the uid. An IP with {@code maxFailuresPerIp} failures
 * in the window is throttled until the oldest of them leaves the window. While locked or throttled, every attempt is
 * refused before the password is looked at (the right password too), and refused attempts do not count.
 *
 * <p>
 * Memory only, per master: at most {@code maxTracked} uids and IPs each are remembered (the stalest go first). Pure
 * and thread-safe; the caller passes the time.
 */
public final class LoginThrottle {

    /** The limits; see the class comment. */
    public record Limits(int maxFailuresPerUid, int maxFailuresPerIp, Duration window, Duration lockout,
            Duration maxLockout, int maxTracked) {

        public Limits {
            if (maxFailuresPerUid < 1 || maxFailuresPerIp < 1 || maxTracked < 1) {
                throw new IllegalArgumentException("login limits must be at least 1");
            }
            if (window.isNegative() || window.isZero() || lockout.isNegative() || maxLockout.compareTo(lockout) < 0) {
                throw new IllegalArgumentException("login windows must be positive and max-lockout >= lockout");
            }
        }
    }

    /** Why an attempt is refused. */
    public enum Reason {
        UID_LOCKED,
        IP_THROTTLED
    }

    /**
     * The answer to {@link #check}: allowed, or refused for {@code retryAfter} (whole seconds, at least 1, for the
     * {@code Retry-After} header). {@code firstRefusal} is true once per lock, for the audit log.
     */
    public record Decision(Reason refusedFor, long retryAfterSeconds, boolean firstRefusal) {

        static final Decision ALLOWED = new Decision(null, 0, false);

        public boolean allowed() {
            return refusedFor == null;
        }
    }

    private static final class UidState {
        final Deque<Instant> failures = new ArrayDeque<>();
        Instant lockedUntil;
        Instant lastFailure;
        int lockouts;
        boolean refusalReported;
    }

    private static final class IpState {
        final Deque<Instant> failures = new ArrayDeque<>();
        boolean refusalReported;
    }

    private final Limits limits;
    private final Map<String, UidState> uids = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, IpState> ips = new LinkedHashMap<>(16, 0.75f, true);

    public LoginThrottle(Limits limits) {
        this.limits = limits;
    }

    /** Whether {@code uid} may try to log in from {@code ip} now; {@code uid} null (not known yet): the IP only. */
    public synchronized Decision check(String uid, String ip, Instant now) {
        UidState user = uid == null ? null : uids.get(uid);
        if (user != null && user.lockedUntil != null && now.isBefore(user.lockedUntil)) {
            boolean first = !user.refusalReported;
            user.refusalReported = true;
            return new Decision(Reason.UID_LOCKED, seconds(Duration.between(now, user.lockedUntil)), first);
        }
        IpState client = ips.get(ip);
        if (client != null) {
            prune(client.failures, now);
            if (client.failures.size() >= limits.maxFailuresPerIp()) {
                boolean first = !client.refusalReported;
                client.refusalReported = true;
                Instant free = client.failures.peekFirst().plus(limits.window());
                return new Decision(Reason.IP_THROTTLED, seconds(Duration.between(now, free)), first);
            }
            client.refusalReported = false;
        }
        return Decision.ALLOWED;
    }

    /**
     * A login of {@code uid} from {@code ip} failed (wrong password, unknown user, bad service token, bad OIDC ID
     * token); {@code uid} null (not known): it counts for the IP only.
     */
    public synchronized void failure(String uid, String ip, Instant now) {
        if (uid != null) {
            uidFailure(uid, now);
        }
        IpState client = ips.computeIfAbsent(ip, i -> new IpState());
        prune(client.failures, now);
        client.failures.addLast(now);
        bound(uids, now);
        bound(ips, now);
    }

    private void uidFailure(String uid, Instant now) {
        UidState user = uids.computeIfAbsent(uid, u -> new UidState());
        if (user.lastFailure != null
                && Duration.between(user.lastFailure, now).compareTo(limits.window().plus(limits.maxLockout())) > 0) {
            user.lockouts = 0; // quiet long enough: the next lock starts short again
        }
        user.lastFailure = now;
        prune(user.failures, now);
        user.failures.addLast(now);
        if (user.failures.size() >= limits.maxFailuresPerUid()) {
            user.lockouts++;
            user.lockedUntil = now.plus(lockFor(user.lockouts));
            user.failures.clear();
            user.refusalReported = false;
        }
    }

    /** {@code uid} logged in: its failures and locks are forgotten (the IP's are not). */
    public synchronized void success(String uid) {
        uids.remove(uid);
    }

    /** How many uids and IPs are remembered (for tests and metrics). */
    public synchronized int tracked() {
        return uids.size() + ips.size();
    }

    private Duration lockFor(int lockouts) {
        Duration lock = limits.lockout();
        for (int i = 1; i < lockouts && lock.compareTo(limits.maxLockout()) < 0; i++) {
            lock = lock.multipliedBy(2);
        }
        return lock.compareTo(limits.maxLockout()) > 0 ? limits.maxLockout() : lock;
    }

    private void prune(Deque<Instant> failures, Instant now) {
        Instant oldest = now.minus(limits.window());
        while (!failures.isEmpty() && !failures.peekFirst().isAfter(oldest)) {
            failures.removeFirst();
        }
    }

    /** Keeps a map within {@code maxTracked}: first drops what no longer matters, then the least recently used. */
    private void bound(Map<String, ?> map, Instant now) {
        if (map.size() <= limits.maxTracked()) {
            return;
        }
        for (Iterator<? extends Map.Entry<String, ?>> it = map.entrySet().iterator(); it.hasNext();) {
            Object state = it.next().getValue();
            if (stale(state, now)) {
                it.remove();
            }
        }
        Iterator<String> eldest = map.keySet().iterator();
        while (map.size() > limits.maxTracked() && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
        }
    }

    private boolean stale(Object state, Instant now) {
        if (state instanceof UidState user) {
            prune(user.failures, now);
            boolean locked = user.lockedUntil != null && now.isBefore(user.lockedUntil);
            boolean remembered = user.lockouts > 0 && user.lastFailure != null
                    && Duration.between(user.lastFailure, now).compareTo(limits.window().plus(limits.maxLockout())) <= 0;
            return user.failures.isEmpty() && !locked && !remembered;
        }
        IpState client = (IpState) state;
        prune(client.failures, now);
        return client.failures.isEmpty();
    }

    private static long seconds(Duration duration) {
        long millis = Math.max(duration.toMillis(), 1);
        return (millis + 999) / 1000;
    }
}
