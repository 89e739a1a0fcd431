package dev.dcosnative.master.marathon.instance.core;

import java.time.Instant;
import java.util.List;

import dev.dcosnative.shared.marathon.PathId;

/**
 * One instance of an app: one Mesos task at a time on one agent. {@code appVersion} is the version of the app
 * definition it was launched from and {@code configVersion} that version's {@code lastConfigChangeAt}: an instance is
 * "old" for a deployment when its config version differs from the target's. {@code healthy} is null until the agent
 * reports a health check result (or forever, for apps without health checks).
 */
public record Instance(
        InstanceId id,
        PathId appId,
        String appVersion,
        String configVersion,
        int incarnation,
        Condition condition,
        Goal goal,
        AgentPlacement agent,
        List<Integer> hostPorts,
        String role,
        Instant stagedAt,
        Instant startedAt,
        Boolean healthy,
        String message) {

    /** What Marathon wants of the instance: keep it running, stop it, or stop and forget it. */
    public enum Goal {
        Running,
        Stopped,
        Decommissioned
    }

    public Instance {
        hostPorts = List.copyOf(hostPorts);
    }

    public String taskId() {
        return id.taskId(incarnation);
    }

    public boolean isActive() {
        return condition.isActive();
    }

    public boolean isRunning() {
        return condition == Condition.Running;
    }

    /** Running and, when the app has health checks, reported healthy. */
    public boolean isHealthy(boolean appHasHealthChecks) {
        return isRunning() && (!appHasHealthChecks || Boolean.TRUE.equals(healthy));
    }

    public Instance withCondition(Condition condition, Instant now, String message) {
        Instant started = startedAt == null && condition == Condition.Running ? now : startedAt;
        Boolean health = condition == Condition.Running || condition == Condition.Killing ? healthy : null;
        return new Instance(id, appId, appVersion, configVersion, incarnation, condition, goal, agent, hostPorts,
                role, stagedAt, started, health, message);
    }

    public Instance withHealth(Boolean healthy) {
        return new Instance(id, appId, appVersion, configVersion, incarnation, condition, goal, agent, hostPorts,
                role, stagedAt, startedAt, healthy, message);
    }

    public Instance withGoal(Goal goal) {
        return new Instance(id, appId, appVersion, configVersion, incarnation, condition, goal, agent, hostPorts,
                role, stagedAt, startedAt, healthy, message);
    }
}
