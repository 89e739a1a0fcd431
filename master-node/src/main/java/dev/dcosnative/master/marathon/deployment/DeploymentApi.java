package dev.dcosnative.master.marathon.deployment;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ArrayNode;

import io.smallrye.mutiny.Uni;

import dev.dcosnative.master.marathon.Marathon;
import dev.dcosnative.master.marathon.MarathonState;
import dev.dcosnative.master.marathon.deployment.core.DeploymentAction;
import dev.dcosnative.master.marathon.deployment.core.DeploymentPlan;
import dev.dcosnative.master.marathon.deployment.core.DeploymentPlanner;
import dev.dcosnative.master.marathon.deployment.core.RootGroup;
import dev.dcosnative.master.marathon.group.ChangeService;
import dev.dcosnative.master.marathon.rest.MarathonApiException;
import dev.dcosnative.master.marathon.store.MarathonStore;
import dev.dcosnative.master.marathon.view.DeploymentViews;
import dev.dcosnative.shared.marathon.MarathonJson;
import dev.dcosnative.shared.marathon.PathId;

/**
 * {@code /v2/deployments}: the running deployments, and cancelling one — by default with a rollback (a new deployment
 * that takes the apps it changed back to what they were), with {@code force=true} by just stopping it where it is.
 */
@ApplicationScoped
public class DeploymentApi {

    /** A cancellation: the rollback's plan, or none when forced. */
    public record Cancelled(DeploymentPlan rollback) {
    }

    private final Marathon marathon;
    private final DeploymentService deployments;
    private final ReadinessService readiness;
    private final ChangeService changes;
    private final MarathonStore store;

    public DeploymentApi(Marathon marathon, DeploymentService deployments, ReadinessService readiness,
            ChangeService changes, MarathonStore store) {
        this.marathon = marathon;
        this.deployments = deployments;
        this.readiness = readiness;
        this.changes = changes;
        this.store = store;
    }

    public Uni<ArrayNode> list() {
        return marathon.ask(state -> {
            ArrayNode list = MarathonJson.MAPPER.createArrayNode();
            for (DeploymentService.Running running : deployments.running()) {
                List<List<DeploymentViews.Readiness>> results = running.currentStep()
                        .map(step -> step.actions().stream().map(a -> readiness(state, a)).toList())
                        .orElse(List.of());
                list.add(DeploymentViews.deployment(running.plan(), running.step(), results));
            }
            return list;
        });
    }

    private List<DeploymentViews.Readiness> readiness(MarathonState state, DeploymentAction action) {
        return readiness.results(state, PathId.of(action.app().id())).stream()
                .map(r -> new DeploymentViews.Readiness(r.name(), r.taskId(), r.ready(), r.status(),
                        r.contentType(), r.body()))
                .toList();
    }

    /** Cancels a deployment; with a rollback unless {@code force}. 404 for an unknown id. */
    public Uni<Cancelled> cancel(String id, boolean force, ChangeService.ApiRequest request) {
        return marathon.ask(state -> {
            DeploymentService.Running running = deployments.get(id)
                    .orElseThrow(() -> MarathonApiException.notFound("DeploymentPlan " + id + " does not exist"));
            if (force) {
                MarathonStore.Batch batch = store.batch();
                deployments.cancel(batch, id);
                store.write(batch);
                deployments.cancelled(id);
                return new Cancelled(null);
            }
            RootGroup current = new RootGroup(state.apps(), Map.of());
            RootGroup reverted = DeploymentPlanner.revert(running.plan(), current);
            ChangeService.Target target = changes.current(state);
            target.apps().clear();
            reverted.apps().forEach((appId, app) -> target.apps().put(appId,
                    app.withVersion(null, null)));
            ChangeService.Result result = changes.deploy(state, target, Set.of(), Map.of(), true, request);
            return new Cancelled(result.plan());
        });
    }
}
