package dev.dcosnative.master.marathon.instance;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.mesos.v1.Protos.TaskStatus;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dcosnative.master.marathon.MarathonState;
import dev.dcosnative.master.marathon.event.EventBus;
import dev.dcosnative.master.marathon.instance.core.Condition;
import dev.dcosnative.master.marathon.instance.core.Instance;
import dev.dcosnative.master.marathon.instance.core.InstanceId;
import dev.dcosnative.master.marathon.store.MarathonStore;
import dev.dcosnative.shared.marathon.Timestamps;

/**
 * Keeps Marathon's instances in step with their tasks: a launch, a status update, a health report or a kill changes
 * an instance, the change is written to the store, then applied in memory and published as events
 * ({@code status_update_event}, {@code instance_changed_event}, {@code health_status_changed_event},
 * {@code instance_health_changed_event}). A task that ended takes its instance with it (expunged): Marathon launches
 * a new instance when the app still wants one. Runs on the Marathon actor.
 */
@ApplicationScoped
public class InstanceTracker {

    /** What a status update did to an instance. {@code after} is empty when the instance was expunged. */
    public record Change(Instance before, Optional<Instance> after, TaskStatus status, boolean healthChanged) {

        public boolean expunged() {
            return after.isEmpty();
        }

        /** The task ended on its own (failed, finished, lost...) rather than being killed by Marathon. */
        public boolean unexpected() {
            return expunged() && before.goal() == Instance.Goal.Running;
        }
    }

    /** What the {@code healthCheckResults} of a task show; kept in memory only, as Marathon does. */
    public record HealthRecord(boolean alive, int consecutiveFailures, Instant firstSuccess, Instant lastSuccess,
            Instant lastFailure, String lastFailureCause) {
    }

    private final MarathonStore store;
    private final EventBus events;
    private final Clock clock;
    private final Map<InstanceId, HealthRecord> health = new HashMap<>();

