package dev.dcosnative.master.marathon.deployment.core;

import static dev.dcosnative.master.marathon.deployment.core.Fixtures.V1;
import static dev.dcosnative.master.marathon.deployment.core.Fixtures.V2;
import static dev.dcosnative.master.marathon.deployment.core.Fixtures.app;
import static dev.dcosnative.master.marathon.deployment.core.Fixtures.apps;
import static dev.dcosnative.master.marathon.deployment.core.Fixtures.id;
import static dev.dcosnative.master.marathon.deployment.core.Fixtures.instanceId;
import static dev.dcosnative.master.marathon.deployment.core.Fixtures.root;
import static dev.dcosnative.master.marathon.deployment.core.Fixtures.versioned;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.dcosnative.master.marathon.deployment.core.DeploymentAction.RestartApplication;
import dev.dcosnative.master.marathon.deployment.core.DeploymentAction.ScaleApplication;
import dev.dcosnative.master.marathon.deployment.core.DeploymentAction.StartApplication;
import dev.dcosnative.master.marathon.deployment.core.DeploymentAction.StopApplication;
import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.PathId;

class DeploymentPlannerTest {

    private static final String PLAN_ID = "6c8d8f2e-7b0a-4a43-9a5e-1f0e3c2b1a00";

    private static DeploymentPlan plan(RootGroup original, RootGroup target) {
        return DeploymentPlanner.plan(original, target, PLAN_ID, V2);
    }

    /** Each step as "Action(/app)" strings, actions in id order. */
    private static List<List<String>> layout(DeploymentPlan plan) {
        return plan.steps().stream()
                .map(step -> step.actions().stream().map(a -> a.name() + "(" + a.appId() + ")").toList())
                .toList();
    }

    @Test
    void newAppIsStartedThenScaledToItsInstances() {
        App web = app("/web", "\"cmd\":\"serve\",\"instances\":3");

        DeploymentPlan plan = plan(RootGroup.EMPTY, root(web));

        assertThat(layout(plan)).containsExactly(List.of("StartApplication(/web)"),
                List.of("ScaleApplication(/web)"));
        assertThat(plan.steps().get(0).actions().get(0)).isEqualTo(new StartApplication(web));
        assertThat(plan.steps().get(1).actions().get(0)).isEqualTo(new ScaleApplication(web, 3));
        assertThat(plan.id()).isEqualTo(PLAN_ID);
        assertThat(plan.version()).isEqualTo(V2);
        assertThat(plan.affectedApps()).containsExactly(id("/web"));
    }

    @Test
    void newAppWithoutInstancesStillGetsItsScaleAction() {
        App idle = app("/idle", "\"cmd\":\"x\",\"instances\":0");

        DeploymentPlan plan = plan(RootGroup.EMPTY, root(idle));

        assertThat(plan.steps().get(1).actions()).containsExactly(new ScaleApplication(idle, 0));
    }

    @Test
    void removedAppIsStopped() {
        App web = app("/web", "\"cmd\":\"serve\"");

        DeploymentPlan plan = plan(root(web), RootGroup.EMPTY);

        assertThat(plan.steps()).containsExactly(new DeploymentStep(List.of(new StopApplication(web))));
    }

    @Test
    void instanceCountChangeIsAScaleWithTheInstancesToKill() {
        App before = versioned("/web", V1, V1, "\"cmd\":\"serve\",\"instances\":3");
        App after = versioned("/web", V2, V1, "\"cmd\":\"serve\",\"instances\":2");
        var doomed = List.of(instanceId(before, 2));

        DeploymentPlan plan = DeploymentPlanner.plan(root(before), root(after), PLAN_ID, V2,
                Map.of(id("/web"), doomed));

        assertThat(plan.steps()).containsExactly(new DeploymentStep(List.of(new ScaleApplication(after, 2, doomed))));
    }

    @Test
    void configChangeIsARestart() {
        App before = versioned("/web", V1, V1, "\"cmd\":\"serve v1\",\"instances\":3");
        App after = versioned("/web", V2, V2, "\"cmd\":\"serve v2\",\"instances\":5");

        DeploymentPlan plan = plan(root(before), root(after));

        assertThat(plan.steps()).containsExactly(new DeploymentStep(List.of(new RestartApplication(after))));
    }

