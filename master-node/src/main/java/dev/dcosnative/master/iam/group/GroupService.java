package dev.dcosnative.master.iam.group;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

import dev.dcosnative.master.iam.IamException;
import dev.dcosnative.master.iam.IamJson;
import dev.dcosnative.master.iam.IamViews;
import dev.dcosnative.master.iam.audit.Caller;
import dev.dcosnative.master.iam.audit.Changes;
import dev.dcosnative.master.iam.core.IamIds;
import dev.dcosnative.master.iam.core.IamRequests;
import dev.dcosnative.master.iam.store.AclEntity;
import dev.dcosnative.master.iam.store.GroupEntity;
import dev.dcosnative.master.iam.store.GroupPermissionEntity;
import dev.dcosnative.master.iam.store.IamStore;
import dev.dcosnative.master.iam.store.MembershipEntity;
import dev.dcosnative.master.iam.store.UserEntity;
import dev.dcosnative.master.iam.user.UserService;

/** Groups ({@code /groups}) and their members; permissions granted to a group apply to its members. */
@ApplicationScoped
public class GroupService {

    private final IamStore store;
    private final Changes changes;

    public GroupService(IamStore store, Changes changes) {
        this.store = store;
        this.changes = changes;
    }

    public Uni<ObjectNode> list() {
        return store.read(() -> GroupEntity.<GroupEntity> list("order by gid")).map(groups -> {
            ArrayNode array = IamJson.array();
            groups.forEach(g -> array.add(IamViews.group(g)));
            return IamJson.collection(array);
        });
    }

    public Uni<ObjectNode> get(String gid) {
        return store.read(() -> existing(gid)).map(IamViews::group);
    }

    /** {@code PUT /groups/{gid}}. */
    public Uni<Void> create(Caller caller, String gid, byte[] body) {
        return changes.apply(caller, "group-create", gid, () -> {
            if (!IamIds.isGid(gid)) {
                throw new IamException(400, "ERR_INVALID_GROUP_ID", "Invalid group ID: 1 to 96 letters, digits and "
                        + "`.`, `_`, `@`, `-` expected.");
            }
            return Uni.createFrom().item(IamRequests.newGroup(IamJson.parse(body)));
        }, description -> GroupEntity.<GroupEntity> findById(gid).chain(found -> {
            if (found != null) {
                throw IamException.conflict("ERR_GROUP_EXISTS", "Group with id `" + gid + "` already exists.");
            }
            GroupEntity group = new GroupEntity();
            group.gid = gid;
            group.description = description;
            return group.persist().replaceWithVoid();
        }));
    }

    /** {@code PATCH /groups/{gid}}: the description. */
    public Uni<Void> update(Caller caller, String gid, byte[] body) {
        return changes.apply(caller, "group-update", gid,
                () -> Uni.createFrom().item(IamRequests.descriptionUpdate(IamJson.parse(body))),
                description -> existing(gid).invoke(group -> group.description = description).replaceWithVoid());
    }

    /** {@code DELETE /groups/{gid}}: the group, its memberships and its permissions. */
    public Uni<Void> delete(Caller caller, String gid) {
        return changes.apply(caller, "group-delete", gid, () -> GroupEntity.deleteById(gid).invoke(deleted -> {
            if (!deleted) {
                throw IamException.unknownGroup(gid);
            }
        }).replaceWithVoid());
    }

    /** {@code GET /groups/{gid}/users}: {@code {"array": [{membershipurl, user}]}}, users or service accounts. */
    public Uni<ObjectNode> members(String gid, boolean services) {
        return store.read(() -> existing(gid).chain(group -> UserEntity.<UserEntity> list(
                "service = ?1 and uid in (select m.uid from MembershipEntity m where m.gid = ?2) order by uid",
                services, gid))).map(users -> {
                    ArrayNode array = IamJson.array();
                    users.forEach(user -> array.add(membership(gid, user)));
                    return IamJson.collection(array);
                });
    }

