package dev.dcosnative.master.iam;

import io.smallrye.mutiny.Uni;

/**
 * Whether a user may take an action on a protected resource: granted to the user or to a group the user belongs to,
 * on that rid ({@code full} covers every action), or the user holds {@code dcos:superuser}. Answers are cached for a
 * short time and dropped when IAM data changes, so the edge can ask on every request.
 */
public interface Authorizer {

    /** The actions of DC/OS ACLs. */
    String CREATE = "create";
    String READ = "read";
    String UPDATE = "update";
    String DELETE = "delete";
    String FULL = "full";

    /** The rid that allows everything. */
    String SUPERUSER = "dcos:superuser";

    Uni<Boolean> allowed(String uid, String rid, String action);
}
