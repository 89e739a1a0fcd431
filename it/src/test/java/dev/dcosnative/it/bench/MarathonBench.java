package dev.dcosnative.it.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

import dev.dcosnative.it.harness.Await;
import dev.dcosnative.it.harness.Cluster;
import dev.dcosnative.it.harness.MarathonClient;

/**
 * Marathon's figures on a real cluster of two private agents (JVM mode, cgroups isolation):
 * <ol>
 * <li>launch: {@code POST /v2/apps} of {@code -Dbench.instances} (100) {@code sleep} instances of 0.01 cpus and 16 MB,
 * from the request to all tasks running;</li>
 * <li>read latency: with {@code -Dbench.apps} (1,000) apps stored and {@code -Dbench.tasks} (2,000) tasks running in
 * all, p50/p99 of {@code GET /v2/apps?embed=apps.tasks} over {@code -Dbench.reads} (200) sequential requests.</li>
 * </ol>
 * Prints the figures; asserts only that everything ran.
 */
@Tag("bench")
class MarathonBench {

    private static final int INSTANCES = Integer.getInteger("bench.instances", 100);
    private static final int APPS = Integer.getInteger("bench.apps", 1000);
    private static final int TASKS = Integer.getInteger("bench.tasks", 2000);
    private static final int READS = Integer.getInteger("bench.reads", 200);

    @Test
    void marathonFigures() {
        try (Cluster cluster = Cluster.builder("bench-marathon")
                .privateAgents(2)
                .publicAgents(0)
                .agentProperty("dcos.agent.resources.cpus", "16")
                .agentProperty("dcos.agent.resources.mem", "20480")
                .agentProperty("dcos.agent.task-max-pids", "64")
                .build()
                .start()) {
            MarathonClient marathon = new MarathonClient(cluster.masterUrl());
            launch(marathon);
            reads(marathon);
        }
    }

    private static void launch(MarathonClient marathon) {
        Instant start = Instant.now();
        String deployment = marathon.createApp("""
                {"id": "/bench/launch", "instances": %d, "cmd": "sleep 3600", "cpus": 0.01, "mem": 16}
                """.formatted(INSTANCES));
        Await.until(INSTANCES + " instances running", Duration.ofMinutes(5),
                () -> marathon.app("/bench/launch").getInt("tasksRunning") == INSTANCES);
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        marathon.awaitDeployment(deployment, Duration.ofMinutes(1));
        Map<Object, Long> perAgent = marathon.tasks("/bench/launch").stream().collect(
                java.util.stream.Collectors.groupingBy(t -> t.get("host"), java.util.stream.Collectors.counting()));
        System.out.printf(Locale.ROOT, "%nMarathon launch, JVM mode: POST /v2/apps with %d instances (sleep, 0.01 "
                + "cpus, 16 MB) to all running on %s: %.2f s = %.1f instances/s%n", INSTANCES, perAgent, seconds,
                INSTANCES / seconds);
        marathon.awaitDeployment(marathon.deleteApp("/bench/launch"), Duration.ofMinutes(2));
        Await.until("the launch bench's tasks gone", Duration.ofMinutes(2),
                () -> marathon.request().get("/v2/tasks").jsonPath().getList("tasks").isEmpty());
    }

    private static void reads(MarathonClient marathon) {
        int perApp = TASKS / APPS;
        int rest = TASKS % APPS;
        StringJoiner apps = new StringJoiner(",", "[", "]");
        for (int i = 0; i < APPS; i++) {
            int instances = perApp + (i < rest ? 1 : 0);
            apps.add("""
                    {"id": "/bench/apps/app-%04d", "instances": %d, "cmd": "sleep 3600", "cpus": 0.001, "mem": 8,
                     "labels": {"team": "bench", "index": "%d"}, "env": {"INDEX": "%d"}}"""
                    .formatted(i, instances, i, i));
        }
        Instant start = Instant.now();
        String deployment = marathon.request().body(apps.toString()).put("/v2/apps").then().statusCode(200)
                .extract().path("deploymentId");
        Await.until(TASKS + " tasks running", Duration.ofMinutes(10), () -> marathon.request()
                .queryParam("status", "running").get("/v2/tasks").jsonPath().getList("tasks").size() == TASKS);
        marathon.awaitDeployment(deployment, Duration.ofMinutes(2));
        double launchSeconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;

        List<Long> nanos = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < READS + 10; i++) {
            long t0 = System.nanoTime();
            Response response = marathon.request().queryParam("embed", "apps.tasks").get("/v2/apps");
            long t1 = System.nanoTime();
            assertThat(response.statusCode()).isEqualTo(200);
            if (i >= 10) {
                nanos.add(t1 - t0);
                bytes = response.asByteArray().length;
            }
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        List<Object> listed = marathon.request().queryParam("embed", "apps.tasks").get("/v2/apps").jsonPath()
                .getList("apps.tasks.flatten()");
        assertThat(listed).hasSize(TASKS);
        System.out.printf(Locale.ROOT, "%nMarathon reads, JVM mode: %d apps, %d tasks running (all launched in "
                + "%.1f s, one PUT /v2/apps)%n  GET /v2/apps?embed=apps.tasks (%d KB), %d sequential requests after "
                + "10 warm-up: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", APPS, TASKS, launchSeconds, bytes / 1024,
                READS, percentile(sorted, 50), percentile(sorted, 99), sorted[sorted.length - 1] / 1e6);
        System.out.println("  (sorted ms: " + Arrays.toString(Arrays.stream(sorted).limit(5).mapToObj(
                n -> String.format(Locale.ROOT, "%.1f", n / 1e6)).toArray()) + " ...)");
    }

    private static double percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }
}