    public InstanceTracker(MarathonStore store, EventBus events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /** New instances about to be launched: stored first, so a master restart knows them. */
    public void launched(MarathonState state, List<Instance> instances) {
        MarathonStore.Batch batch = store.batch();
        instances.forEach(batch::instance);
        store.write(batch);
        for (Instance instance : instances) {
            state.put(instance);
            publishChanged(instance);
        }
    }

    /** Applies a task status to its instance; empty when the task is not one of Marathon's known instances. */
    public Optional<Change> update(MarathonState state, TaskStatus status) {
        InstanceId id = InstanceId.ofTaskId(status.getTaskId().getValue());
        if (id == null) {
            return Optional.empty();
        }
        Optional<Instance> known = state.instance(id);
        if (known.isEmpty() || !known.get().taskId().equals(status.getTaskId().getValue())) {
            return Optional.empty();
        }
        Instance before = known.get();
        Instant now = clock.instant();
        Condition condition = Condition.of(status.getState());
        Instance after = before.withCondition(condition, now, status.getMessage());
        boolean healthChanged = false;
        if (status.hasHealthy() && !condition.isTerminal()) {
            healthChanged = !Boolean.valueOf(status.getHealthy()).equals(before.healthy());
            after = after.withHealth(status.getHealthy());
            recordHealth(id, status.getHealthy(), status.getMessage(), now);
        }
        boolean conditionChanged = condition != before.condition();
        if (condition.isTerminal()) {
            store.write(store.batch().removeInstance(id));
            state.remove(id);
            health.remove(id);
        } else if (conditionChanged || healthChanged) {
            store.write(store.batch().instance(after));
            state.put(after);
        } else {
            return Optional.of(new Change(before, Optional.of(before), status, false));
        }
        publishStatus(before, status);
        if (conditionChanged) {
            publishChanged(after);
        }
        if (healthChanged) {
            publishHealth(after);
        }
        return Optional.of(new Change(before, condition.isTerminal() ? Optional.empty() : Optional.of(after), status,
                healthChanged));
    }

    /** Records what Marathon now wants of an instance (stop it, or stop and forget it). */
    public Instance goal(MarathonState state, Instance instance, Instance.Goal goal) {
        if (instance.goal() == goal) {
            return instance;
        }
        Instance changed = instance.withGoal(goal);
        store.write(store.batch().instance(changed));
        state.put(changed);
        return changed;
    }

    /** An unreachable instance stops counting for its app (a replacement is launched); it is kept until expunged. */
    public void inactive(MarathonState state, Instance instance) {
        Instance inactive = instance.withCondition(Condition.UnreachableInactive, clock.instant(),
                instance.message());
        store.write(store.batch().instance(inactive));
        state.put(inactive);
        publishChanged(inactive);
    }

    /** Forgets an instance whose task is gone without a status update saying so (e.g. unreachable too long). */
    public void expunge(MarathonState state, Instance instance) {
        store.write(store.batch().removeInstance(instance.id()));
        state.remove(instance.id());
        health.remove(instance.id());
    }

    public Optional<HealthRecord> health(InstanceId id) {
        return Optional.ofNullable(health.get(id));
    }

    /** Forgets the in-memory health records (Marathon stopped). */
    public void reset() {
        health.clear();
    }

    private void recordHealth(InstanceId id, boolean alive, String cause, Instant now) {
        HealthRecord previous = health.get(id);
        if (alive) {
            health.put(id, new HealthRecord(true, 0,
                    previous == null || previous.firstSuccess() == null ? now : previous.firstSuccess(), now,
                    previous == null ? null : previous.lastFailure(),
                    previous == null ? null : previous.lastFailureCause()));
        } else {
            health.put(id, new HealthRecord(false, previous == null ? 1 : previous.consecutiveFailures() + 1,
                    previous == null ? null : previous.firstSuccess(),
                    previous == null ? null : previous.lastSuccess(), now,
                    cause == null || cause.isEmpty() ? "health check failed" : cause));
        }
    }

    private void publishStatus(Instance instance, TaskStatus status) {
        ObjectNode event = events.event("status_update_event");
        event.put("slaveId", instance.agent().agentId());
        event.put("taskId", status.getTaskId().getValue());
        event.put("taskStatus", status.getState().name());
        event.put("message", status.getMessage());
        event.put("appId", instance.appId().toString());
        event.put("host", instance.agent().hostname());
        ArrayNode addresses = event.putArray("ipAddresses");
        addresses.addObject().put("ipAddress", instance.agent().hostname()).put("protocol", "IPv4");
        ArrayNode ports = event.putArray("ports");
        instance.hostPorts().forEach(ports::add);
        event.put("version", instance.appVersion());
        events.publish(event);
    }

    private void publishChanged(Instance instance) {
        ObjectNode event = events.event("instance_changed_event");
        event.put("instanceId", instance.id().value());
        event.put("condition", instance.condition().name());
        event.put("runSpecId", instance.appId().toString());
        event.put("agentId", instance.agent().agentId());
        event.put("host", instance.agent().hostname());
        event.put("runSpecVersion", instance.appVersion());
        event.put("goal", instance.goal().name());
        events.publish(event);
    }

    private void publishHealth(Instance instance) {
        boolean alive = Boolean.TRUE.equals(instance.healthy());
        ObjectNode changed = events.event("health_status_changed_event");
        changed.put("appId", instance.appId().toString());
        changed.put("instanceId", instance.id().value());
        changed.put("version", instance.appVersion());
        changed.put("alive", alive);
        events.publish(changed);
        ObjectNode instanceHealth = events.event("instance_health_changed_event");
        instanceHealth.put("instanceId", instance.id().value());
        instanceHealth.put("runSpecId", instance.appId().toString());
        instanceHealth.put("runSpecVersion", instance.appVersion());
        instanceHealth.put("healthy", alive);
        events.publish(instanceHealth);
    }

    /** The timestamp format of events and task JSON. */
    public static String format(Instant instant) {
        return instant == null ? null : Timestamps.format(instant);
    }
}
