package dev.dcosnative.master.iam;

import java.util.Collection;
import java.util.Comparator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dcosnative.master.iam.core.IamIds;
import dev.dcosnative.master.iam.store.AclEntity;
import dev.dcosnative.master.iam.store.GroupEntity;
import dev.dcosnative.master.iam.store.UserEntity;

/** The JSON of IAM's objects, field for field as Bouncer answers them. */
public final class IamViews {

    private IamViews() {
    }

    /** {@code {uid, url, description, is_remote, is_service, provider_type, provider_id[, public_key]}}. */
    public static ObjectNode user(UserEntity user) {
        ObjectNode json = IamJson.object();
        json.put("uid", user.uid);
        json.put("url", IamJson.userUrl(user.uid));
        json.put("description", user.description);
        json.put("is_remote", !"internal".equals(user.providerType));
        json.put("is_service", user.service);
        json.put("provider_type", user.providerType);
        json.put("provider_id", user.providerId);
        if (user.service) {
            json.put("public_key", user.publicKey);
        }
        return json;
    }

    /** {@code {gid, url, description, provider_type}}. */
    public static ObjectNode group(GroupEntity group) {
        ObjectNode json = IamJson.object();
        json.put("gid", group.gid);
        json.put("url", IamJson.groupUrl(group.gid));
        json.put("description", group.description);
        json.put("provider_type", group.providerType);
        return json;
    }

    /** {@code {rid, url, description}}. */
    public static ObjectNode acl(AclEntity acl) {
        ObjectNode json = IamJson.object();
        json.put("rid", acl.rid);
        json.put("url", IamJson.aclUrl(acl.rid));
        json.put("description", acl.description);
        return json;
    }

    /**
     * {@code [{name, url}]} of {@code actions} in Bouncer's order, each url under {@code base} (an ACL's user or group
     * url: {@code /acs/api/v1/acls/<rid>/users/<uid>}).
     */
    public static ArrayNode actions(Collection<String> actions, String base) {
        ArrayNode array = IamJson.array();
        actions.stream().sorted(Comparator.comparingInt(IamIds.ACTIONS::indexOf)).distinct().forEach(action -> {
            ObjectNode json = array.addObject();
            json.put("name", action);
            json.put("url", base + "/" + action);
        });
        return array;
    }

    /** The url of a user's entry in an ACL. */
    public static String aclUserUrl(String rid, String uid) {
        return IamJson.aclUrl(rid) + "/users/" + IamJson.segment(uid);
    }

    /** The url of a group's entry in an ACL. */
    public static String aclGroupUrl(String rid, String gid) {
        return IamJson.aclUrl(rid) + "/groups/" + IamJson.segment(gid);
    }
}
