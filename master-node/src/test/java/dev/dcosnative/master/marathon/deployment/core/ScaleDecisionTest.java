package dev.dcosnative.master.marathon.deployment.core;

import static dev.dcosnative.master.marathon.deployment.core.Fixtures.V1;
import static dev.dcosnative.master.marathon.deployment.core.Fixtures.V2;
import static dev.dcosnative.master.marathon.deployment.core.Fixtures.instance;
import static dev.dcosnative.master.marathon.deployment.core.Fixtures.instanceId;
import static dev.dcosnative.master.marathon.deployment.core.Fixtures.running;
import static dev.dcosnative.master.marathon.deployment.core.Fixtures.versioned;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.dcosnative.master.marathon.deployment.core.DeploymentAction.ScaleApplication;
import dev.dcosnative.master.marathon.instance.core.AgentPlacement;
import dev.dcosnative.master.marathon.instance.core.Condition;
import dev.dcosnative.master.marathon.instance.core.Instance;
import dev.dcosnative.shared.marathon.App;

class ScaleDecisionTest {

    private static final String HEALTH = "\"healthChecks\":[{\"protocol\":\"MESOS_HTTP\",\"path\":\"/health\"}]";

    /** The app after a scale change: version V2, configuration still V1. */
    private static App scaled(int instances, String extra) {
        return versioned("/web", V2, V1, "\"cmd\":\"serve\",\"instances\":" + instances
                + (extra.isBlank() ? "" : "," + extra));
    }

    /** An instance that ran before the scale change (app version V1), started {@code age} seconds ago. */
    private static Instance before(App app, int n, long age) {
        return instance(app, n, V1, V1, Condition.Running, age, null);
    }

    private static StepDecision decide(App app, List<Instance> instances) {
        return ScaleDecision.decide(new ScaleApplication(app, app.instances()), AppRunState.of(instances));
    }

    @Test
    void scaleUpLaunchesWhatIsMissingCountingQueuedLaunches() {
        App app = scaled(5, "");
        List<Instance> instances = List.of(before(app, 1, 100), before(app, 2, 90));

        StepDecision decision = ScaleDecision.decide(app, 5, List.of(), new AppRunState(instances, Set.of(), 1));

        assertThat(decision).isEqualTo(new StepDecision(2, 0, List.of(), false));
    }

    @Test
    void scaleDownKillsByKillSelection() {
        App youngestFirst = scaled(2, "");
        App oldestFirst = scaled(2, "\"killSelection\":\"OLDEST_FIRST\"");
        List<Instance> four = List.of(before(youngestFirst, 1, 400), before(youngestFirst, 2, 300),
                before(youngestFirst, 3, 200), before(youngestFirst, 4, 100));

        assertThat(decide(youngestFirst, four).kill()).containsExactly(instanceId(youngestFirst, 4),
                instanceId(youngestFirst, 3));
        assertThat(decide(oldestFirst, four).kill()).containsExactly(instanceId(oldestFirst, 1),
                instanceId(oldestFirst, 2));
    }

    /** {@code instance} running on the agent {@code host} (rack attribute {@code rack}). */
    private static Instance on(Instance instance, String host, String rack) {
        return new Instance(instance.id(), instance.appId(), instance.appVersion(), instance.configVersion(),
                instance.incarnation(), instance.condition(), instance.goal(),
                new AgentPlacement(host, host, null, null, java.util.Map.of("rack", rack)), instance.hostPorts(),
                instance.role(), instance.stagedAt(), instance.startedAt(), instance.healthy(), instance.message());
    }

    @Test
    void scaleDownKeepsGroupByConstraintsBalancedBeforeKillSelection() {
        App app = scaled(2, "\"constraints\":[[\"rack\",\"GROUP_BY\"]]");
        // youngest first would kill 4 and 3; rack r1 holds three of the four instances
        List<Instance> four = List.of(on(before(app, 1, 400), "10.0.0.1", "r1"),
                on(before(app, 2, 300), "10.0.0.2", "r1"), on(before(app, 3, 200), "10.0.0.3", "r1"),
                on(before(app, 4, 100), "10.0.0.4", "r2"));

        List<dev.dcosnative.master.marathon.instance.core.InstanceId> killed = decide(app, four).kill();

        assertThat(killed).hasSize(2).doesNotContain(instanceId(app, 4));
        assertThat(killed).as("among the r1 instances, the youngest").containsExactly(instanceId(app, 3),
                instanceId(app, 2));
    }

    @Test
    void withoutGroupByTheKillSelectionAloneDecides() {
        App app = scaled(3, "\"constraints\":[[\"hostname\",\"UNIQUE\"]]");
        List<Instance> four = List.of(on(before(app, 1, 400), "10.0.0.1", "r1"),
                on(before(app, 2, 300), "10.0.0.2", "r1"), on(before(app, 3, 200), "10.0.0.3", "r1"),
                on(before(app, 4, 100), "10.0.0.4", "r2"));

        assertThat(decide(app, four).kill()).containsExactly(instanceId(app, 4));
    }

