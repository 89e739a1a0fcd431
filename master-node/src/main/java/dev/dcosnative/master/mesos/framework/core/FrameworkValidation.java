package dev.dcosnative.master.mesos.framework.core;

import java.util.Set;

import org.apache.mesos.v1.Protos.FrameworkInfo;

/** The checks Mesos makes on a FrameworkInfo at subscription, with its messages. */
public final class FrameworkValidation {

    private FrameworkValidation() {
    }

    /** @throws InvalidFrameworkException naming the first problem */
    public static void validate(FrameworkInfo info, Set<String> suppressedRoles) {
        boolean multiRole = info.getCapabilitiesList()
                .stream()
                .anyMatch(c -> c.getType() == FrameworkInfo.Capability.Type.MULTI_ROLE);
        if (!multiRole && info.getRolesCount() > 0) {
            throw new InvalidFrameworkException(
                    "'FrameworkInfo.roles' is set but MULTI_ROLE capability is not specified");
        }
        if (multiRole && info.hasRole()) {
            throw new InvalidFrameworkException(
                    "'FrameworkInfo.role' must not be set when MULTI_ROLE capability is specified");
        }
        Set<String> roles = Framework.rolesOf(info);
        for (String role : roles) {
            validateRole(role);
        }
        if (info.getRolesList().stream().distinct().count() != info.getRolesCount()) {
            throw new InvalidFrameworkException("'FrameworkInfo.roles' contains duplicate items");
        }
        for (String role : suppressedRoles) {
            if (!roles.contains(role)) {
                throw new InvalidFrameworkException("Suppressed role '" + role
                        + "' is not contained in the list of roles");
            }
        }
        if (info.hasId() && !validId(info.getId().getValue())) {
            throw new InvalidFrameworkException("'FrameworkInfo.id' is invalid");
        }
        if (info.getFailoverTimeout() < 0 || Double.isNaN(info.getFailoverTimeout())
                || Double.isInfinite(info.getFailoverTimeout())) {
            throw new InvalidFrameworkException("'FrameworkInfo.failover_timeout' must be a non-negative number");
        }
    }

    /** Mesos' role name rules. */
    public static void validateRole(String role) {
        if (role.isEmpty()) {
            throw new InvalidFrameworkException("Invalid role: empty");
        }
        if (role.equals("*")) {
            return;
        }
        for (String part : role.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.startsWith("-")
                    || part.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)
                            || c == '\\' || c == '*')) {
                throw new InvalidFrameworkException("Invalid role '" + role + "'");
            }
        }
    }

    /** Ids (framework, task, executor) may not be empty, contain '/', '\' or control characters, or be . and .. */
    public static boolean validId(String id) {
        return !id.isEmpty() && !id.equals(".") && !id.equals("..") && id.length() <= 1024
                && id.chars().noneMatch(c -> c == '/' || c == '\\' || Character.isISOControl(c));
    }
}
