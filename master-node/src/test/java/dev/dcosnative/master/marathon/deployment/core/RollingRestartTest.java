package dev.dcosnative.master.marathon.deployment.core;

import static dev.dcosnative.master.marathon.deployment.core.Fixtures.V1;
import static dev.dcosnative.master.marathon.deployment.core.Fixtures.V2;
import static dev.dcosnative.master.marathon.deployment.core.Fixtures.instance;
import static dev.dcosnative.master.marathon.deployment.core.Fixtures.instanceId;
import static dev.dcosnative.master.marathon.deployment.core.Fixtures.running;
import static dev.dcosnative.master.marathon.deployment.core.Fixtures.versioned;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.dcosnative.master.marathon.instance.core.Condition;
import dev.dcosnative.master.marathon.instance.core.Instance;
import dev.dcosnative.shared.marathon.App;

class RollingRestartTest {

    private static final String HEALTH = "\"healthChecks\":[{\"protocol\":\"MESOS_HTTP\",\"path\":\"/health\"}]";
    private static final String READINESS = "\"readinessChecks\":[{\"portName\":\"http\"}]";
    private static final String PORTS = "\"portDefinitions\":[{\"port\":0,\"name\":\"http\"}]";

    private static App target(int n, double minimumHealthCapacity, double maximumOverCapacity, String extra) {
        return versioned("/web", V2, V2, "\"cmd\":\"serve v2\",\"instances\":" + n
                + ",\"upgradeStrategy\":{\"minimumHealthCapacity\":" + minimumHealthCapacity
                + ",\"maximumOverCapacity\":" + maximumOverCapacity + "}" + (extra.isBlank() ? "" : "," + extra));
    }

