package dev.dcosnative.master.iam.core;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Everything one user may do: the permissions granted to the user and to the groups the user belongs to, merged.
 * {@code full} on a rid covers every action on it; {@code full} on {@code dcos:superuser} covers every action on
 * every rid (DC/OS Enterprise's superuser). Pure and immutable.
 */
public final class PermissionSet {

    /** One granted action on one rid. */
    public record Grant(String rid, String action) {
    }

    public static final PermissionSet NONE = new PermissionSet(Map.of());

    private final Map<String, Set<String>> actionsByRid;

    private PermissionSet(Map<String, Set<String>> actionsByRid) {
        this.actionsByRid = actionsByRid;
    }

    public static PermissionSet of(Collection<Grant> grants) {
        Map<String, Set<String>> byRid = new HashMap<>();
        for (Grant grant : grants) {
            byRid.computeIfAbsent(grant.rid(), r -> new HashSet<>()).add(grant.action());
        }
        byRid.replaceAll((rid, actions) -> Set.copyOf(actions));
        return new PermissionSet(Map.copyOf(byRid));
    }

    /** Holds {@code full} on {@code dcos:superuser}. */
    public boolean superuser() {
        return actionsByRid.getOrDefault(IamIds.SUPERUSER_RID, Set.of()).contains(IamIds.FULL);
    }

    /** Whether {@code action} on {@code rid} is allowed; unknown actions never are. */
    public boolean allows(String rid, String action) {
        if (!IamIds.isAction(action)) {
            return false;
        }
        if (superuser()) {
            return true;
        }
        Set<String> actions = actionsByRid.get(rid);
        return actions != null && (actions.contains(action) || actions.contains(IamIds.FULL));
    }
}