    /** {@code GET /groups/{gid}/users/{uid}}: the membership. */
    public Uni<ObjectNode> member(String gid, String uid) {
        return store.read(() -> existing(gid).chain(group -> UserService.existing(uid))
                .chain(user -> membershipOf(gid, uid).map(m -> {
                    if (m == null) {
                        throw notMember(gid, uid);
                    }
                    return membership(gid, user);
                })));
    }

    /** {@code PUT /groups/{gid}/users/{uid}}. */
    public Uni<Void> addMember(Caller caller, String gid, String uid) {
        return changes.apply(caller, "group-member-add", gid + ":" + uid, () -> existing(gid)
                .chain(group -> UserService.existing(uid))
                .chain(user -> membershipOf(gid, uid))
                .chain(found -> {
                    if (found != null) {
                        throw IamException.conflict("ERR_USER_ALREADY_IN_GROUP",
                                "User `" + uid + "` is already a member of group `" + gid + "`.");
                    }
                    MembershipEntity membership = new MembershipEntity();
                    membership.gid = gid;
                    membership.uid = uid;
                    return membership.persist().replaceWithVoid();
                }));
    }

    /** {@code DELETE /groups/{gid}/users/{uid}}. */
    public Uni<Void> removeMember(Caller caller, String gid, String uid) {
        return changes.apply(caller, "group-member-remove", gid + ":" + uid, () -> existing(gid)
                .chain(group -> UserService.existing(uid))
                .chain(user -> MembershipEntity.delete("gid = ?1 and uid = ?2", gid, uid))
                .invoke(deleted -> {
                    if (deleted == 0) {
                        throw notMember(gid, uid);
                    }
                })
                .replaceWithVoid());
    }

    /** {@code GET /groups/{gid}/permissions}: {@code {"array": [{rid, description, aclurl, actions}]}}. */
    public Uni<ObjectNode> permissions(String gid) {
        return store.read(() -> existing(gid)
                .chain(group -> GroupPermissionEntity.<GroupPermissionEntity> list("gid", gid))
                .chain(grants -> {
                    Map<String, List<String>> byRid = new TreeMap<>(grants.stream().collect(Collectors
                            .groupingBy(p -> p.rid, Collectors.mapping(p -> p.action, Collectors.toList()))));
                    Uni<List<AclEntity>> acls = byRid.isEmpty() ? Uni.createFrom().item(List.of())
                            : AclEntity.list("rid in ?1", List.copyOf(byRid.keySet()));
                    return acls.map(list -> {
                        Map<String, String> descriptions = list.stream()
                                .collect(Collectors.toMap(a -> a.rid, a -> a.description));
                        ArrayNode array = IamJson.array();
                        byRid.forEach((rid, actions) -> {
                            ObjectNode entry = array.addObject();
                            entry.put("rid", rid);
                            entry.put("description", descriptions.getOrDefault(rid, ""));
                            entry.put("aclurl", IamJson.aclUrl(rid));
                            entry.set("actions", IamViews.actions(actions, IamViews.aclGroupUrl(rid, gid)));
                        });
                        return IamJson.collection(array);
                    });
                }));
    }

    /** The group, or Bouncer's 400 {@code ERR_UNKNOWN_GROUP_ID}; in the current session. */
    public static Uni<GroupEntity> existing(String gid) {
        if (!IamIds.isGid(gid)) {
            return Uni.createFrom().failure(IamException.unknownGroup(gid));
        }
        return GroupEntity.<GroupEntity> findById(gid).onItem().ifNull().failWith(() -> IamException.unknownGroup(gid));
    }

    private static Uni<MembershipEntity> membershipOf(String gid, String uid) {
        return MembershipEntity.findById(new MembershipEntity.Key(gid, uid));
    }

    private static ObjectNode membership(String gid, UserEntity user) {
        ObjectNode json = IamJson.object();
        json.put("membershipurl", IamJson.membershipUrl(gid, user.uid));
        json.set("user", IamViews.user(user));
        return json;
    }

    private static IamException notMember(String gid, String uid) {
        return new IamException(400, "ERR_USER_NOT_IN_GROUP", "User `" + uid + "` is not a member of group `" + gid
                + "`.");
    }
}
