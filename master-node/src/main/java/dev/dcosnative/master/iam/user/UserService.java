package dev.dcosnative.master.iam.user;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.iam.IamException;
import dev.dcosnative.master.iam.IamJson;
import dev.dcosnative.master.iam.IamViews;
import dev.dcosnative.master.iam.audit.Caller;
import dev.dcosnative.master.iam.audit.Changes;
import dev.dcosnative.master.iam.auth.Passwords;
import dev.dcosnative.master.iam.core.IamIds;
import dev.dcosnative.master.iam.core.IamRequests;
import dev.dcosnative.master.iam.store.AclEntity;
import dev.dcosnative.master.iam.store.GroupEntity;
import dev.dcosnative.master.iam.store.GroupPermissionEntity;
import dev.dcosnative.master.iam.store.IamStore;
import dev.dcosnative.master.iam.store.MembershipEntity;
import dev.dcosnative.master.iam.store.UserEntity;
import dev.dcosnative.master.iam.store.UserPermissionEntity;

/**
 * Users and service accounts ({@code /users}): local users with a password (hashed with bcrypt before it is stored),
 * service accounts with an RSA public key, and external users (an invitation for a first OIDC login). Every change is
 * one transaction with its audit row.
 */
@ApplicationScoped
public class UserService {

    /** A checked new user, its password hashed. */
    private record NewUser(IamRequests.NewUser user, String hash) {
    }

    /** A checked change, a new password hashed. */
    private record UserChange(IamRequests.UserChange change, String hash) {
    }

    private final IamStore store;
    private final Changes changes;
    private final Passwords passwords;
    private final int minPasswordLength;

    public UserService(IamStore store, Changes changes, Passwords passwords, MasterConfig config) {
        this.store = store;
        this.changes = changes;
        this.passwords = passwords;
        this.minPasswordLength = config.iam().passwordMinLength();
    }

    /** Regular users, or with {@code services} service accounts only. */
    public Uni<ObjectNode> list(boolean services) {
        return store.read(() -> UserEntity.<UserEntity> list("service = ?1 order by uid", services)).map(users -> {
            ArrayNode array = IamJson.array();
            users.forEach(u -> array.add(IamViews.user(u)));
            return IamJson.collection(array);
        });
    }

    public Uni<ObjectNode> get(String uid) {
        return store.read(() -> existing(uid)).map(IamViews::user);
    }

    /** {@code PUT /users/{uid}}. */
    public Uni<Void> create(Caller caller, String uid, byte[] body) {
        return changes.apply(caller, "user-create", uid, () -> {
            if (!IamIds.isUid(uid)) {
                throw new IamException(400, "ERR_INVALID_USER_ID", "Invalid user ID: 1 to 96 letters, digits and "
                        + "`.`, `_`, `@`, `-` expected.");
            }
            IamRequests.NewUser user = IamRequests.newUser(uid, IamJson.parse(body), minPasswordLength);
            return user.kind() == IamRequests.Kind.LOCAL
                    ? passwords.hash(user.password()).map(hash -> new NewUser(user, hash))
                    : Uni.createFrom().item(new NewUser(user, null));
        }, prepared -> UserEntity.<UserEntity> findById(uid).chain(found -> {
            if (found != null) {
                throw IamException.conflict("ERR_USER_EXISTS", "User with uid `" + uid + "` already exists.");
            }
            UserEntity entity = new UserEntity();
            entity.uid = uid;
            entity.description = prepared.user().description();
            entity.passwordHash = prepared.hash();
            entity.publicKey = prepared.user().publicKey();
            entity.service = prepared.user().kind() == IamRequests.Kind.SERVICE;
            entity.providerType = prepared.user().providerType();
            entity.providerId = prepared.user().providerId();
            return entity.persist().replaceWithVoid();
        }));
    }

    /** {@code PATCH /users/{uid}}: the description and/or the password of a local user. */
    public Uni<Void> update(Caller caller, String uid, byte[] body) {
        return changes.apply(caller, "user-update", uid, () -> {
            IamRequests.UserChange change = IamRequests.userChange(IamJson.parse(body), minPasswordLength);
            return change.password().isPresent()
                    ? passwords.hash(change.password().get()).map(hash -> new UserChange(change, hash))
                    : Uni.createFrom().item(new UserChange(change, null));
        }, prepared -> existing(uid).invoke(user -> {
            if (prepared.hash() != null && (user.service || !"internal".equals(user.providerType))) {
                throw IamException.invalid("A password can only be set for a local user account, not for `" + uid
                        + "`.");
            }
            prepared.change().description().ifPresent(d -> user.description = d);
            if (prepared.hash() != null) {
                user.passwordHash = prepared.hash();
            }
        }).replaceWithVoid());
    }

