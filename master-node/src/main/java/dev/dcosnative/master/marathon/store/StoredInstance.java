package dev.dcosnative.master.marathon.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.dcosnative.master.marathon.instance.core.AgentPlacement;
import dev.dcosnative.master.marathon.instance.core.Condition;
import dev.dcosnative.master.marathon.instance.core.Instance;
import dev.dcosnative.master.marathon.instance.core.InstanceId;
import dev.dcosnative.shared.marathon.PathId;
import dev.dcosnative.shared.marathon.Timestamps;

/** An instance's znode, {@code <root>/instances/<instance id>}: the instance as JSON. */
record StoredInstance(String id, String appId, String appVersion, String configVersion, int incarnation,
        String condition, String goal, String agentId, String hostname, String region, String zone,
        Map<String, String> attributes, List<Integer> hostPorts, String role, String stagedAt, String startedAt,
        Boolean healthy, String message) {

    static StoredInstance of(Instance i) {
        return new StoredInstance(i.id().value(), i.appId().toString(), i.appVersion(), i.configVersion(),
                i.incarnation(), i.condition().name(), i.goal().name(), i.agent().agentId(), i.agent().hostname(),
                i.agent().region(), i.agent().zone(), i.agent().attributes(), i.hostPorts(), i.role(),
                format(i.stagedAt()), format(i.startedAt()), i.healthy(), i.message());
    }

    Instance toInstance() {
        return new Instance(new InstanceId(id), PathId.of(appId), appVersion, configVersion, incarnation,
                Condition.valueOf(condition), Instance.Goal.valueOf(goal),
                new AgentPlacement(agentId, hostname, region == null ? "" : region, zone == null ? "" : zone,
                        attributes == null ? Map.of() : attributes),
                hostPorts == null ? List.of() : hostPorts, role, parse(stagedAt), parse(startedAt), healthy,
                message);
    }

    private static String format(Instant instant) {
        return instant == null ? null : Timestamps.format(instant);
    }

    private static Instant parse(String text) {
        return Timestamps.parse(text).orElse(null);
    }
}
