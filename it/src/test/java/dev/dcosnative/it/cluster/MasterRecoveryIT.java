package dev.dcosnative.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.it.harness.Await;
import dev.dcosnative.it.harness.Cluster;
import dev.dcosnative.it.harness.ClusterExtension;
import dev.dcosnative.it.harness.Http;

/** A restarted master knows its agents from the registry in ZooKeeper, and the agents re-register with it. */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MasterRecoveryIT {

    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension(() -> Cluster.builder("master-recovery").build());

    private static Set<String> ids(JsonNode list, String infoField) {
        Set<String> ids = new TreeSet<>();
        for (JsonNode agent : list) {
            JsonNode info = infoField == null ? agent : agent.path(infoField);
            ids.add(info.path("id").path("value").asText());
        }
        return ids;
    }

    private static Set<String> registeredIds() {
        return ids(CLUSTER.cluster().operator().getAgents().path("get_agents").path("agents"), "agent_info");
    }

    @Test
    @Order(1)
    void agentsReRegisterUnderTheirIdsWithAMasterThatCrashedAndCameBack() {
        Cluster cluster = CLUSTER.cluster();
        Set<String> before = registeredIds();
        assertThat(before).hasSize(2);
        String oldMasterId = Http.json(Http.get(cluster.masterUrl() + "/master/state")).path("id").asText();

        cluster.master(0).process().kill();
        cluster.master(0).process().start();
        cluster.awaitLeader(Duration.ofSeconds(60));
        cluster.awaitActiveAgents(2, Duration.ofSeconds(60));

        assertThat(registeredIds()).isEqualTo(before);
        JsonNode state = Http.json(Http.get(cluster.masterUrl() + "/master/state"));
        assertThat(state.path("id").asText()).as("a restarted master has a new id").isNotEqualTo(oldMasterId);
        for (JsonNode slave : state.path("slaves")) {
            assertThat(slave.has("reregistered_time")).isTrue();
        }
    }

    @Test
    @Order(2)
    void aRestartedMasterRecoversItsAgentsFromZooKeeperBeforeTheyComeBack() {
        Cluster cluster = CLUSTER.cluster();
        Set<String> before = registeredIds();

        cluster.master(0).process().kill();
        cluster.agents().forEach(a -> a.process().kill());
        cluster.master(0).process().start();
        cluster.awaitLeader(Duration.ofSeconds(60));

        JsonNode getAgents = cluster.operator().getAgents().path("get_agents");
        assertThat(getAgents.path("agents")).isEmpty();
        assertThat(ids(getAgents.path("recovered_agents"), null)).isEqualTo(before);
        JsonNode slaves = Http.json(Http.get(cluster.masterUrl() + "/master/slaves"));
        assertThat(ids(slaves.path("recovered_slaves"), null)).isEqualTo(before);

        cluster.agents().forEach(a -> a.process().start());
        cluster.awaitActiveAgents(2, Duration.ofSeconds(60));
        assertThat(registeredIds()).isEqualTo(before);
        Await.until("no recovered agents left", Duration.ofSeconds(5),
                () -> cluster.operator().getAgents().path("get_agents").path("recovered_agents").isEmpty());
    }
}
