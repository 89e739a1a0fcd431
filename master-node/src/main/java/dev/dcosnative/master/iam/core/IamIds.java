package dev.dcosnative.master.iam.core;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What IAM identifiers may look like, as Bouncer accepts them: uids and gids are 1 to 96 letters, digits and
 * {@code . _ @ -} ({@code alice}, {@code alice@example.com}, {@code ldap.user-X09}); rids are 1 to 512 characters of
 * letters, digits and {@code : / . _ - * @} ({@code dcos:service:marathon:marathon:services:/prod}); actions are
 * {@code create, read, update, delete, full}.
 */
public final class IamIds {

    public static final String SUPERUSER_RID = "dcos:superuser";
    public static final String FULL = "full";
    public static final List<String> ACTIONS = List.of("create", "read", "update", "delete", FULL);

    private static final Pattern ID = Pattern.compile("[a-zA-Z0-9._@-]{1,96}");
    private static final Pattern RID = Pattern.compile("[a-zA-Z0-9:/._*@-]{1,512}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private IamIds() {
    }

    public static boolean isUid(String uid) {
        return uid != null && ID.matcher(uid).matches();
    }

    public static boolean isGid(String gid) {
        return gid != null && ID.matcher(gid).matches();
    }

    public static boolean isRid(String rid) {
        return rid != null && RID.matcher(rid).matches();
    }

    public static boolean isAction(String action) {
        return action != null && ACTIONS.contains(action);
    }

    /** Looks like an e-mail address (legacy DC/OS users invited for an OpenID Connect login). */
    public static boolean looksLikeEmail(String uid) {
        return uid != null && EMAIL.matcher(uid).matches();
    }
}
