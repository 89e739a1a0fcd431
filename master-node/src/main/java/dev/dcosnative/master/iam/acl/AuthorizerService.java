package dev.dcosnative.master.iam.acl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.iam.Authorizer;
import dev.dcosnative.master.iam.core.IamIds;
import dev.dcosnative.master.iam.core.PermissionSet;
import dev.dcosnative.master.iam.store.GroupPermissionEntity;
import dev.dcosnative.master.iam.store.IamStore;
import dev.dcosnative.master.iam.store.UserPermissionEntity;

/**
 * The {@link Authorizer}: a user's grants and those of the user's groups, read in one session and kept per uid for
 * {@code authorizer-cache-ttl} (5 s); every IAM change made on this master empties the cache at once (changes made on
 * another master are seen here within the TTL). Non-blocking.
 */
@ApplicationScoped
public class AuthorizerService implements Authorizer {

    private record Entry(PermissionSet permissions, Instant expires) {
    }

    private final IamStore store;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    public AuthorizerService(IamStore store, Clock clock, MasterConfig config) {
        this.store = store;
        this.clock = clock;
        this.ttl = config.iam().authorizerCacheTtl();
    }

    @Override
    public Uni<Boolean> allowed(String uid, String rid, String action) {
        if (uid == null || !IamIds.isAction(action)) {
            return Uni.createFrom().item(false);
        }
        return permissions(uid).map(p -> p.allows(rid, action));
    }

    /** Everything {@code uid} may do (cached). */
    public Uni<PermissionSet> permissions(String uid) {
        Instant now = clock.instant();
        Entry entry = cache.get(uid);
        if (entry != null && now.isBefore(entry.expires())) {
            return Uni.createFrom().item(entry.permissions());
        }
        long loadedIn = generation.get();
        return load(uid).invoke(permissions -> {
            if (generation.get() == loadedIn) {
                cache.put(uid, new Entry(permissions, now.plus(ttl)));
            }
        });
    }

    /** Forget everything cached: IAM data changed. */
    public void invalidate() {
        generation.incrementAndGet();
        cache.clear();
    }

    private Uni<PermissionSet> load(String uid) {
        return store.read(() -> UserPermissionEntity.<UserPermissionEntity> list("uid", uid)
                .chain(direct -> GroupPermissionEntity.<GroupPermissionEntity> list(
                        "gid in (select m.gid from MembershipEntity m where m.uid = ?1)", uid).map(viaGroups -> {
                            List<PermissionSet.Grant> grants = new ArrayList<>();
                            direct.forEach(p -> grants.add(new PermissionSet.Grant(p.rid, p.action)));
                            viaGroups.forEach(p -> grants.add(new PermissionSet.Grant(p.rid, p.action)));
                            return PermissionSet.of(grants);
                        })));
    }
}
