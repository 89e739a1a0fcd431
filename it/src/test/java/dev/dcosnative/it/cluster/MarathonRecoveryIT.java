package dev.dcosnative.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.dcosnative.it.harness.Await;
import dev.dcosnative.it.harness.Cluster;
import dev.dcosnative.it.harness.ClusterExtension;
import dev.dcosnative.it.harness.MarathonClient;

/**
 * Marathon's state lives in ZooKeeper: a master killed with SIGKILL in the middle of a deployment comes back with its
 * apps, versions and instances, resumes the deployment where it was, and finishes it without launching the running
 * tasks a second time.
 */
@Tag("cluster")
class MarathonRecoveryIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension(() -> Cluster.builder("marathon-recovery")
            .publicAgents(0)
            .agentProperty("dcos.agent.status-update-retry-interval", "1s")
            .build());

    @Test
    void aDeploymentInterruptedByAMasterRestartFinishesAfterwards() {
        Cluster cluster = CLUSTER.cluster();
        MarathonClient marathon = new MarathonClient(cluster.masterUrl());
        marathon.awaitDeployment(marathon.createApp("""
                {"id": "/steady", "cmd": "sleep 600", "cpus": 0.01, "mem": 16, "instances": 2}
                """), WAIT);
        String deployment = marathon.createApp("""
                {"id": "/slow", "instances": 2, "cpus": 0.05, "mem": 48,
                 "cmd": "sleep 8; exec python3 -m http.server $PORT0 --bind $HOST",
                 "healthChecks": [{"protocol": "MESOS_HTTP", "path": "/", "portIndex": 0, "gracePeriodSeconds": 60,
                                   "intervalSeconds": 1, "timeoutSeconds": 1, "delaySeconds": 0}]}
                """);
        List<Map<String, Object>> before = marathon.awaitRunning("/slow", 2, false, WAIT);
        assertThat(marathon.deploymentIds()).as("the deployment waits for health").contains(deployment);
        Set<String> steadyTasks = ids(marathon.tasks("/steady"));
        List<String> versions = marathon.request().get("/v2/apps/steady/versions").jsonPath().getList("versions");

        cluster.master(0).process().kill();
        cluster.master(0).process().start();
        Await.until("Marathon to be back", WAIT, () -> {
            try {
                return marathon.request().get("/v2/apps").statusCode() == 200;
            } catch (Exception e) {
                return false; // the master does not listen yet
            }
        });

        assertThat(marathon.deploymentIds()).as("the deployment resumed").contains(deployment);
        marathon.awaitDeployment(deployment, WAIT);
        List<Map<String, Object>> after = marathon.awaitRunning("/slow", 2, true, WAIT);
        assertThat(ids(after)).as("the running tasks were kept, not launched again").isEqualTo(ids(before));
        assertThat(ids(marathon.tasks("/steady"))).isEqualTo(steadyTasks);
        assertThat(marathon.request().get("/v2/apps/steady/versions").jsonPath().getList("versions"))
                .isEqualTo(versions);
        assertThat(marathon.app("/steady").getInt("instances")).isEqualTo(2);
    }

    private static Set<String> ids(List<Map<String, Object>> tasks) {
        return tasks.stream().map(t -> (String) t.get("id")).collect(Collectors.toSet());
    }
}
