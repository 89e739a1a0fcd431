package dev.dcosnative.cli.marathon.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.cli.output.Json;

class DeploymentProgressTest {

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode app(int instances, String config, String... tasks) {
        StringBuilder list = new StringBuilder();
        for (String task : tasks) {
            String[] parts = task.split("\\|"); // state|version[|healthy]
            list.append(list.isEmpty() ? "" : ",").append("{\"state\":\"").append(parts[0]).append("\",\"version\":\"")
                    .append(parts[1]).append("\"");
            if (parts.length > 2) {
                list.append(",\"healthCheckResults\":[{\"alive\":").append(parts[2]).append("}]");
            }
            list.append("}");
        }
        boolean checks = tasks.length > 0 && tasks[0].split("\\|").length > 2;
        return json("{\"id\":\"/web\",\"instances\":" + instances + ",\"version\":\"2024-01-02T00:00:00.000Z\","
                + "\"versionInfo\":{\"lastConfigChangeAt\":\"" + config + "\"},\"healthChecks\":"
                + (checks ? "[{\"protocol\":\"MESOS_HTTP\"}]" : "[]") + ",\"tasks\":[" + list + "]}");
    }

    @Test
    void countsReadyTasksOfTheCurrentConfiguration() {
        String v1 = "2024-01-01T00:00:00.000Z";
        String v2 = "2024-01-02T00:00:00.000Z";
        // a restart: two old tasks, one new starting, one new running and healthy
        var state = DeploymentProgress.AppState.of(app(2, v2, "TASK_RUNNING|" + v1 + "|true",
                "TASK_RUNNING|" + v1 + "|true", "TASK_STAGING|" + v2 + "|false", "TASK_RUNNING|" + v2 + "|true"));
        assertThat(state.ready()).isEqualTo(1);
        assertThat(state.total()).isEqualTo(4);
        assertThat(DeploymentProgress.fraction(state, 2)).isEqualTo(0.25);
        // a scale keeps the configuration: old tasks count
        var scaled = DeploymentProgress.AppState.of(app(4, v1, "TASK_RUNNING|" + v1, "TASK_RUNNING|" + v1,
                "TASK_STAGING|" + v2, "TASK_KILLED|" + v1));
        assertThat(scaled.ready()).isEqualTo(2);
        assertThat(scaled.total()).isEqualTo(3);
        assertThat(DeploymentProgress.fraction(scaled, 2)).isEqualTo(0.5);
        // unhealthy is not ready
        assertThat(DeploymentProgress.AppState.of(app(1, v1, "TASK_RUNNING|" + v1 + "|false")).ready()).isZero();
    }

    @Test
    void scalingDownAndStoppingMoveFromZeroToOne() {
        assertThat(DeploymentProgress.fraction(new DeploymentProgress.AppState("/a", true, 1, 1, 5), 5))
                .isEqualTo(0.2);
        assertThat(DeploymentProgress.fraction(new DeploymentProgress.AppState("/a", true, 1, 1, 1), 5)).isEqualTo(1);
        assertThat(DeploymentProgress.fraction(DeploymentProgress.AppState.gone("/a", 3), 4)).isEqualTo(0.25);
        assertThat(DeploymentProgress.fraction(DeploymentProgress.AppState.gone("/a", 0), 4)).isEqualTo(1);
    }

    @Test
    void aDeploymentIsItsFinishedStepsPlusItsCurrentStep() {
        JsonNode deployment = json("""
                {"id":"5f3a","currentStep":2,"totalSteps":2,"affectedApps":["/db","/web"],
                 "currentActions":[{"action":"StartApplication","app":"/web"}]}""");
        var progress = DeploymentProgress.of(deployment,
                Map.of("/web", new DeploymentProgress.AppState("/web", true, 4, 1, 2)), Map.of("/web", 0));
        assertThat(progress.fraction()).isCloseTo(0.625, within(1e-9));
        assertThat(progress.describe()).isEqualTo("step 2/2: StartApplication /web 1/4");
    }

    @Test
    void aTerminalGetsABarRedrawnInPlaceAndAPipeGetsLines() {
        JsonNode deployment = json("""
                {"id":"5f3a","currentStep":1,"totalSteps":1,"currentActions":[{"action":"ScaleApplication","app":"/web"}]}""");
        var half = DeploymentProgress.of(deployment,
                Map.of("/web", new DeploymentProgress.AppState("/web", true, 2, 1, 2)), Map.of());
        assertThat(ProgressView.Bar.render("deployment 5f3a", half, 120))
                .isEqualTo("[###############---------------]  50% deployment 5f3a step 1/1: ScaleApplication /web 1/2");
        assertThat(ProgressView.Bar.render("deployment 5f3a", half, 40)).hasSize(39);

        StringWriter bar = new StringWriter();
        ProgressView view = new ProgressView.Bar(new PrintWriter(bar), "deployment 5f3a", 100);
        view.update(half);
        view.finish(true, "Deployment 5f3a finished in 1.0 s");
        assertThat(bar.toString()).isEqualTo("\r\033[2K[###############---------------]  50% deployment 5f3a step 1/1: "
                + "ScaleApplication /web 1/2\r\033[2K[##############################] 100% deployment 5f3a\n"
                + "Deployment 5f3a finished in 1.0 s\n");

        StringWriter lines = new StringWriter();
        ProgressView plain = new ProgressView.Lines(new PrintWriter(lines), "deployment 5f3a");
        plain.update(half);
        plain.update(half);
        plain.note("/web waits for offers: InsufficientMemory (1 of 1 offers)");
        plain.finish(true, "Deployment 5f3a finished in 1.0 s");
        assertThat(lines.toString()).isEqualTo("""
                deployment 5f3a: step 1/1: ScaleApplication /web 1/2 (50%)
                deployment 5f3a: /web waits for offers: InsufficientMemory (1 of 1 offers)
                Deployment 5f3a finished in 1.0 s
                """);
    }
}
