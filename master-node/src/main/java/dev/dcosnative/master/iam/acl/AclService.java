package dev.dcosnative.master.iam.acl;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

import dev.dcosnative.master.iam.Authorizer;
import dev.dcosnative.master.iam.IamException;
import dev.dcosnative.master.iam.IamJson;
import dev.dcosnative.master.iam.IamViews;
import dev.dcosnative.master.iam.audit.Caller;
import dev.dcosnative.master.iam.audit.Changes;
import dev.dcosnative.master.iam.core.IamIds;
import dev.dcosnative.master.iam.core.IamRequests;
import dev.dcosnative.master.iam.group.GroupService;
import dev.dcosnative.master.iam.store.AclEntity;
import dev.dcosnative.master.iam.store.GroupPermissionEntity;
import dev.dcosnative.master.iam.store.IamStore;
import dev.dcosnative.master.iam.store.UserPermissionEntity;
import dev.dcosnative.master.iam.user.UserService;

/**
 * ACLs ({@code /acls}): the protected resources (rids) and the actions users and groups may take on them. A
 * permission is granted on an existing ACL to an existing user or group, one action at a time.
 */
@ApplicationScoped
public class AclService {

    private final IamStore store;
    private final Changes changes;
    private final AuthorizerService authorizer;

    public AclService(IamStore store, Changes changes, AuthorizerService authorizer) {
        this.store = store;
        this.changes = changes;
        this.authorizer = authorizer;
    }

    public Uni<ObjectNode> list() {
        return store.read(() -> AclEntity.<AclEntity> list("order by rid")).map(acls -> {
            ArrayNode array = IamJson.array();
            acls.forEach(a -> array.add(IamViews.acl(a)));
            return IamJson.collection(array);
        });
    }

    public Uni<ObjectNode> get(String rid) {
        return store.read(() -> existing(rid)).map(IamViews::acl);
    }

    /** {@code PUT /acls/{rid}}. */
    public Uni<Void> create(Caller caller, String rid, byte[] body) {
        return changes.apply(caller, "acl-create", rid, () -> {
            if (!IamIds.isRid(rid)) {
                throw new IamException(400, "ERR_INVALID_RESOURCE_ID", "Invalid resource ID: 1 to 512 letters, digits "
                        + "and `:`, `/`, `.`, `_`, `-`, `*`, `@` expected.");
            }
            return Uni.createFrom().item(IamRequests.newAcl(IamJson.parse(body)));
        }, description -> AclEntity.<AclEntity> findById(rid).chain(found -> {
            if (found != null) {
                throw IamException.conflict("ERR_ACL_EXISTS", "ACL for resource `" + rid + "` already exists.");
            }
            AclEntity acl = new AclEntity();
            acl.rid = rid;
            acl.description = description;
            return acl.persist().replaceWithVoid();
        }));
    }

    /** {@code PATCH /acls/{rid}}: the description. */
    public Uni<Void> update(Caller caller, String rid, byte[] body) {
        return changes.apply(caller, "acl-update", rid,
                () -> Uni.createFrom().item(IamRequests.descriptionUpdate(IamJson.parse(body))),
                description -> existing(rid).invoke(acl -> acl.description = description).replaceWithVoid());
    }

    /** {@code DELETE /acls/{rid}}: the ACL and every permission on it; never {@code dcos:superuser}'s. */
    public Uni<Void> delete(Caller caller, String rid) {
        return changes.apply(caller, "acl-delete", rid, () -> {
            if (Authorizer.SUPERUSER.equals(rid)) {
                throw new IamException(400, "ERR_IS_SUPERUSER_ACL", "The ACL of `" + Authorizer.SUPERUSER
                        + "` cannot be deleted (revoke single permissions instead).");
            }
            return AclEntity.deleteById(rid).invoke(deleted -> {
                if (!deleted) {
                    throw IamException.unknownResource(rid);
                }
            }).replaceWithVoid();
        });
    }

    /** {@code GET /acls/{rid}/users/{uid}}: {@code {"array": [{name, url}]}} of the user's own actions. */
    public Uni<ObjectNode> userActions(String rid, String uid) {
        return store.read(() -> existing(rid).chain(acl -> UserService.existing(uid))
                .chain(user -> UserPermissionEntity.<UserPermissionEntity> list("rid = ?1 and uid = ?2", rid, uid))
                .map(grants -> {
                    if (grants.isEmpty()) {
                        throw userNotInAcl(rid, uid);
                    }
                    return IamJson.collection(IamViews.actions(grants.stream().map(g -> g.action).toList(),
                            IamViews.aclUserUrl(rid, uid)));
                }));
    }

