package dev.dcosnative.master.marathon.deployment.core;

import static dev.dcosnative.master.marathon.deployment.core.Fixtures.T0;
import static dev.dcosnative.master.marathon.deployment.core.Fixtures.V1;
import static dev.dcosnative.master.marathon.deployment.core.Fixtures.instanceId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import dev.dcosnative.master.marathon.instance.core.Condition;
import dev.dcosnative.master.marathon.instance.core.Instance;
import dev.dcosnative.master.marathon.instance.core.InstanceId;
import dev.dcosnative.shared.marathon.App;

/**
 * A tiny cluster that carries out {@link RollingRestart}'s decisions tick by tick: queued launches become staging
 * instances, staging ones run after a few ticks, running ones pass (or fail) their health check and then their
 * readiness check after a few more, killed ones disappear after a tick or two. It checks the upgrade invariants
 * with its own arithmetic at every tick and records what it saw.
 */
final class RestartSimulator {

    private final App target;
    private final Random random;
    private final boolean healthChecksPass;
    private final boolean healthChecked;
    private final boolean readinessChecked;
    private final int floor;
    private final int ceiling;

    private final List<Slot> slots = new ArrayList<>();
    private final Set<InstanceId> ready = new HashSet<>();
    private int queued;
    private int nextId = 1;
    private int tick;
    private int minHealthySeen = Integer.MAX_VALUE;
    private int maxTotalSeen;
    private int oldKilled;

    private enum Phase {
        STAGING,
        RUNNING,
        HEALTHY,
        READY,
        LEAVING
    }

    /** One instance and the ticks until its next transition. */
    private static final class Slot {
        Instance instance;
        Phase phase;
        int wait;

        Slot(Instance instance, Phase phase, int wait) {
            this.instance = instance;
            this.phase = phase;
            this.wait = wait;
        }
    }

    RestartSimulator(App target, int oldInstances, long seed, boolean healthChecksPass) {
        this.target = target;
        this.random = new Random(seed);
        this.healthChecksPass = healthChecksPass;
        this.healthChecked = !target.healthChecks().isEmpty();
        this.readinessChecked = !target.readinessChecks().isEmpty();
        int n = target.instances();
        double minimumHealthCapacity = target.upgradeStrategy().minimumHealthCapacity();
        double maximumOverCapacity = target.upgradeStrategy().maximumOverCapacity();
        this.floor = (int) Math.ceil(n * minimumHealthCapacity - 1e-9);
        int maximumCapacity = n + (int) Math.floor(n * maximumOverCapacity + 1e-9);
        this.ceiling = floor == maximumCapacity ? maximumCapacity + 1 : maximumCapacity;
        for (int i = 0; i < oldInstances; i++) {
            Instance old = new Instance(instanceId(target, nextId++), Fixtures.id(target.id()), V1, V1, 1,
                    Condition.Running, Instance.Goal.Running, null, List.of(), "*", T0.minusSeconds(600 + 60L * i),
                    T0.minusSeconds(590 + 60L * i), healthChecked ? Boolean.TRUE : null, null);
            slots.add(new Slot(old, Phase.READY, 0));
        }
    }

    AppRunState state() {
        return new AppRunState(slots.stream().map(s -> s.instance).toList(), ready, queued);
    }

    /** One tick: decide, check the invariants around the decision, carry it out, let the cluster move. */
    StepDecision step() {
        int healthyBefore = healthy();
        int totalBefore = total();
        StepDecision decision = RollingRestart.decide(target, state());
        apply(decision);
        int healthyAfter = healthy();
        int totalAfter = total();
        if (healthyAfter < Math.min(floor, healthyBefore)) {
            throw new AssertionError(describe("healthy dropped from " + healthyBefore + " to " + healthyAfter
                    + " below the minimum " + floor, decision));
        }
        if (totalAfter > Math.max(ceiling, totalBefore) || (decision.launch() > 0 && totalAfter > ceiling)) {
            throw new AssertionError(describe("total " + totalAfter + " over the capacity " + ceiling, decision));
        }
        minHealthySeen = Math.min(minHealthySeen, healthyAfter);
        maxTotalSeen = Math.max(maxTotalSeen, totalAfter);
        advance();
        tick++;
        return decision;
    }

    /** Runs until the restart is done; the number of ticks it took, or -1 after {@code limit} ticks. */
    int runUntilDone(int limit) {
        for (int i = 0; i < limit; i++) {
            if (step().done()) {
                return i;
            }
        }
        return -1;
    }