    @Test
    void restartRequestWithTheSameDefinitionIsARestart() {
        App before = versioned("/web", V1, V1, "\"cmd\":\"serve\"");
        App restarted = versioned("/web", V2, V2, "\"cmd\":\"serve\"");

        assertThat(layout(plan(root(before), root(restarted)))).containsExactly(List.of("RestartApplication(/web)"));
    }

    @Test
    void unchangedOrVersionOnlyChangedAppsGiveAnEmptyPlan() {
        App before = versioned("/web", V1, V1, "\"cmd\":\"serve\"");
        App sameConfigNewVersion = versioned("/web", V2, V1, "\"cmd\":\"serve\"");

        assertThat(plan(root(before), root(before)).isEmpty()).isTrue();
        DeploymentPlan versionOnly = plan(root(before), root(sameConfigNewVersion));
        assertThat(versionOnly.isEmpty()).isTrue();
        assertThat(versionOnly.affectedApps()).isEmpty();
    }

    @Test
    void dependencyChainStartsDependenciesFirst() {
        App a = app("/a", "\"cmd\":\"a\",\"dependencies\":[\"/b\"]");
        App b = app("/b", "\"cmd\":\"b\",\"dependencies\":[\"/c\"]");
        App c = app("/c", "\"cmd\":\"c\"");

        DeploymentPlan plan = plan(RootGroup.EMPTY, root(a, b, c));

        assertThat(layout(plan)).containsExactly(
                List.of("StartApplication(/a)", "StartApplication(/b)", "StartApplication(/c)"),
                List.of("ScaleApplication(/c)"),
                List.of("ScaleApplication(/b)"),
                List.of("ScaleApplication(/a)"));
    }

    @Test
    void independentAppsShareAStepAndDiamondsWaitForTheLongestChain() {
        App web = app("/web", "\"cmd\":\"w\",\"dependencies\":[\"/cache\",\"/db\"]");
        App cache = app("/cache", "\"cmd\":\"c\",\"dependencies\":[\"/db\"]");
        App db = app("/db", "\"cmd\":\"d\"");
        App logs = app("/logs", "\"cmd\":\"l\"");

        DeploymentPlan plan = plan(RootGroup.EMPTY, root(web, cache, db, logs));

        assertThat(layout(plan).subList(1, 4)).containsExactly(
                List.of("ScaleApplication(/db)", "ScaleApplication(/logs)"),
                List.of("ScaleApplication(/cache)"),
                List.of("ScaleApplication(/web)"));
    }

    @Test
    void appDependingOnAGroupWaitsForEveryAppInIt() {
        App web = app("/web", "\"cmd\":\"w\",\"dependencies\":[\"/backend\"]");
        App api = app("/backend/api", "\"cmd\":\"a\"");
        App queue = app("/backend/jobs/queue", "\"cmd\":\"q\"");

        DeploymentPlan plan = plan(RootGroup.EMPTY, root(web, api, queue));

        assertThat(layout(plan).subList(1, 3)).containsExactly(
                List.of("ScaleApplication(/backend/api)", "ScaleApplication(/backend/jobs/queue)"),
                List.of("ScaleApplication(/web)"));
    }

    @Test
    void groupDependenciesApplyToEveryAppBelowTheGroup() {
        App web = app("/prod/frontend/web", "\"cmd\":\"w\"");
        App admin = app("/prod/admin", "\"cmd\":\"a\"");
        App db = app("/infra/db", "\"cmd\":\"d\"");
        App dns = app("/infra/dns", "\"cmd\":\"n\"");
        RootGroup target = new RootGroup(apps(web, admin, db, dns),
                Map.of(id("/prod"), List.of(id("/infra")), id("/infra"), List.of(id("/infra/dns"))));

        DeploymentPlan plan = plan(RootGroup.EMPTY, target);

        // /infra/db inherits /infra's dependency on /infra/dns (the group's own member: not on itself).
        assertThat(layout(plan).subList(1, 4)).containsExactly(
                List.of("ScaleApplication(/infra/dns)"),
                List.of("ScaleApplication(/infra/db)"),
                List.of("ScaleApplication(/prod/admin)", "ScaleApplication(/prod/frontend/web)"));
    }

