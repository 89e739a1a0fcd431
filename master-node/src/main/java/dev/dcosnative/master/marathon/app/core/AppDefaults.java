package dev.dcosnative.master.marathon.app.core;

import java.util.List;

/**
 * The cluster-wide settings that shape an app's defaults: the role apps run as unless they name one (Marathon's
 * {@code --mesos_role}; {@code slave_public} in DC/OS), the resource roles they accept unless they say
 * ({@code --default_accepted_resource_roles}; {@code *} in DC/OS, so apps land on private agents by default), and the
 * network a {@code container} network without a name joins ({@code --default_network_name}; {@code dcos} in DC/OS,
 * null for none).
 */
public record AppDefaults(String role, List<String> acceptedResourceRoles, String defaultNetworkName) {

    public static final AppDefaults DCOS = new AppDefaults("slave_public", List.of("*"), "dcos");

    public AppDefaults {
        acceptedResourceRoles = List.copyOf(acceptedResourceRoles);
    }

    /** Settings without a default network name. */
    public AppDefaults(String role, List<String> acceptedResourceRoles) {
        this(role, acceptedResourceRoles, null);
    }
}
