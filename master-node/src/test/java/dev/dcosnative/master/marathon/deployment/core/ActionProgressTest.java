package dev.dcosnative.master.marathon.deployment.core;

import static dev.dcosnative.master.marathon.deployment.core.Fixtures.V1;
import static dev.dcosnative.master.marathon.deployment.core.Fixtures.V2;
import static dev.dcosnative.master.marathon.deployment.core.Fixtures.instance;
import static dev.dcosnative.master.marathon.deployment.core.Fixtures.versioned;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.dcosnative.master.marathon.deployment.core.DeploymentAction.RestartApplication;
import dev.dcosnative.master.marathon.deployment.core.DeploymentAction.ScaleApplication;
import dev.dcosnative.master.marathon.deployment.core.DeploymentAction.StartApplication;
import dev.dcosnative.master.marathon.deployment.core.DeploymentAction.StopApplication;
import dev.dcosnative.master.marathon.instance.core.Condition;
import dev.dcosnative.master.marathon.instance.core.Instance;
import dev.dcosnative.shared.marathon.App;

class ActionProgressTest {

    private final App app = versioned("/web", V2, V2, "\"cmd\":\"serve\",\"instances\":2");
    private final Instance old = instance(app, 1, V1, V1, Condition.Running, 100, null);
    private final Instance staging = instance(app, 2, V1, V1, Condition.Staging, 1, null);

    @Test
    void startIsDoneAtOnce() {
        assertThat(ActionProgress.decide(new StartApplication(app), AppRunState.of(List.of())))
                .isEqualTo(StepDecision.DONE);
    }

    @Test
    void scaleAndRestartAreDecidedByTheirCores() {
        AppRunState state = AppRunState.of(List.of(old));

        assertThat(ActionProgress.decide(new ScaleApplication(app, 3), state))
                .isEqualTo(ScaleDecision.decide(app, 3, List.of(), state));
        assertThat(ActionProgress.decide(new RestartApplication(app), state))
                .isEqualTo(RollingRestart.decide(app, state));
    }

    @Test
    void stopKillsEverythingWithdrawsTheQueueAndWaitsForTheKills() {
        StepDecision first = ActionProgress.decide(new StopApplication(app),
                new AppRunState(List.of(old, staging), Set.of(), 3));
        Instance leaving = old.withGoal(Instance.Goal.Decommissioned);

        assertThat(first).isEqualTo(new StepDecision(0, 3, List.of(old.id(), staging.id()), false));
        assertThat(StopDecision.decide(AppRunState.of(List.of(leaving))).isWaiting()).isTrue();
        assertThat(StopDecision.decide(AppRunState.of(List.of(leaving.withCondition(Condition.Killed,
                Fixtures.T0, null))))).isEqualTo(StepDecision.DONE);
    }
}