    /** {@code DELETE /users/{uid}}: the account, its memberships and its permissions. */
    public Uni<Void> delete(Caller caller, String uid) {
        return changes.apply(caller, "user-delete", uid, () -> UserEntity.deleteById(uid).invoke(deleted -> {
            if (!deleted) {
                throw IamException.unknownUser(uid);
            }
        }).replaceWithVoid());
    }

    /** {@code GET /users/{uid}/groups}: {@code {"array": [{membershipurl, group}]}}. */
    public Uni<ObjectNode> groups(String uid) {
        return store.read(() -> existing(uid).chain(user -> gidsOf(uid)).chain(gids -> gids.isEmpty()
                ? Uni.createFrom().item(List.<GroupEntity> of())
                : GroupEntity.<GroupEntity> list("gid in ?1 order by gid", gids))).map(groups -> {
                    ArrayNode array = IamJson.array();
                    groups.forEach(g -> {
                        ObjectNode membership = array.addObject();
                        membership.put("membershipurl", IamJson.membershipUrl(g.gid, uid));
                        membership.set("group", IamViews.group(g));
                    });
                    return IamJson.collection(array);
                });
    }

    /**
     * {@code GET /users/{uid}/permissions}: {@code {"direct": [{rid, description, aclurl, actions}], "groups": [{rid,
     * gid, description, aclurl, membershipurl, actions}]}}.
     */
    public Uni<ObjectNode> permissions(String uid) {
        return store.read(() -> existing(uid)
                .chain(user -> UserPermissionEntity.<UserPermissionEntity> list("uid", uid))
                .chain(direct -> gidsOf(uid).chain(gids -> gids.isEmpty()
                        ? Uni.createFrom().item(List.<GroupPermissionEntity> of())
                        : GroupPermissionEntity.<GroupPermissionEntity> list("gid in ?1", gids))
                        .chain(viaGroups -> descriptions(direct, viaGroups).map(descriptions -> {
                            ObjectNode json = IamJson.object();
                            ArrayNode directJson = json.putArray("direct");
                            Map<String, List<String>> byRid = new TreeMap<>(direct.stream().collect(Collectors
                                    .groupingBy(p -> p.rid, Collectors.mapping(p -> p.action, Collectors.toList()))));
                            byRid.forEach((rid, actions) -> {
                                ObjectNode entry = directJson.addObject();
                                entry.put("rid", rid);
                                entry.put("description", descriptions.getOrDefault(rid, ""));
                                entry.put("aclurl", IamJson.aclUrl(rid));
                                entry.set("actions", IamViews.actions(actions, IamViews.aclUserUrl(rid, uid)));
                            });
                            ArrayNode groupsJson = json.putArray("groups");
                            viaGroups.stream()
                                    .collect(Collectors.groupingBy(p -> List.of(p.rid, p.gid),
                                            Collectors.mapping(p -> p.action, Collectors.toList())))
                                    .entrySet()
                                    .stream()
                                    .sorted(Comparator.comparing((Map.Entry<List<String>, List<String>> e) -> e
                                            .getKey().get(0)).thenComparing(e -> e.getKey().get(1)))
                                    .forEach(e -> {
                                        String rid = e.getKey().get(0);
                                        String gid = e.getKey().get(1);
                                        ObjectNode entry = groupsJson.addObject();
                                        entry.put("rid", rid);
                                        entry.put("gid", gid);
                                        entry.put("description", descriptions.getOrDefault(rid, ""));
                                        entry.put("aclurl", IamJson.aclUrl(rid));
                                        entry.put("membershipurl", IamJson.membershipUrl(gid, uid));
                                        entry.set("actions",
                                                IamViews.actions(e.getValue(), IamViews.aclGroupUrl(rid, gid)));
                                    });
                            return json;
                        }))));
    }

    /** The user, or Bouncer's 400 {@code ERR_UNKNOWN_USER_ID}; in the current session. */
    public static Uni<UserEntity> existing(String uid) {
        if (!IamIds.isUid(uid)) {
            return Uni.createFrom().failure(IamException.unknownUser(uid));
        }
        return UserEntity.<UserEntity> findById(uid).onItem().ifNull().failWith(() -> IamException.unknownUser(uid));
    }

    private static Uni<List<String>> gidsOf(String uid) {
        return MembershipEntity.<MembershipEntity> list("uid", uid)
                .map(memberships -> memberships.stream().map(m -> m.gid).toList());
    }

    private static Uni<Map<String, String>> descriptions(List<UserPermissionEntity> direct,
            List<GroupPermissionEntity> viaGroups) {
        List<String> rids = java.util.stream.Stream.concat(direct.stream().map(p -> p.rid),
                viaGroups.stream().map(p -> p.rid)).distinct().toList();
        if (rids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return AclEntity.<AclEntity> list("rid in ?1", rids)
                .map(acls -> acls.stream().collect(Collectors.toMap(a -> a.rid, a -> a.description)));
    }
}
