package dev.dcosnative.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.apache.mesos.v1.master.Protos.Event;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.it.harness.Await;
import dev.dcosnative.it.harness.Cluster;
import dev.dcosnative.it.harness.ClusterExtension;
import dev.dcosnative.it.harness.EventStream;
import dev.dcosnative.it.harness.Http;

/**
 * An agent that dies is marked unreachable (operators see AGENT_REMOVED) and is re-admitted under its own id when it
 * comes back (AGENT_ADDED). The masters ping every 500 ms and give up after 4 missed pings in this cluster.
 */
@Tag("cluster")
class AgentFailureIT {

    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension(() -> Cluster.builder("agent-failure").build());

    private static String idOf(Cluster.Node node) {
        for (JsonNode agent : CLUSTER.cluster().operator().getAgents().path("get_agents").path("agents")) {
            if (agent.path("agent_info").path("hostname").asText().equals(node.ip())) {
                return agent.path("agent_info").path("id").path("value").asText();
            }
        }
        throw new AssertionError("agent " + node.ip() + " is not registered");
    }

    @Test
    void aKilledAgentTurnsUnreachableAndComesBackWhenRestarted() {
        Cluster cluster = CLUSTER.cluster();
        Cluster.Node agent = cluster.agent("agent-1");
        String id = idOf(agent);

        try (EventStream events = cluster.operator().subscribe(false)) {
            assertThat(events.headers().firstValue("Content-Type")).contains("application/json");
            JsonNode subscribed = events.awaitJson("SUBSCRIBED", Duration.ofSeconds(10),
                    e -> e.path("type").asText().equals("SUBSCRIBED"));
            assertThat(subscribed.path("subscribed").path("get_state").path("get_agents").path("agents")).hasSize(2);
            assertThat(subscribed.path("subscribed").path("heartbeat_interval_seconds").asDouble()).isEqualTo(1.0);
            events.awaitJson("HEARTBEAT", Duration.ofSeconds(5), e -> e.path("type").asText().equals("HEARTBEAT"));

            agent.process().kill();

            JsonNode removed = events.awaitJson("AGENT_REMOVED", Duration.ofSeconds(30),
                    e -> e.path("type").asText().equals("AGENT_REMOVED"));
            assertThat(removed.path("agent_removed").path("agent_id").path("value").asText()).isEqualTo(id);
            JsonNode agents = cluster.operator().getAgents().path("get_agents").path("agents");
            assertThat(agents).hasSize(1);
            assertThat(agents.get(0).path("agent_info").path("hostname").asText()).isNotEqualTo(agent.ip());
            JsonNode state = Http.json(Http.get(cluster.masterUrl() + "/master/state"));
            assertThat(state.path("unreachable_slaves").asInt()).isEqualTo(1);
            assertThat(state.path("activated_slaves").asInt()).isEqualTo(1);

            agent.process().start();

            JsonNode added = events.awaitJson("AGENT_ADDED", Duration.ofSeconds(60),
                    e -> e.path("type").asText().equals("AGENT_ADDED"));
            JsonNode back = added.path("agent_added").path("agent");
            assertThat(back.path("agent_info").path("id").path("value").asText()).isEqualTo(id);
            assertThat(back.path("agent_info").path("hostname").asText()).isEqualTo(agent.ip());
            assertThat(back.path("active").asBoolean()).isTrue();
            assertThat(back.path("reregistered_time").path("nanoseconds").isNumber()).isTrue();
        }
        cluster.awaitActiveAgents(2, Duration.ofSeconds(10));
        assertThat(Http.json(Http.get(cluster.masterUrl() + "/master/state")).path("unreachable_slaves").asInt())
                .isZero();
    }

    @Test
    void theEventStreamAlsoSpeaksProtobuf() throws Exception {
        try (EventStream events = CLUSTER.cluster().operator().subscribe(true)) {
            assertThat(events.headers().firstValue("Content-Type")).contains("application/recordio");
            assertThat(events.headers().firstValue("Message-Content-Type")).contains("application/x-protobuf");
            Event subscribed = Event.parseFrom(events.next(Duration.ofSeconds(10)));
            assertThat(subscribed.getType()).isEqualTo(Event.Type.SUBSCRIBED);
            assertThat(subscribed.getSubscribed().getGetState().getGetAgents().getAgentsCount()).isEqualTo(2);
            Event next = Event.parseFrom(events.next(Duration.ofSeconds(5)));
            assertThat(next.getType()).isEqualTo(Event.Type.HEARTBEAT);
        }
    }

    @Test
    void anAgentThatRestartsQuicklyKeepsItsIdAndStaysRegistered() {
        Cluster cluster = CLUSTER.cluster();
        Cluster.Node agent = cluster.agent("public-agent-1");
        String id = idOf(agent);

        agent.process().stop(Duration.ofSeconds(10));
        agent.process().start();

        Await.until("the public agent back and active", Duration.ofSeconds(60),
                () -> Cluster.activeAgents(cluster.operator().getAgents()) == 2);
        assertThat(idOf(agent)).isEqualTo(id);
    }
}