    @Test
    void layersFollowTheLongestChainThroughUnchangedApps() {
        App a1 = versioned("/a", V1, V1, "\"cmd\":\"a1\",\"dependencies\":[\"/b\"]");
        App b = versioned("/b", V1, V1, "\"cmd\":\"b\",\"dependencies\":[\"/c\"]");
        App c1 = versioned("/c", V1, V1, "\"cmd\":\"c1\"");
        App a2 = versioned("/a", V2, V2, "\"cmd\":\"a2\",\"dependencies\":[\"/b\"]");
        App c2 = versioned("/c", V2, V2, "\"cmd\":\"c2\"");

        DeploymentPlan plan = plan(root(a1, b, c1), root(a2, b, c2));

        assertThat(layout(plan)).containsExactly(List.of("RestartApplication(/c)"),
                List.of("RestartApplication(/a)"));
        assertThat(plan.affectedApps()).containsExactly(id("/a"), id("/c"));
    }

    @Test
    void removedAppsStopDependentsFirst() {
        App web = app("/web", "\"cmd\":\"w\",\"dependencies\":[\"/db\"]");
        App db = app("/db", "\"cmd\":\"d\"");
        App logs = app("/logs", "\"cmd\":\"l\"");

        DeploymentPlan plan = plan(root(web, db, logs), RootGroup.EMPTY);

        assertThat(layout(plan)).containsExactly(List.of("StopApplication(/web)"),
                List.of("StopApplication(/db)", "StopApplication(/logs)"));
    }

    @Test
    void stopsComeFirstThenStartsThenTheOrderedChanges() {
        App old = app("/old", "\"cmd\":\"o\"");
        App kept1 = versioned("/kept", V1, V1, "\"cmd\":\"k\",\"instances\":1");
        App kept2 = versioned("/kept", V2, V1, "\"cmd\":\"k\",\"instances\":4");
        App fresh = app("/fresh", "\"cmd\":\"f\",\"dependencies\":[\"/kept\"]");

        DeploymentPlan plan = plan(root(old, kept1), root(kept2, fresh));

        assertThat(layout(plan)).containsExactly(List.of("StopApplication(/old)"),
                List.of("StartApplication(/fresh)"),
                List.of("ScaleApplication(/kept)"),
                List.of("ScaleApplication(/fresh)"));
        assertThat(plan.affectedApps()).containsExactly(id("/fresh"), id("/kept"), id("/old"));
    }

    @Test
    void plansConflictWhenTheyTouchACommonApp() {
        App a = app("/a", "\"cmd\":\"a\"");
        App b = app("/b", "\"cmd\":\"b\"");
        DeploymentPlan startA = DeploymentPlanner.plan(RootGroup.EMPTY, root(a), "p1", V1);
        DeploymentPlan startAB = DeploymentPlanner.plan(RootGroup.EMPTY, root(a, b), "p2", V1);
        DeploymentPlan startB = DeploymentPlanner.plan(RootGroup.EMPTY, root(b), "p3", V1);

        assertThat(startA.isAffectedBy(startAB)).isTrue();
        assertThat(startAB.isAffectedBy(startB)).isTrue();
        assertThat(startA.isAffectedBy(startB)).isFalse();
        assertThat(startAB.conflictsAmong(List.of(startA, startAB, startB))).containsExactly(startA, startB);
    }

    @Test
    void revertRestoresChangedAppsRemovesAddedOnesAndReaddsRemovedOnes() {
        App changed1 = versioned("/changed", V1, V1, "\"cmd\":\"v1\"");
        App changed2 = versioned("/changed", V2, V2, "\"cmd\":\"v2\"");
        App removed = app("/removed", "\"cmd\":\"r\"");
        App added = app("/added", "\"cmd\":\"a\"");
        App untouched = app("/untouched", "\"cmd\":\"u\"");
        DeploymentPlan plan = plan(root(changed1, removed, untouched), root(changed2, added, untouched));

        RootGroup reverted = DeploymentPlanner.revert(plan, plan.target());

        assertThat(reverted.apps()).isEqualTo(root(changed1, removed, untouched).apps());
    }