    private void apply(StepDecision decision) {
        for (InstanceId id : decision.kill()) {
            Slot slot = slots.stream().filter(s -> s.instance.id().equals(id)).findFirst()
                    .orElseThrow(() -> new AssertionError("kill of unknown instance " + id));
            if (slot.instance.goal() != Instance.Goal.Running) {
                throw new AssertionError(describe("killed " + id + " twice", decision));
            }
            if (isOld(slot.instance)) {
                oldKilled++;
            }
            slot.instance = slot.instance.withGoal(Instance.Goal.Decommissioned).withCondition(Condition.Killing,
                    now(), null);
            slot.phase = Phase.LEAVING;
            slot.wait = 1 + random.nextInt(2);
        }
        if (decision.withdraw() > queued) {
            throw new AssertionError(describe("withdrew more than queued", decision));
        }
        queued += decision.launch() - decision.withdraw();
    }

    private void advance() {
        List<Slot> gone = new ArrayList<>();
        for (Slot slot : slots) {
            if (slot.wait > 0) {
                slot.wait--;
                continue;
            }
            switch (slot.phase) {
                case LEAVING -> gone.add(slot);
                case STAGING -> {
                    slot.instance = slot.instance.withCondition(Condition.Running, now(), null);
                    slot.phase = Phase.RUNNING;
                    slot.wait = random.nextInt(4);
                }
                case RUNNING -> {
                    if (healthChecked) {
                        slot.instance = slot.instance.withHealth(healthChecksPass);
                    }
                    slot.phase = healthChecksPass ? Phase.HEALTHY : Phase.RUNNING;
                    slot.wait = healthChecksPass ? random.nextInt(3) : 1_000_000;
                }
                case HEALTHY -> {
                    if (readinessChecked) {
                        ready.add(slot.instance.id());
                    }
                    slot.phase = Phase.READY;
                }
                case READY -> {
                }
            }
        }
        slots.removeAll(gone);
        gone.forEach(s -> ready.remove(s.instance.id()));
        for (; queued > 0; queued--) {
            Instance launched = new Instance(instanceId(target, nextId++), Fixtures.id(target.id()),
                    target.version(), AppChanges.configVersion(target), 1, Condition.Staging,
                    Instance.Goal.Running, null, List.of(), "*", now(), null, null, null);
            slots.add(new Slot(launched, Phase.STAGING, random.nextInt(3)));
        }
    }

    /** Healthy by the reference's definition: old ones running and not reported unhealthy, new ones proven. */
    int healthy() {
        int healthy = 0;
        for (Slot slot : slots) {
            Instance i = slot.instance;
            if (i.goal() != Instance.Goal.Running || i.condition() != Condition.Running) {
                continue;
            }
            boolean counts = isOld(i) ? !Boolean.FALSE.equals(i.healthy())
                    : (!healthChecked || Boolean.TRUE.equals(i.healthy()))
                            && (!readinessChecked || ready.contains(i.id()));
            if (counts) {
                healthy++;
            }
        }
        return healthy;
    }

    int total() {
        return slots.size() + queued;
    }

    long oldLeft() {
        return slots.stream().filter(s -> isOld(s.instance)).count();
    }

    List<Instance> instances() {
        return slots.stream().map(s -> s.instance).toList();
    }

    Set<InstanceId> ready() {
        return Set.copyOf(ready);
    }

    int queued() {
        return queued;
    }

    int minHealthySeen() {
        return minHealthySeen;
    }

    int maxTotalSeen() {
        return maxTotalSeen;
    }

    int oldKilled() {
        return oldKilled;
    }

    int floor() {
        return floor;
    }

    int ceiling() {
        return ceiling;
    }

    private boolean isOld(Instance instance) {
        return !instance.configVersion().equals(AppChanges.configVersion(target));
    }

    private Instant now() {
        return T0.plusSeconds(tick);
    }

    private String describe(String problem, StepDecision decision) {
        return "tick " + tick + ": " + problem + " after " + decision + " for " + target.id() + " N="
                + target.instances() + " " + target.upgradeStrategy() + "; instances "
                + slots.stream().map(s -> s.instance.id().value().replaceAll(".*instance-", "#") + ":"
                        + (isOld(s.instance) ? "old" : "new") + ":" + s.phase).toList()
                + " queued " + queued;
    }
}