    /** {@code GET /acls/{rid}/groups/{gid}}: {@code {"array": [{name, url}]}}. */
    public Uni<ObjectNode> groupActions(String rid, String gid) {
        return store.read(() -> existing(rid).chain(acl -> GroupService.existing(gid))
                .chain(group -> GroupPermissionEntity.<GroupPermissionEntity> list("rid = ?1 and gid = ?2", rid, gid))
                .map(grants -> {
                    if (grants.isEmpty()) {
                        throw groupNotInAcl(rid, gid);
                    }
                    return IamJson.collection(IamViews.actions(grants.stream().map(g -> g.action).toList(),
                            IamViews.aclGroupUrl(rid, gid)));
                }));
    }

    /**
     * {@code GET /acls/{rid}/users/{uid}/{action}}: {@code {"allowed": bool}}, what the user may do in effect: own
     * grants, the groups', {@code full}, superuser.
     */
    public Uni<ObjectNode> userAllowed(String rid, String uid, String action) {
        return checkedAction(action).chain(() -> store.read(() -> UserService.existing(uid)))
                .chain(user -> authorizer.allowed(uid, rid, action))
                .map(AclService::allowed);
    }

    /** {@code GET /acls/{rid}/groups/{gid}/{action}}: whether the group holds the action (or {@code full}). */
    public Uni<ObjectNode> groupAllowed(String rid, String gid, String action) {
        return checkedAction(action).chain(() -> store.read(() -> GroupService.existing(gid)
                .chain(group -> GroupPermissionEntity.count("rid = ?1 and gid = ?2 and action in ?3", rid, gid,
                        List.of(action, IamIds.FULL)))))
                .map(count -> allowed(count > 0));
    }

    /** {@code PUT /acls/{rid}/users/{uid}/{action}}. */
    public Uni<Void> grantUser(Caller caller, String rid, String uid, String action) {
        return changes.apply(caller, "acl-grant-user", rid + ":" + uid + ":" + action, () -> checkedAction(action)
                .chain(() -> existing(rid))
                .chain(acl -> UserService.existing(uid))
                .chain(user -> UserPermissionEntity.count("rid = ?1 and uid = ?2 and action = ?3", rid, uid, action))
                .chain(count -> {
                    if (count > 0) {
                        throw permissionExists(rid, uid, action);
                    }
                    UserPermissionEntity grant = new UserPermissionEntity();
                    grant.rid = rid;
                    grant.uid = uid;
                    grant.action = action;
                    return grant.persist().replaceWithVoid();
                }));
    }

    /** {@code PUT /acls/{rid}/groups/{gid}/{action}}. */
    public Uni<Void> grantGroup(Caller caller, String rid, String gid, String action) {
        return changes.apply(caller, "acl-grant-group", rid + ":" + gid + ":" + action, () -> checkedAction(action)
                .chain(() -> existing(rid))
                .chain(acl -> GroupService.existing(gid))
                .chain(group -> GroupPermissionEntity.count("rid = ?1 and gid = ?2 and action = ?3", rid, gid, action))
                .chain(count -> {
                    if (count > 0) {
                        throw permissionExists(rid, gid, action);
                    }
                    GroupPermissionEntity grant = new GroupPermissionEntity();
                    grant.rid = rid;
                    grant.gid = gid;
                    grant.action = action;
                    return grant.persist().replaceWithVoid();
                }));
    }

    /** {@code DELETE /acls/{rid}/users/{uid}/{action}}, or every action of the user when {@code action} is null. */
    public Uni<Void> revokeUser(Caller caller, String rid, String uid, String action) {
        return changes.apply(caller, "acl-revoke-user", rid + ":" + uid + (action == null ? "" : ":" + action),
                () -> (action == null ? Uni.createFrom().voidItem() : checkedAction(action))
                        .chain(() -> existing(rid))
                        .chain(acl -> UserService.existing(uid))
                        .chain(user -> action == null
                                ? UserPermissionEntity.delete("rid = ?1 and uid = ?2", rid, uid)
                                : UserPermissionEntity.delete("rid = ?1 and uid = ?2 and action = ?3", rid, uid,
                                        action))
                        .invoke(deleted -> {
                            if (deleted == 0) {
                                throw action == null ? userNotInAcl(rid, uid)
                                        : new IamException(400, "ERR_ACTION_NOT_YET_STORED", "Action `" + action
                                                + "` unknown for user `" + uid + "` in ACL for resource `" + rid
                                                + "`.");
                            }
                        })
                        .replaceWithVoid());
    }

