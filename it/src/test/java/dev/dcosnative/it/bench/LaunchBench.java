package dev.dcosnative.it.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.dcosnative.it.harness.Await;
import dev.dcosnative.it.harness.Cluster;
import dev.dcosnative.it.harness.OperatorClient;
import dev.dcosnative.it.harness.SchedulerClient;
import dev.dcosnative.it.harness.Tasks;

/**
 * Launch throughput through the v1 scheduler API: {@code -Dbench.tasks} (500) {@code sleep 600} tasks of 0.01 cpus and
 * 8 MB on two agents, packed into the offers as they come, from the first ACCEPT to the last TASK_RUNNING. Real
 * processes in real cgroups. Prints tasks per second; asserts only that every task ran.
 */
@Tag("bench")
class LaunchBench {

    private static final int TASKS = Integer.getInteger("bench.tasks", 500);

    @Test
    void launchThroughput() {
        try (Cluster cluster = Cluster.builder("bench-launch")
                .privateAgents(2)
                .publicAgents(0)
                .agentProperty("dcos.agent.resources.cpus", "8")
                .agentProperty("dcos.agent.resources.mem", "8192")
                .build()
                .start();
                SchedulerClient framework = SchedulerClient.subscribe(cluster.masterUrl(),
                        Tasks.framework("bench", "*"), true)) {
            int launched = 0;
            Instant firstAccept = null;
            Set<String> running = new HashSet<>();
            Map<String, Integer> perAgent = new HashMap<>();
            int share = (TASKS + 1) / 2;
            Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
            while (running.size() < TASKS && Instant.now().isBefore(deadline)) {
                Event event = framework.await("an event", Duration.ofMinutes(2),
                        e -> e.getType() == Event.Type.OFFERS || e.getType() == Event.Type.UPDATE);
                if (event.getType() == Event.Type.UPDATE) {
                    if (event.getUpdate().getStatus().getState() == TaskState.TASK_RUNNING) {
                        running.add(event.getUpdate().getStatus().getTaskId().getValue());
                    } else if (event.getUpdate().getStatus().getState() != TaskState.TASK_STARTING) {
                        throw new AssertionError("a task did not run: " + event.getUpdate().getStatus());
                    }
                    continue;
                }
                for (Offer offer : event.getOffers().getOffersList()) {
                    int fit = (int) Math.min(Math.floor(Tasks.scalar(offer, "cpus") / 0.01 + 1e-9),
                            Math.floor((Tasks.scalar(offer, "mem") - 32) / 8));
                    int onAgent = perAgent.getOrDefault(offer.getHostname(), 0);
                    fit = Math.max(0, Math.min(Math.min(fit, TASKS - launched), share - onAgent));
                    if (fit == 0) {
                        framework.decline(offer.getId(), 60);
                        continue;
                    }
                    List<TaskInfo> batch = new ArrayList<>();
                    for (int i = 0; i < fit; i++) {
                        batch.add(Tasks.command("t" + (launched + i), offer, "sleep 600", 0.01, 8, 0));
                    }
                    if (firstAccept == null) {
                        firstAccept = Instant.now();
                    }
                    framework.launch(offer.getId(), batch);
                    launched += fit;
                    perAgent.merge(offer.getHostname(), fit, Integer::sum);
                }
            }
            Instant end = Instant.now();
            if (running.size() < TASKS) {
                throw new AssertionError(running.size() + " of " + TASKS + " tasks running after 5 minutes");
            }
            double seconds = Duration.between(firstAccept, end).toMillis() / 1000.0;
            System.out.printf(Locale.ROOT, "%nLaunch throughput, JVM mode: %d tasks (sleep 600, 0.01 cpus, 8 MB) on "
                    + "%d agents %s, cgroups isolation%n  first ACCEPT to all TASK_RUNNING: %.2f s = %.1f tasks/s%n",
                    TASKS, perAgent.size(), perAgent, seconds, TASKS / seconds);
            framework.teardown();
            for (Cluster.Node agent : cluster.agents()) {
                OperatorClient agentApi = new OperatorClient(agent.url());
                Await.until("the tasks killed", Duration.ofMinutes(3), () -> !agentApi.call(
                        "{\"type\":\"GET_TASKS\"}").path("get_tasks").has("launched_tasks"));
            }
        }
    }
}