    @Test
    void instancesThatDoNotRunGoBeforeRunningOnes() {
        App app = scaled(1, HEALTH);
        List<Instance> instances = List.of(
                instance(app, 1, V1, V1, Condition.Running, 900, Boolean.TRUE),
                instance(app, 2, V1, V1, Condition.Starting, 10, null),
                instance(app, 3, V1, V1, Condition.Staging, 20, null),
                instance(app, 4, V1, V1, Condition.Running, 50, Boolean.FALSE),
                instance(app, 5, V1, V1, Condition.Unreachable, 800, null));

        StepDecision decision = decide(app, instances);

        assertThat(decision.kill()).containsExactly(instanceId(app, 5), instanceId(app, 4), instanceId(app, 3),
                instanceId(app, 2));
    }

    @Test
    void sentencedInstancesDieFirstAndAreReplacedWhenTheCountNeedsThem() {
        App app = scaled(2, "");
        List<Instance> three = List.of(before(app, 1, 300), before(app, 2, 200), before(app, 3, 100));

        StepDecision scaleDown = ScaleDecision.decide(app, 2, List.of(instanceId(app, 1)), AppRunState.of(three));
        StepDecision replace = ScaleDecision.decide(app, 3, List.of(instanceId(app, 2)), AppRunState.of(three));

        assertThat(scaleDown).isEqualTo(new StepDecision(0, 0, List.of(instanceId(app, 1)), false));
        assertThat(replace).isEqualTo(new StepDecision(1, 0, List.of(instanceId(app, 2)), false));
    }

    @Test
    void queuedLaunchesAreWithdrawnBeforeInstancesAreKilled() {
        App app = scaled(2, "");
        List<Instance> three = List.of(before(app, 1, 300), before(app, 2, 200), before(app, 3, 100));

        StepDecision decision = ScaleDecision.decide(app, 2, List.of(), new AppRunState(three, Set.of(), 2));

        assertThat(decision).isEqualTo(new StepDecision(0, 2, List.of(instanceId(app, 3)), false));
    }

    @Test
    void doneWhenTheInstancesLaunchedForThisVersionAreHealthyAndReady() {
        App app = scaled(3, HEALTH + ",\"readinessChecks\":[{\"portName\":\"http\"}],"
                + "\"portDefinitions\":[{\"port\":0,\"name\":\"http\"}]");
        Instance unhealthyBefore = instance(app, 1, V1, V1, Condition.Running, 300, Boolean.FALSE);
        Instance healthyBefore = instance(app, 2, V1, V1, Condition.Running, 200, Boolean.TRUE);
        Instance launched = running(app, 3, 5, null);
        List<Instance> instances = List.of(unhealthyBefore, healthyBefore, launched);

        StepDecision unknownHealth = decide(app, instances);
        List<Instance> healthy = List.of(unhealthyBefore, healthyBefore, launched.withHealth(true));
        StepDecision notReady = decide(app, healthy);
        StepDecision ready = ScaleDecision.decide(app, 3, List.of(),
                new AppRunState(healthy, Set.of(launched.id()), 0));

        assertThat(unknownHealth.isWaiting()).isTrue();
        assertThat(notReady.isWaiting()).isTrue();
        assertThat(ready).isEqualTo(StepDecision.DONE);
    }

    @Test
    void notDoneWhileKilledInstancesAreLeaving() {
        App app = scaled(1, "");
        Instance kept = before(app, 1, 300);
        Instance leaving = before(app, 2, 100).withGoal(Instance.Goal.Decommissioned)
                .withCondition(Condition.Killing, Fixtures.T0, null);

        assertThat(decide(app, List.of(kept, leaving)).isWaiting()).isTrue();
        assertThat(decide(app, List.of(kept))).isEqualTo(StepDecision.DONE);
    }

    @Test
    void anInstanceAwaitingRelaunchCountsButAReplacedUnreachableOneDoesNot() {
        App app = scaled(2, "");
        Instance failed = instance(app, 1, V1, V1, Condition.Failed, 300, null);
        Instance inactive = instance(app, 2, V1, V1, Condition.UnreachableInactive, 200, null);
        Instance fine = before(app, 3, 100);

        StepDecision up = decide(app, List.of(failed, inactive, fine));
        StepDecision down = ScaleDecision.decide(app, 1, List.of(), AppRunState.of(List.of(failed, inactive, fine)));

        assertThat(up).isEqualTo(new StepDecision(0, 0, List.of(), true));
        assertThat(down).isEqualTo(new StepDecision(0, 0, List.of(failed.id()), false));
    }

    @Test
    void aFreshAppIsDoneOnceAllItsInstancesRun() {
        App fresh = versioned("/fresh", V2, V2, "\"cmd\":\"x\",\"instances\":2");
        Instance staging = instance(fresh, 1, V2, V2, Condition.Staging, 1, null);
        Instance up = running(fresh, 2, 1, null);

        assertThat(decide(fresh, List.of())).isEqualTo(new StepDecision(2, 0, List.of(), false));
        assertThat(decide(fresh, List.of(staging, up)).isWaiting()).isTrue();
        assertThat(decide(fresh, List.of(up, running(fresh, 1, 1, null)))).isEqualTo(StepDecision.DONE);
    }
}
