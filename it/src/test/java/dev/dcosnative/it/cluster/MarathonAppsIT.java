package dev.dcosnative.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.restassured.path.json.JsonPath;

import dev.dcosnative.it.harness.Await;
import dev.dcosnative.it.harness.Cluster;
import dev.dcosnative.it.harness.ClusterExtension;
import dev.dcosnative.it.harness.MarathonClient;

/**
 * Marathon on a real cluster (a master, a private and a public agent), through its REST API: apps whose tasks serve
 * HTTP and are health-checked by their agent, rolling upgrades that keep the capacity the upgrade strategy asks for,
 * scaling, replacement of unhealthy and of exited tasks (with backoff), placement by constraints and roles.
 */
@Tag("cluster")
class MarathonAppsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** A task that serves HTTP on its first port, on its agent's address only. */
    private static final String HTTP_SERVER = "exec python3 -m http.server $PORT0 --bind $HOST";

    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension(() -> Cluster.builder("marathon-apps")
            .agentProperty("dcos.agent.status-update-retry-interval", "1s")
            .build());

    private static MarathonClient marathon() {
        return new MarathonClient(CLUSTER.cluster().masterUrl());
    }

    private static String healthChecked(String id, int instances, String cmd, String strategy) {
        return """
                {"id": "%s", "instances": %d, "cmd": "%s", "cpus": 0.05, "mem": 48,
                 "healthChecks": [{"protocol": "MESOS_HTTP", "path": "/", "portIndex": 0, "gracePeriodSeconds": 30,
                                   "intervalSeconds": 1, "timeoutSeconds": 1, "delaySeconds": 0,
                                   "maxConsecutiveFailures": 3}],
                 "upgradeStrategy": %s}
                """.formatted(id, instances, cmd, strategy);
    }

    @Test
    void anAppOfThreeBecomesHealthyAndItsRollingUpgradeKeepsTheCapacityOfItsStrategy() {
        MarathonClient marathon = marathon();
        String strategy = "{\"minimumHealthCapacity\": 0.67, \"maximumOverCapacity\": 0.34}";
        String created = marathon.createApp(healthChecked("/web", 3, HTTP_SERVER, strategy));
        marathon.awaitDeployment(created, WAIT);
        List<Map<String, Object>> first = marathon.awaitRunning("/web", 3, true, WAIT);
        Set<String> oldTasks = ids(first);
        String oldVersion = marathon.app("/web").getString("versionInfo.lastConfigChangeAt");

        String upgrade = marathon.updateApp("/web",
                "{\"cmd\": \"" + HTTP_SERVER + " --directory /tmp\"}");
        int minimumHealthy = 2;
        int maximumTotal = 4;
        int observations = 0;
        while (marathon.deploymentIds().contains(upgrade)) {
            List<Map<String, Object>> tasks = marathon.tasks("/web");
            long healthy = tasks.stream().filter(t -> "TASK_RUNNING".equals(t.get("state")))
                    .filter(MarathonClient::isHealthy).count();
            assertThat(healthy).as("healthy tasks during the upgrade: %s", tasks).isGreaterThanOrEqualTo(
                    minimumHealthy);
            assertThat(tasks.size()).as("tasks during the upgrade: %s", tasks).isLessThanOrEqualTo(maximumTotal);
            observations++;
            Await.sleep(Duration.ofMillis(100));
        }
        assertThat(observations).as("the upgrade was watched while it ran").isPositive();

        JsonPath app = marathon.app("/web");
        assertThat(app.getString("cmd")).endsWith("--directory /tmp");
        String newVersion = app.getString("versionInfo.lastConfigChangeAt");
        assertThat(newVersion).isNotEqualTo(oldVersion);
        List<Map<String, Object>> upgraded = marathon.awaitRunning("/web", 3, true, WAIT);
        assertThat(ids(upgraded)).doesNotContainAnyElementsOf(oldTasks);
        assertThat(upgraded).allSatisfy(t -> assertThat(t.get("version")).isEqualTo(app.getString("version")));
        marathon.awaitDeployment(marathon.deleteApp("/web"), WAIT);
    }

    @Test
    void anAppScalesToFiveAndBackToOne() {
        MarathonClient marathon = marathon();
        marathon.awaitDeployment(marathon.createApp("""
                {"id": "/scaled", "instances": 2, "cmd": "sleep 600", "cpus": 0.01, "mem": 16}
                """), WAIT);
        marathon.awaitRunning("/scaled", 2, false, WAIT);

        marathon.awaitDeployment(marathon.updateApp("/scaled", "{\"instances\": 5}"), WAIT);
        Set<String> five = ids(marathon.awaitRunning("/scaled", 5, false, WAIT));
        JsonPath scaled = marathon.app("/scaled");
        assertThat(scaled.getString("versionInfo.lastScalingAt")).isEqualTo(scaled.getString("version"));
        assertThat(scaled.getString("versionInfo.lastConfigChangeAt")).isNotEqualTo(scaled.getString("version"));

        marathon.awaitDeployment(marathon.updateApp("/scaled", "{\"instances\": 1}"), WAIT);
        Set<String> one = ids(marathon.awaitRunning("/scaled", 1, false, WAIT));
        assertThat(five).as("scaling down keeps a running task, scaling up did not replace them").containsAll(one);
        marathon.awaitDeployment(marathon.deleteApp("/scaled"), WAIT);
    }

    @Test
    void tasksFailingTheirHealthCheckAreKilledAndReplaced() {
        MarathonClient marathon = marathon();
        marathon.createApp("""
                {"id": "/sick", "instances": 1, "cmd": "sleep 600", "cpus": 0.01, "mem": 16,
                 "backoffSeconds": 1, "backoffFactor": 1.0,
                 "healthChecks": [{"protocol": "MESOS_TCP", "portIndex": 0, "gracePeriodSeconds": 1,
                                   "intervalSeconds": 1, "timeoutSeconds": 1, "delaySeconds": 0,
                                   "maxConsecutiveFailures": 2}]}
                """);
        Set<String> seen = new HashSet<>();
        Await.until("the unhealthy task to be replaced twice", WAIT, () -> {
            marathon.tasks("/sick").forEach(t -> seen.add((String) t.get("id")));
            return seen.size() >= 3;
        });
        JsonPath app = marathon.app("/sick");
        assertThat(app.getString("lastTaskFailure.state")).isEqualTo("TASK_KILLED");
        assertThat(app.getString("lastTaskFailure.message")).startsWith("Health check failed 2 consecutive time(s)");
        assertThat(app.getInt("tasksHealthy")).isZero();
        marathon.awaitDeployment(marathon.deleteApp("/sick"), WAIT);
    }

    @Test
    void aTaskWhoseCommandExitsIsRelaunchedAfterABackoff() {
        MarathonClient marathon = marathon();
        marathon.createApp("""
                {"id": "/crashing", "instances": 1, "cmd": "sleep 0.2; exit 3", "cpus": 0.01, "mem": 16,
                 "backoffSeconds": 2, "backoffFactor": 2, "maxLaunchDelaySeconds": 30}
                """);
        Set<String> launched = new HashSet<>();
        boolean[] delayed = { false };
        Await.until("the crashing task to be relaunched, backed off", WAIT, () -> {
            marathon.tasks("/crashing").forEach(t -> launched.add((String) t.get("id")));
            JsonPath queue = marathon.queue();
            List<Map<String, Object>> entries = queue.getList("queue.findAll { it.app.id == '/crashing' }");
            for (Map<String, Object> entry : entries) {
                @SuppressWarnings("unchecked")
                Map<String, Object> delay = (Map<String, Object>) entry.get("delay");
                if (((Number) delay.get("timeLeftSeconds")).intValue() > 0 && !(Boolean) delay.get("overdue")) {
                    delayed[0] = true;
                }
            }
            return launched.size() >= 3 && delayed[0];
        });
        JsonPath app = marathon.app("/crashing");
        assertThat(app.getString("lastTaskFailure.state")).isEqualTo("TASK_FAILED");
        assertThat(app.getString("lastTaskFailure.appId")).isEqualTo("/crashing");
        marathon.awaitDeployment(marathon.deleteApp("/crashing"), WAIT);
    }

    @Test
    void aUniqueHostnameConstraintLeavesTheThirdInstanceWaitingWithTheConstraintAsReason() {
        MarathonClient marathon = marathon();
        marathon.createApp("""
                {"id": "/unique", "instances": 3, "cmd": "sleep 600", "cpus": 0.01, "mem": 16,
                 "constraints": [["hostname", "UNIQUE"]], "acceptedResourceRoles": ["*", "slave_public"]}
                """);
        Await.until("two of three unique tasks to run", WAIT, () -> marathon.tasks("/unique").stream()
                .filter(t -> "TASK_RUNNING".equals(t.get("state"))).count() == 2);
        Map<String, Object> entry = Await.until("the third instance to wait with a reason", WAIT, () -> {
            List<Map<String, Object>> entries = marathon.queue().getList("queue.findAll { it.app.id == '/unique' }");
            return entries.isEmpty() ? null : entries.get(0);
        }, e -> e != null && declined(e, "UnfulfilledConstraint") > 0);
        assertThat(((Number) entry.get("count")).intValue()).isEqualTo(1);
        assertThat(declined(entry, "InsufficientCpus")).isZero();
        Set<Object> hosts = marathon.tasks("/unique").stream().map(t -> t.get("host")).collect(Collectors.toSet());
        assertThat(hosts).hasSize(2);
        marathon.request().delete("/v2/apps/unique?force=true").then().statusCode(200);
    }

    @Test
    void anAppAcceptingOnlySlavePublicResourcesLandsOnThePublicAgent() {
        MarathonClient marathon = marathon();
        marathon.awaitDeployment(marathon.createApp("""
                {"id": "/edge", "instances": 2, "cmd": "sleep 600", "cpus": 0.01, "mem": 16,
                 "acceptedResourceRoles": ["slave_public"]}
                """), WAIT);
        List<Map<String, Object>> tasks = marathon.awaitRunning("/edge", 2, false, WAIT);
        String publicAgent = CLUSTER.cluster().agent("public-agent-1").ip();
        assertThat(tasks).allSatisfy(t -> assertThat(t.get("host")).isEqualTo(publicAgent));

        marathon.awaitDeployment(marathon.createApp("""
                {"id": "/inside", "instances": 2, "cmd": "sleep 600", "cpus": 0.01, "mem": 16}
                """), WAIT);
        String privateAgent = CLUSTER.cluster().agent("agent-1").ip();
        assertThat(marathon.awaitRunning("/inside", 2, false, WAIT))
                .as("by default apps accept unreserved resources only: private agents")
                .allSatisfy(t -> assertThat(t.get("host")).isEqualTo(privateAgent));
        marathon.awaitDeployment(marathon.deleteApp("/edge"), WAIT);
        marathon.awaitDeployment(marathon.deleteApp("/inside"), WAIT);
    }

    @SuppressWarnings("unchecked")
    private static int declined(Map<String, Object> entry, String reason) {
        Map<String, Object> summary = (Map<String, Object>) entry.get("processedOffersSummary");
        List<Map<String, Object>> steps = (List<Map<String, Object>>) summary.get("rejectSummaryLastOffers");
        return steps.stream().filter(s -> reason.equals(s.get("reason")))
                .mapToInt(s -> ((Number) s.get("declined")).intValue()).sum();
    }

    private static Set<String> ids(List<Map<String, Object>> tasks) {
        return tasks.stream().map(t -> (String) t.get("id")).collect(Collectors.toSet());
    }
}
