package dev.dcosnative.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.dcosnative.it.harness.Await;
import dev.dcosnative.it.harness.Cluster;
import dev.dcosnative.it.harness.ClusterExtension;
import dev.dcosnative.it.harness.SchedulerClient;
import dev.dcosnative.it.harness.Tasks;

/**
 * Tasks outlive their agent: SIGKILL of an agent leaves them running, the restarted agent recovers them from its
 * checkpoints and reports what happened meanwhile. Status updates reach the framework at least once. A task on an
 * agent that goes silent becomes unreachable, and running again when the agent returns.
 */
@Tag("cluster")
class TaskRecoveryIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension(() -> Cluster.builder("task-recovery")
            .publicAgents(0)
            .agentProperty("dcos.agent.status-update-retry-interval", "1s")
            .build());

    private static Cluster.Node agent() {
        return CLUSTER.cluster().agent("agent-1");
    }

    private static SchedulerClient subscribe(String name) {
        return SchedulerClient.subscribe(CLUSTER.cluster().masterUrl(), Tasks.framework(name, "*"), false);
    }

    /** The pid of the process running exactly {@code argv}, if any. */
    private static Optional<Long> pidOf(String... argv) {
        String wanted = String.join("\0", argv) + "\0";
        try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
            for (Path dir : proc.toList()) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    if (new String(Files.readAllBytes(dir.resolve("cmdline"))).equals(wanted)) {
                        return Optional.of(Long.parseLong(name));
                    }
                } catch (IOException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Optional.empty();
    }

    @Test
    void tasksSurviveAnAgentKilledWithSigkillAndAreReportedAfterItsRestart() {
        try (SchedulerClient framework = subscribe("survivor")) {
            Offer offer = framework.awaitOffer(WAIT, o -> true);
            framework.launch(offer.getId(), List.of(
                    Tasks.command("long", offer, "exec sleep 6001", 0.1, 16, 0),
                    Tasks.command("short", offer, "sleep 3; exit 0", 0.1, 16, 0)));
            framework.updatesUntil("long", WAIT, s -> s.getState() == TaskState.TASK_RUNNING);
            framework.updatesUntil("short", WAIT, s -> s.getState() == TaskState.TASK_RUNNING);
            long pid = pidOf("sleep", "6001").orElseThrow(() -> new AssertionError("the task's process is not running"));

            agent().process().kill();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
            Await.sleep(Duration.ofSeconds(4));
            agent().process().start();

            TaskStatus finished = framework.awaitUpdate("short", WAIT, s -> s.getState() == TaskState.TASK_FINISHED);
            assertThat(finished.getMessage()).contains("status 0");
            framework.reconcile(List.of(Call.Reconcile.Task.newBuilder()
                    .setTaskId(TaskID.newBuilder().setValue("long"))
                    .setAgentId(offer.getAgentId())
                    .build()));
            TaskStatus reconciled = framework.awaitUpdate("long", WAIT,
                    s -> s.getReason() == TaskStatus.Reason.REASON_RECONCILIATION);
            assertThat(reconciled.getState()).isEqualTo(TaskState.TASK_RUNNING);
            assertThat(pidOf("sleep", "6001")).contains(pid);

            framework.kill("long", offer.getAgentId());
            framework.awaitUpdate("long", WAIT, s -> s.getState() == TaskState.TASK_KILLED);
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }

    @Test
    void anUnacknowledgedUpdateIsSentAgainUntilAcknowledged() {
        try (SchedulerClient framework = subscribe("forgetful").autoAcknowledge(false)) {
            Offer offer = framework.awaitOffer(WAIT, o -> true);
            framework.launch(offer.getId(), List.of(Tasks.command("patient", offer, "sleep 600", 0.1, 16, 0)));

            TaskStatus first = framework.awaitUpdate("patient", WAIT, s -> s.getState() == TaskState.TASK_STARTING);
            TaskStatus again = framework.awaitUpdate("patient", WAIT, s -> true);
            assertThat(again.getUuid()).as("the same update, resent").isEqualTo(first.getUuid());

            framework.acknowledge(first);
            TaskStatus running = framework.awaitUpdate("patient", WAIT, s -> s.getState() == TaskState.TASK_RUNNING);
            framework.acknowledge(running);
            framework.kill("patient", offer.getAgentId());
            TaskStatus killing = framework.awaitUpdate("patient", WAIT, s -> s.getState() == TaskState.TASK_KILLING);
            // updates are delivered in order: TASK_KILLED waits until TASK_KILLING is acknowledged
            framework.acknowledge(killing);
            TaskStatus killed = framework.awaitUpdate("patient", WAIT, s -> s.getState() == TaskState.TASK_KILLED);
            framework.acknowledge(killed);
        }
    }

    @Test
    void aTaskOnASilentAgentIsUnreachableThenRunningAgainWhenItReturns() {
        try (SchedulerClient framework = subscribe("partition-aware")) {
            Offer offer = framework.awaitOffer(WAIT, o -> true);
            framework.launch(offer.getId(), List.of(Tasks.command("stays", offer, "exec sleep 6002", 0.1, 16, 0)));
            framework.updatesUntil("stays", WAIT, s -> s.getState() == TaskState.TASK_RUNNING);

            agent().process().kill();
            TaskStatus unreachable = framework.awaitUpdate("stays", WAIT,
                    s -> s.getState() == TaskState.TASK_UNREACHABLE);
            assertThat(unreachable.getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
            assertThat(unreachable.hasUnreachableTime()).isTrue();

            agent().process().start();
            TaskStatus back = framework.awaitUpdate("stays", WAIT, s -> s.getState() == TaskState.TASK_RUNNING);
            assertThat(back.getReason()).isEqualTo(TaskStatus.Reason.REASON_AGENT_REREGISTERED);
            assertThat(pidOf("sleep", "6002")).isPresent();

            framework.kill("stays", offer.getAgentId());
            framework.awaitUpdate("stays", WAIT, s -> s.getState() == TaskState.TASK_KILLED);
        }
    }
}
