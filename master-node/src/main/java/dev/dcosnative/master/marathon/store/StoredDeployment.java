package dev.dcosnative.master.marathon.store;

import java.util.List;
import java.util.Map;

/**
 * A deployment's znode, {@code <root>/deployments/<id>}: enough to plan it again after a master restart (the app
 * versions it goes from and to — null for an app that does not exist on that side — and the instances it was told to
 * kill) and where it was (the step it is on). The plan itself is derived, never stored.
 */
public record StoredDeployment(String id, String version, Map<String, String> original, Map<String, String> target,
        Map<String, List<String>> toKill, int currentStep, String startedAt, String kind) {
}
