package dev.dcosnative.master.marathon.view;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dcosnative.master.marathon.deployment.core.DeploymentAction;
import dev.dcosnative.master.marathon.deployment.core.DeploymentPlan;
import dev.dcosnative.master.marathon.deployment.core.DeploymentStep;
import dev.dcosnative.shared.marathon.MarathonJson;
import dev.dcosnative.shared.marathon.PathId;

/**
 * Marathon's deployment JSON: a running deployment as {@code GET /v2/deployments} lists it, and plans and steps as the
 * deployment events carry them ({@code plan-format=light}: ids and actions, not the whole groups).
 */
public final class DeploymentViews {

    /** A readiness result as {@code currentActions[].readinessCheckResults} shows it. */
    public record Readiness(String name, String taskId, boolean ready, Integer status, String contentType,
            String body) {
    }

    private DeploymentViews() {
    }

    /**
     * One running deployment: {@code id, version, affectedApps, affectedPods, steps, currentActions, currentStep}
     * (1-based) {@code , totalSteps}.
     */
    public static ObjectNode deployment(DeploymentPlan plan, int step, List<List<Readiness>> readinessPerAction) {
        ObjectNode node = MarathonJson.MAPPER.createObjectNode();
        node.put("id", plan.id());
        node.put("version", plan.version());
        ArrayNode affected = node.putArray("affectedApps");
        plan.affectedApps().stream().map(PathId::toString).forEach(affected::add);
        node.putArray("affectedPods");
        ArrayNode steps = node.putArray("steps");
        plan.steps().forEach(s -> steps.add(step(s)));
        ArrayNode current = node.putArray("currentActions");
        if (step < plan.steps().size()) {
            List<DeploymentAction> actions = plan.steps().get(step).actions();
            for (int i = 0; i < actions.size(); i++) {
                ObjectNode action = action(actions.get(i));
                ArrayNode results = action.putArray("readinessCheckResults");
                if (i < readinessPerAction.size()) {
                    for (Readiness r : readinessPerAction.get(i)) {
                        ObjectNode result = results.addObject();
                        result.put("name", r.name());
                        result.put("taskId", r.taskId());
                        result.put("ready", r.ready());
                        if (r.status() != null) {
                            ObjectNode last = result.putObject("lastResponse");
                            last.put("status", r.status());
                            last.put("contentType", r.contentType());
                            last.put("body", r.body());
                        }
                    }
                }
                current.add(action);
            }
        }
        node.put("currentStep", Math.min(step + 1, plan.steps().size()));
        node.put("totalSteps", plan.steps().size());
        return node;
    }

    /** A plan in the events' light format: {@code id, version, steps}. */
    public static ObjectNode plan(DeploymentPlan plan) {
        ObjectNode node = MarathonJson.MAPPER.createObjectNode();
        node.put("id", plan.id());
        node.put("version", plan.version());
        ArrayNode steps = node.putArray("steps");
        plan.steps().forEach(s -> steps.add(step(s)));
        return node;
    }

    public static ObjectNode step(DeploymentStep step) {
        ObjectNode node = MarathonJson.MAPPER.createObjectNode();
        ArrayNode actions = node.putArray("actions");
        step.actions().forEach(a -> actions.add(action(a)));
        return node;
    }

    private static ObjectNode action(DeploymentAction action) {
        ObjectNode node = MarathonJson.MAPPER.createObjectNode();
        node.put("action", action.name());
        node.put("app", action.app().id());
        return node;
    }

    /** The body of a deploying request: {@code {"deploymentId": ..., "version": ...}}. */
    public static ObjectNode result(DeploymentPlan plan) {
        ObjectNode node = MarathonJson.MAPPER.createObjectNode();
        node.put("deploymentId", plan.id());
        node.put("version", plan.version());
        return node;
    }
}
