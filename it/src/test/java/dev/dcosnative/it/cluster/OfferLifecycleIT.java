package dev.dcosnative.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.dcosnative.it.harness.Cluster;
import dev.dcosnative.it.harness.ClusterExtension;
import dev.dcosnative.it.harness.SchedulerClient;
import dev.dcosnative.it.harness.Tasks;

/**
 * The life of offers and frameworks: offers rescinded after the offer timeout, refusal filters, suppress and revive,
 * a framework failing over to a new connection, and tasks gone with an agent removed for good. This master rescinds
 * offers after 2 s and forgets unreachable agents after 3 s.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OfferLifecycleIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension(() -> Cluster.builder("offer-lifecycle")
            .publicAgents(0)
            .masterProperty("dcos.master.offer-timeout", "2s")
            .masterProperty("dcos.master.registry-max-agent-age", "3s")
            .build());

    private static SchedulerClient subscribe(String name) {
        return SchedulerClient.subscribe(CLUSTER.cluster().masterUrl(), Tasks.framework(name, "*"), false);
    }

    private static boolean offersWithin(SchedulerClient framework, Duration duration) {
        try {
            framework.await("OFFERS", duration, e -> e.getType() == Event.Type.OFFERS);
            return true;
        } catch (AssertionError none) {
            return false;
        }
    }

    @Test
    @Order(1)
    void anUnansweredOfferIsRescindedAfterTheOfferTimeoutAndOfferedAgain() {
        try (SchedulerClient framework = subscribe("slow")) {
            Offer offer = framework.awaitOffer(WAIT, o -> true);
            Instant received = Instant.now();

            Event rescind = framework.await("RESCIND", WAIT, e -> e.getType() == Event.Type.RESCIND);

            assertThat(rescind.getRescind().getOfferId()).isEqualTo(offer.getId());
            assertThat(Duration.between(received, Instant.now())).isLessThan(Duration.ofSeconds(10));
            Offer again = framework.awaitOffer(WAIT, o -> true);
            assertThat(again.getId()).isNotEqualTo(offer.getId());
            assertThat(again.getAgentId()).isEqualTo(offer.getAgentId());
            framework.launch(offer.getId(), List.of(Tasks.command("too-late", offer, "true", 0.1, 16, 0)));
            assertThat(framework.awaitUpdate("too-late", WAIT, s -> true).getState())
                    .isEqualTo(TaskState.TASK_DROPPED);
        }
    }

    @Test
    @Order(2)
    void refusalFiltersSuppressAndReviveDecideWhenOffersCome() {
        try (SchedulerClient framework = subscribe("picky")) {
            Offer offer = framework.awaitOffer(WAIT, o -> true);
            framework.decline(offer.getId(), 60);
            assertThat(offersWithin(framework, Duration.ofSeconds(3))).as("filtered for 60 s").isFalse();

            framework.send(Call.newBuilder().setType(Call.Type.REVIVE));
            Offer revived = framework.awaitOffer(Duration.ofSeconds(5), o -> true);

            framework.send(Call.newBuilder().setType(Call.Type.SUPPRESS));
            framework.decline(revived.getId(), 0);
            assertThat(offersWithin(framework, Duration.ofSeconds(3))).as("suppressed").isFalse();

            framework.send(Call.newBuilder().setType(Call.Type.REVIVE));
            assertThat(offersWithin(framework, Duration.ofSeconds(5))).as("revived").isTrue();
        }
    }

    @Test
    @Order(3)
    void aFrameworkFailsOverToANewConnectionAndKeepsItsTasks() {
        SchedulerClient first = subscribe("failing-over");
        Offer offer = first.awaitOffer(WAIT, o -> true);
        first.launch(offer.getId(), List.of(Tasks.command("kept", offer, "sleep 600", 0.1, 16, 0)));
        first.updatesUntil("kept", WAIT, s -> s.getState() == TaskState.TASK_RUNNING);

        try (SchedulerClient second = SchedulerClient.subscribe(CLUSTER.cluster().masterUrl(),
                Tasks.framework("failing-over", "*").toBuilder().setId(first.frameworkId()).build(), true)) {
            assertThat(second.frameworkId()).isEqualTo(first.frameworkId());
            Event error = first.await("ERROR", WAIT, e -> e.getType() == Event.Type.ERROR);
            assertThat(error.getError().getMessage()).isEqualTo("Framework failed over");
            assertThatThrownBy(() -> first.send(Call.newBuilder().setType(Call.Type.REVIVE)))
                    .hasMessageContaining("400");

            second.reconcile(List.of(Call.Reconcile.Task.newBuilder()
                    .setTaskId(TaskID.newBuilder().setValue("kept"))
                    .build()));
            assertThat(second.awaitUpdate("kept", WAIT, s -> true).getState()).isEqualTo(TaskState.TASK_RUNNING);
            second.kill("kept", offer.getAgentId());
            second.awaitUpdate("kept", WAIT, s -> s.getState() == TaskState.TASK_KILLED);
        } finally {
            first.close();
        }
    }

    @Test
    @Order(4)
    void tasksOfAnAgentRemovedForGoodAreGone() {
        try (SchedulerClient framework = subscribe("bereaved")) {
            Offer offer = framework.awaitOffer(WAIT, o -> true);
            framework.launch(offer.getId(), List.of(Tasks.command("orphan", offer, "sleep 600", 0.1, 16, 0)));
            framework.updatesUntil("orphan", WAIT, s -> s.getState() == TaskState.TASK_RUNNING);

            CLUSTER.cluster().agent("agent-1").process().kill();

            framework.awaitUpdate("orphan", WAIT, s -> s.getState() == TaskState.TASK_UNREACHABLE);
            TaskStatus gone = framework.awaitUpdate("orphan", WAIT, s -> s.getState() == TaskState.TASK_GONE);
            assertThat(gone.getReason()).isEqualTo(TaskStatus.Reason.REASON_AGENT_REMOVED);
            assertThat(CLUSTER.cluster().operator().getAgents().path("get_agents").path("agents")).isEmpty();
        }
    }
}
