package dev.dcosnative.master.marathon.app.core;

import java.util.List;

/**
 * The cluster-wide settings that shape an app's defaults: the role apps run as unless they name one (Marathon's
 * {@code --mesos_role}; {@code slave_public} in DC/OS) and the resource roles they accept unless they say
 * ({@code --default_accepted_resource_roles}; {@code *} in DC/OS, so apps land on private agents by default).
 */
public record AppDefaults(String role, List<String> acceptedResourceRoles) {

    public static final AppDefaults DCOS = new AppDefaults("slave_public", List.of("*"));

    public AppDefaults {
        acceptedResourceRoles = List.copyOf(acceptedResourceRoles);
    }
}