    @Test
    void revertOverwritesForcedChangesToItsAppsAndKeepsOtherDeploymentsChanges() {
        App web1 = versioned("/web", V1, V1, "\"cmd\":\"v1\"");
        App web2 = versioned("/web", V2, V2, "\"cmd\":\"v2\"");
        App webForced = versioned("/web", "2024-05-01T11:30:00.000Z", "2024-05-01T11:30:00.000Z", "\"cmd\":\"v3\"");
        App other1 = versioned("/other", V1, V1, "\"cmd\":\"o1\"");
        App other2 = versioned("/other", V2, V2, "\"cmd\":\"o2\"");
        App added = app("/added", "\"cmd\":\"a\"");
        DeploymentPlan plan = plan(root(web1, other1), root(web2, other1, added));
        // Meanwhile: /web was changed again with force, /other by another deployment, /added already removed.
        RootGroup current = root(webForced, other2);

        RootGroup reverted = DeploymentPlanner.revert(plan, current);

        assertThat(reverted.apps()).isEqualTo(root(web1, other2).apps());
    }

    @Test
    void revertUndoesGroupDependencyChanges() {
        App a = app("/g/a", "\"cmd\":\"a\"");
        RootGroup original = new RootGroup(apps(a), Map.of(id("/g"), List.of(id("/x"), id("/y"))));
        RootGroup target = new RootGroup(apps(a), Map.of(id("/g"), List.of(id("/y"), id("/z")),
                id("/h"), List.of(id("/g"))));
        DeploymentPlan plan = plan(original, target);
        RootGroup current = target.withGroupDependencies(Map.of(id("/g"), List.of(id("/y"), id("/z"), id("/w")),
                id("/h"), List.of(id("/g"))));

        RootGroup reverted = DeploymentPlanner.revert(plan, current);

        assertThat(reverted.groupDependencies()).containsOnlyKeys(id("/g"));
        assertThat(reverted.groupDependencies().get(id("/g"))).containsExactlyInAnyOrder(id("/x"), id("/y"),
                id("/w"));
    }

    @Test
    void rollbackPlanGoesFromNowBackToTheOriginal() {
        App before = versioned("/web", V1, V1, "\"cmd\":\"serve\",\"instances\":3");
        App after = versioned("/web", V2, V1, "\"cmd\":\"serve\",\"instances\":10");
        App added = app("/added", "\"cmd\":\"a\"");
        DeploymentPlan scaleUp = plan(root(before), root(after, added));

        DeploymentPlan rollback = DeploymentPlanner.rollback(scaleUp, scaleUp.target(), "rollback-id", V2);

        assertThat(rollback.id()).isEqualTo("rollback-id");
        assertThat(rollback.original()).isEqualTo(scaleUp.target());
        assertThat(layout(rollback)).containsExactly(List.of("StopApplication(/added)"),
                List.of("ScaleApplication(/web)"));
        assertThat(((ScaleApplication) rollback.steps().get(1).actions().get(0)).scaleTo()).isEqualTo(3);
    }

    @Test
    void appChangesTellScaleFromUpgradeFromRestart() {
        App base = versioned("/web", V1, V1, "\"cmd\":\"serve\",\"instances\":1");
        App scaled = versioned("/web", V2, V1, "\"cmd\":\"serve\",\"instances\":2");
        App upgraded = versioned("/web", V2, V2, "\"cmd\":\"serve\",\"instances\":1,\"mem\":256");
        App restarted = versioned("/web", V2, V2, "\"cmd\":\"serve\",\"instances\":1");

        assertThat(AppChanges.isOnlyScaleChange(base, scaled)).isTrue();
        assertThat(AppChanges.isUpgrade(base, scaled)).isFalse();
        assertThat(AppChanges.isUpgrade(base, upgraded)).isTrue();
        assertThat(AppChanges.isOnlyScaleChange(base, upgraded)).isFalse();
        assertThat(AppChanges.isUpgrade(base, restarted)).isFalse();
        assertThat(AppChanges.needsRestart(base, restarted)).isTrue();
        assertThat(AppChanges.needsRestart(base, scaled)).isFalse();
        assertThat(AppChanges.configVersion(scaled)).isEqualTo(V1);
        assertThat(AppChanges.configVersion(app("/plain", "\"version\":\"" + V2 + "\""))).isEqualTo(V2);
    }

    @Test
    void cyclicDependenciesDoNotHangThePlanner() {
        App a = app("/a", "\"cmd\":\"a\",\"dependencies\":[\"/b\"]");
        App b = app("/b", "\"cmd\":\"b\",\"dependencies\":[\"/a\"]");

        DeploymentPlan plan = plan(RootGroup.EMPTY, root(a, b));

        assertThat(plan.affectedApps()).containsExactly(PathId.of("/a"), PathId.of("/b"));
    }
}
