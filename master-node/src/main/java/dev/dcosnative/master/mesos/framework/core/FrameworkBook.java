package dev.dcosnative.master.mesos.framework.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;

/**
 * The master's book of frameworks: subscription and failover, disconnection and its failover timeout, suppression,
 * teardown into a bounded list of completed frameworks. Pure; owned by the master actor.
 */
public final class FrameworkBook {

    /** The outcome of a SUBSCRIBE. */
    public record Subscription(Framework framework, boolean failover, String previousStreamId) {
    }

    private final Map<String, Framework> frameworks = new LinkedHashMap<>();
    private final Deque<Framework> completed = new ArrayDeque<>();
    private final Set<String> completedIds = new HashSet<>();
    private final int maxCompleted;

    public FrameworkBook(int maxCompleted) {
        this.maxCompleted = maxCompleted;
    }

    /**
     * Subscribes a framework on a new stream. With an id it fails over (a known framework) or is re-admitted (one
     * the master forgot, e.g. after a master failover); without one it gets {@code newId}.
     *
     * @throws InvalidFrameworkException when the FrameworkInfo is unusable or the framework was torn down
     */
    public Subscription subscribe(FrameworkInfo info, Set<String> suppressedRoles, String streamId, Instant now,
            Supplier<String> newId) {
        FrameworkValidation.validate(info, suppressedRoles);
        if (info.hasId()) {
            String id = info.getId().getValue();
            if (completedIds.contains(id)) {
                throw new InvalidFrameworkException("Framework has been removed");
            }
            Framework known = frameworks.get(id);
            Framework framework = new Framework(info, streamId, known == null ? now : known.registeredTime(), now,
                    null, suppressedRoles, false);
            frameworks.put(id, framework);
            return new Subscription(framework, true, known == null ? null : known.streamId());
        }
        FrameworkInfo withId = info.toBuilder().setId(FrameworkID.newBuilder().setValue(newId.get())).build();
        Framework framework = new Framework(withId, streamId, now, null, null, suppressedRoles, false);
        frameworks.put(framework.id(), framework);
        return new Subscription(framework, false, null);
    }

    /**
     * A framework the master did not know, reported by a re-registering agent that runs its tasks (after a master
     * failover): kept as recovered and disconnected — its failover timeout runs from now — until it subscribes again.
     * Empty when the framework is known or was torn down.
     */
    public Optional<Framework> recover(FrameworkInfo info, Instant now) {
        String id = info.getId().getValue();
        if (frameworks.containsKey(id) || completedIds.contains(id)) {
            return Optional.empty();
        }
        Framework framework = new Framework(info, null, now, null, now, Set.of(), true);
        frameworks.put(id, framework);
        return Optional.of(framework);
    }

    /** True when the framework was torn down (and is still remembered among the completed ones). */
    public boolean isCompleted(String frameworkId) {
        return completedIds.contains(frameworkId);
    }

    /** The stream {@code streamId} of a framework ended: it is disconnected (if that was its current stream). */
    public Optional<Framework> disconnected(String frameworkId, String streamId, Instant now) {
        Framework framework = frameworks.get(frameworkId);
        if (framework == null || streamId == null || !streamId.equals(framework.streamId())) {
            return Optional.empty();
        }
        Framework updated = framework.withStream(null, now);
        frameworks.put(frameworkId, updated);
        return Optional.of(updated);
    }

    /** Disconnected frameworks whose failover timeout has passed at {@code now}: they must be torn down. */
    public List<Framework> failoverExpired(Instant now) {
        List<Framework> expired = new ArrayList<>();
        for (Framework framework : frameworks.values()) {
            if (!framework.connected() && framework.disconnectedTime() != null) {
                Duration timeout = Duration.ofMillis((long) (framework.info().getFailoverTimeout() * 1000));
                if (!framework.disconnectedTime().plus(timeout).isAfter(now)) {
                    expired.add(framework);
                }
            }
        }
        return expired;
    }

    /** Replaces the suppressed roles ({@code null} roles in a call mean all of the framework's roles). */
    public Framework suppress(String frameworkId, Set<String> roles) {
        Framework framework = require(frameworkId);
        Set<String> suppressed = new HashSet<>(framework.suppressedRoles());
        suppressed.addAll(roles.isEmpty() ? framework.roles() : roles);
        Framework updated = framework.withSuppressed(suppressed);
        frameworks.put(frameworkId, updated);
        return updated;
    }

    public Framework revive(String frameworkId, Set<String> roles) {
        Framework framework = require(frameworkId);
        Set<String> suppressed = new HashSet<>(framework.suppressedRoles());
        if (roles.isEmpty()) {
            suppressed.clear();
        } else {
            suppressed.removeAll(roles);
        }
        Framework updated = framework.withSuppressed(suppressed);
        frameworks.put(frameworkId, updated);
        return updated;
    }

    /** Removes a framework for good (teardown, failover timeout); it joins the completed ones. */
    public Optional<Framework> remove(String frameworkId, Instant now) {
        Framework framework = frameworks.remove(frameworkId);
        if (framework == null) {
            return Optional.empty();
        }
        Framework done = framework.withStream(null, framework.disconnectedTime() == null ? now
                : framework.disconnectedTime());
        completed.addLast(done);
        completedIds.add(done.id());
        while (completed.size() > maxCompleted) {
            completedIds.remove(completed.removeFirst().id());
        }
        return Optional.of(done);
    }

    public Optional<Framework> get(String frameworkId) {
        return Optional.ofNullable(frameworks.get(frameworkId));
    }

    public List<Framework> all() {
        return List.copyOf(frameworks.values());
    }

    public List<Framework> completed() {
        return List.copyOf(completed);
    }

    /** Forgets everything (the master lost the lead). */
    public void clear() {
        frameworks.clear();
        completed.clear();
        completedIds.clear();
    }

    private Framework require(String frameworkId) {
        Framework framework = frameworks.get(frameworkId);
        if (framework == null) {
            throw new InvalidFrameworkException("Framework " + frameworkId + " is not known");
        }
        return framework;
    }
}