    /** {@code DELETE /acls/{rid}/groups/{gid}/{action}}, or every action of the group when {@code action} is null. */
    public Uni<Void> revokeGroup(Caller caller, String rid, String gid, String action) {
        return changes.apply(caller, "acl-revoke-group", rid + ":" + gid + (action == null ? "" : ":" + action),
                () -> (action == null ? Uni.createFrom().voidItem() : checkedAction(action))
                        .chain(() -> existing(rid))
                        .chain(acl -> GroupService.existing(gid))
                        .chain(group -> action == null
                                ? GroupPermissionEntity.delete("rid = ?1 and gid = ?2", rid, gid)
                                : GroupPermissionEntity.delete("rid = ?1 and gid = ?2 and action = ?3", rid, gid,
                                        action))
                        .invoke(deleted -> {
                            if (deleted == 0) {
                                throw action == null ? groupNotInAcl(rid, gid)
                                        : new IamException(400, "ERR_ACTION_NOT_YET_STORED", "Action `" + action
                                                + "` unknown for group `" + gid + "` in ACL for resource `" + rid
                                                + "`.");
                            }
                        })
                        .replaceWithVoid());
    }

    /**
     * {@code GET /acls/{rid}/permissions}: {@code {"users": [{uid, userurl, actions}], "groups": [{gid, groupurl,
     * actions}]}}.
     */
    public Uni<ObjectNode> permissions(String rid) {
        return store.read(() -> existing(rid)
                .chain(acl -> UserPermissionEntity.<UserPermissionEntity> list("rid", rid))
                .chain(users -> GroupPermissionEntity.<GroupPermissionEntity> list("rid", rid).map(groups -> {
                    ObjectNode json = IamJson.object();
                    ArrayNode usersJson = json.putArray("users");
                    byId(users.stream().collect(Collectors.groupingBy(p -> p.uid,
                            Collectors.mapping(p -> p.action, Collectors.toList())))).forEach((uid, actions) -> {
                                ObjectNode entry = usersJson.addObject();
                                entry.put("uid", uid);
                                entry.put("userurl", IamJson.userUrl(uid));
                                entry.set("actions", IamViews.actions(actions, IamViews.aclUserUrl(rid, uid)));
                            });
                    ArrayNode groupsJson = json.putArray("groups");
                    byId(groups.stream().collect(Collectors.groupingBy(p -> p.gid,
                            Collectors.mapping(p -> p.action, Collectors.toList())))).forEach((gid, actions) -> {
                                ObjectNode entry = groupsJson.addObject();
                                entry.put("gid", gid);
                                entry.put("groupurl", IamJson.groupUrl(gid));
                                entry.set("actions", IamViews.actions(actions, IamViews.aclGroupUrl(rid, gid)));
                            });
                    return json;
                })));
    }

    /** The ACL, or Bouncer's 400 {@code ERR_UNKNOWN_RESOURCE_ID}; in the current session. */
    static Uni<AclEntity> existing(String rid) {
        if (!IamIds.isRid(rid)) {
            return Uni.createFrom().failure(IamException.unknownResource(rid));
        }
        return AclEntity.<AclEntity> findById(rid).onItem().ifNull().failWith(() -> IamException.unknownResource(rid));
    }

    private static Uni<Void> checkedAction(String action) {
        return IamIds.isAction(action) ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(IamException.invalidAction(action));
    }

    private static Map<String, List<String>> byId(Map<String, List<String>> map) {
        return new TreeMap<>(map);
    }

    private static ObjectNode allowed(boolean allowed) {
        ObjectNode json = IamJson.object();
        json.put("allowed", allowed);
        return json;
    }

    private static IamException userNotInAcl(String rid, String uid) {
        return new IamException(400, "ERR_USER_NOT_IN_ACL", "User `" + uid + "` is not part of ACL for resource `"
                + rid + "`.");
    }

    private static IamException groupNotInAcl(String rid, String gid) {
        return new IamException(400, "ERR_GROUP_NOT_IN_ACL", "Group `" + gid + "` is not part of ACL for resource `"
                + rid + "`.");
    }

    private static IamException permissionExists(String rid, String who, String action) {
        return IamException.conflict("ERR_PERMISSION_EXISTS", "`" + who + "` already holds the action `" + action
                + "` on `" + rid + "`.");
    }
}