    /** {@code count} old instances (configuration V1), running and healthy, the first the oldest. */
    private static List<Instance> old(App target, int count) {
        List<Instance> old = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            old.add(instance(target, i + 1, V1, V1, Condition.Running, 1000 - 10L * i, Boolean.TRUE));
        }
        return old;
    }

    static Stream<Arguments> strategies() {
        List<Arguments> grid = new ArrayList<>();
        for (int n : new int[] { 0, 1, 2, 3, 5, 10 }) {
            for (double minimum : new double[] { 0, 0.5, 1 }) {
                for (double over : new double[] { 0, 0.5, 1 }) {
                    grid.add(Arguments.of(n, minimum, over));
                }
            }
        }
        return grid.stream();
    }

    @ParameterizedTest(name = "N={0} minimumHealthCapacity={1} maximumOverCapacity={2}")
    @MethodSource("strategies")
    void restartKeepsTheBoundsAndEndsWithNHealthyNewInstances(int n, double minimum, double over) {
        for (String checks : List.of("", HEALTH, HEALTH + "," + READINESS + "," + PORTS)) {
            App target = target(n, minimum, over, checks);
            for (int oldCount : IntStream.of(n, 0, n / 2, n + 3).distinct().toArray()) {
                for (long seed = 1; seed <= 3; seed++) {
                    RestartSimulator sim = new RestartSimulator(target, oldCount, seed, true);

                    int ticks = sim.runUntilDone(1000);

                    String run = "checks [" + checks + "] old=" + oldCount + " seed=" + seed;
                    assertThat(ticks).as("finished: " + run).isNotNegative();
                    assertThat(sim.oldLeft()).as(run).isZero();
                    assertThat(sim.queued()).as(run).isZero();
                    assertThat(sim.instances()).as(run).hasSize(n).allSatisfy(i -> {
                        assertThat(i.configVersion()).isEqualTo(V2);
                        assertThat(i.condition()).isEqualTo(Condition.Running);
                    });
                    assertThat(sim.healthy()).as(run).isEqualTo(n);
                    assertThat(sim.maxTotalSeen()).as(run).isLessThanOrEqualTo(Math.max(sim.ceiling(), oldCount));
                }
            }
        }
    }

    @ParameterizedTest(name = "N={0} minimumHealthCapacity={1} maximumOverCapacity={2}")
    @MethodSource("strategies")
    void failingHealthChecksNeverFinishAndNeverDropBelowTheMinimum(int n, double minimum, double over) {
        App target = target(n, minimum, over, HEALTH);
        RestartSimulator sim = new RestartSimulator(target, n, 7, false);

        int ticks = sim.runUntilDone(300);

        if (n == 0) {
            assertThat(ticks).isNotNegative();
            return;
        }
        assertThat(ticks).isNegative();
        assertThat(sim.minHealthySeen()).isGreaterThanOrEqualTo(sim.floor());
        assertThat(sim.oldLeft()).isGreaterThanOrEqualTo(sim.floor());
        assertThat(sim.maxTotalSeen()).isLessThanOrEqualTo(sim.ceiling());
        if (minimum == 1) {
            assertThat(sim.oldKilled()).isZero();
        }
    }

    @Test
    void defaultStrategyStartsAllNewInstancesSideBySide() {
        App target = target(3, 1, 1, "");

        StepDecision first = RollingRestart.decide(target, AppRunState.of(old(target, 3)));

        assertThat(first).isEqualTo(new StepDecision(3, 0, List.of(), false));
    }

    @Test
    void eachNewHealthyInstanceLetsOneOldInstanceGo() {
        App target = target(3, 1, 1, "");
        List<Instance> instances = new ArrayList<>(old(target, 3));
        instances.add(running(target, 10, 5, null));
        instances.add(instance(target, 11, V2, V2, Condition.Staging, 5, null));
        instances.add(instance(target, 12, V2, V2, Condition.Staging, 5, null));

        StepDecision decision = RollingRestart.decide(target, AppRunState.of(instances));

        // YOUNGEST_FIRST: the old instance started last (#3) goes first.
        assertThat(decision).isEqualTo(new StepDecision(0, 0, List.of(instanceId(target, 3)), false));
    }

    @Test
    void minimumHealthCapacityZeroKillsAllOldInstancesFirst() {
        App target = target(3, 0, 0, "");

        StepDecision first = RollingRestart.decide(target, AppRunState.of(old(target, 3)));

        assertThat(first.kill()).hasSize(3);
        assertThat(first.launch()).isZero();
    }

    @Test
    void noRoomBetweenTheBoundsAllowsOneInstanceOverCapacity() {
        App target = target(3, 1, 0, "");

        StepDecision first = RollingRestart.decide(target, AppRunState.of(old(target, 3)));

        assertThat(first).isEqualTo(new StepDecision(1, 0, List.of(), false));
    }

    @Test
    void betweenTheBoundsOldInstancesGoDownToTheMinimumFirst() {
        App youngestFirst = target(4, 0.5, 0, "");
        App oldestFirst = target(4, 0.5, 0, "\"killSelection\":\"OLDEST_FIRST\"");

        StepDecision young = RollingRestart.decide(youngestFirst, AppRunState.of(old(youngestFirst, 4)));
        StepDecision aged = RollingRestart.decide(oldestFirst, AppRunState.of(old(oldestFirst, 4)));

        assertThat(young).isEqualTo(new StepDecision(0, 0,
                List.of(instanceId(youngestFirst, 4), instanceId(youngestFirst, 3)), false));
        assertThat(aged.kill()).containsExactly(instanceId(oldestFirst, 1), instanceId(oldestFirst, 2));
    }

    @Test
    void oldInstancesThatDoNotServeGoFirstAndFreely() {
        App target = target(3, 1, 1, HEALTH);
        List<Instance> instances = new ArrayList<>(old(target, 2));
        instances.add(instance(target, 3, V1, V1, Condition.Running, 500, Boolean.FALSE));
        instances.add(instance(target, 4, V1, V1, Condition.Staging, 1, null));

        StepDecision first = RollingRestart.decide(target, AppRunState.of(instances));

        assertThat(first.kill()).containsExactlyInAnyOrder(instanceId(target, 3), instanceId(target, 4));
        assertThat(first.launch()).isEqualTo(2);
    }

    @Test
    void oldInstancesWithoutHealthReportsCountAsHealthy() {
        // The old configuration had no health checks; the target adds some.
        App target = target(2, 1, 1, HEALTH);
        List<Instance> instances = List.of(instance(target, 1, V1, V1, Condition.Running, 100, null),
                instance(target, 2, V1, V1, Condition.Running, 90, null));

        StepDecision first = RollingRestart.decide(target, AppRunState.of(instances));

        assertThat(first).isEqualTo(new StepDecision(2, 0, List.of(), false));
    }

    @Test
    void newInstancesCountOnlyOnceHealthyAndReady() {
        App target = target(1, 1, 0, HEALTH + "," + READINESS + "," + PORTS);
        Instance old = instance(target, 1, V1, V1, Condition.Running, 100, Boolean.TRUE);
        Instance fresh = running(target, 2, 5, Boolean.TRUE);

        StepDecision notReady = RollingRestart.decide(target, new AppRunState(List.of(old, fresh), Set.of(), 0));
        StepDecision ready = RollingRestart.decide(target,
                new AppRunState(List.of(old, fresh), Set.of(fresh.id()), 0));

        assertThat(notReady.isWaiting()).isTrue();
        assertThat(ready.kill()).containsExactly(old.id());
    }

    @Test
    void doneOnlyOnceKilledInstancesAreGone() {
        App target = target(1, 1, 1, "");
        Instance leaving = instance(target, 1, V1, V1, Condition.Killing, 100, null)
                .withGoal(Instance.Goal.Decommissioned);
        Instance fresh = running(target, 2, 5, null);

        assertThat(RollingRestart.decide(target, AppRunState.of(List.of(leaving, fresh))).isWaiting()).isTrue();
        assertThat(RollingRestart.decide(target, AppRunState.of(List.of(fresh))).done()).isTrue();
        Instance killed = leaving.withCondition(Condition.Killed, Fixtures.T0, null);
        assertThat(RollingRestart.decide(target, AppRunState.of(List.of(killed, fresh))).done()).isTrue();
    }

    @Test
    void restartToZeroInstancesKillsEveryOldInstance() {
        App target = target(0, 1, 1, "");

        StepDecision first = RollingRestart.decide(target, AppRunState.of(old(target, 3)));

        assertThat(first.kill()).hasSize(3);
        assertThat(first.launch()).isZero();
        assertThat(RollingRestart.decide(target, AppRunState.of(List.of()))).isEqualTo(StepDecision.DONE);
    }

    @Test
    void surplusNewInstancesAndQueuedLaunchesAreTakenBack() {
        App target = target(2, 1, 1, HEALTH);
        List<Instance> instances = List.of(running(target, 1, 50, Boolean.TRUE), running(target, 2, 40, Boolean.TRUE),
                instance(target, 3, V2, V2, Condition.Staging, 1, null));

        StepDecision decision = RollingRestart.decide(target, new AppRunState(instances, Set.of(), 2));

        assertThat(decision).isEqualTo(new StepDecision(0, 2, List.of(instanceId(target, 3)), false));
    }

    @Test
    void residentAppWithNoRoomGoesOneHealthyInstanceBelowTheMinimum() {
        App target = target(2, 1, 0,
                "\"container\":{\"type\":\"MESOS\",\"volumes\":[{\"containerPath\":\"data\",\"mode\":\"RW\","
                        + "\"persistent\":{\"size\":100}}]}");

        StepDecision first = RollingRestart.decide(target, AppRunState.of(old(target, 2)));

        assertThat(UpgradeBounds.of(target)).isEqualTo(new UpgradeBounds(2, 2, 1, 2));
        assertThat(first).isEqualTo(new StepDecision(0, 0, List.of(instanceId(target, 2)), false));
    }

    @Test
    void boundsAreComputedInDecimal() {
        assertThat(UpgradeBounds.of(target(10, 0.7, 0.3, ""))).isEqualTo(new UpgradeBounds(7, 13, 7, 13));
        assertThat(UpgradeBounds.of(target(3, 0.5, 0.5, ""))).isEqualTo(new UpgradeBounds(2, 4, 2, 4));
        assertThat(UpgradeBounds.of(target(1, 0.5, 0.5, ""))).isEqualTo(new UpgradeBounds(1, 1, 1, 2));
        assertThat(UpgradeBounds.of(target(5, 1, 0, ""))).isEqualTo(new UpgradeBounds(5, 5, 5, 6));
        assertThat(UpgradeBounds.of(target(0, 1, 1, ""))).isEqualTo(new UpgradeBounds(0, 0, 0, 1));
    }
}
