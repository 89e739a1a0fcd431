package dev.dcosnative.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.it.harness.Cluster;
import dev.dcosnative.it.harness.ClusterExtension;
import dev.dcosnative.it.harness.Http;
import dev.dcosnative.it.harness.OperatorClient;

/**
 * Three masters form a ZooKeeper quorum from the static master list and elect one leader; the standbys redirect to it
 * as Mesos masters do, and when the leader dies another takes over with the registry and the agents follow.
 */
@Tag("cluster")
class LeaderRedirectIT {

    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension(
            () -> Cluster.builder("three-masters").masters(3).build());

    private static Set<String> agentIds(OperatorClient operator) {
        Set<String> ids = new TreeSet<>();
        for (JsonNode agent : operator.getAgents().path("get_agents").path("agents")) {
            ids.add(agent.path("agent_info").path("id").path("value").asText());
        }
        return ids;
    }

    @Test
    void standbysRedirectToTheLeaderAndALeaderFailoverKeepsTheAgents() {
        Cluster cluster = CLUSTER.cluster();
        Cluster.Node leader = cluster.leader();
        Set<String> agents = agentIds(cluster.operator());
        assertThat(agents).hasSize(2);

        for (Cluster.Node standby : cluster.masters()) {
            if (standby.equals(leader)) {
                continue;
            }
            HttpResponse<byte[]> api = Http.post(standby.url() + "/api/v1", OperatorClient.JSON,
                    "{\"type\":\"GET_AGENTS\"}".getBytes());
            assertThat(api.statusCode()).isEqualTo(307);
            assertThat(api.headers().firstValue("Location")).contains("//" + leader.ip() + ":5050/api/v1");
            HttpResponse<byte[]> state = Http.get(standby.url() + "/master/state");
            assertThat(state.statusCode()).isEqualTo(307);
            assertThat(state.headers().firstValue("Location")).contains("//" + leader.ip() + ":5050/master/state");
            HttpResponse<byte[]> redirect = Http.get(standby.url() + "/redirect");
            assertThat(redirect.headers().firstValue("Location")).contains("//" + leader.ip() + ":5050");
            assertThat(Http.get(standby.url() + "/health").statusCode()).isEqualTo(200);
            assertThat(Http.json(Http.get(standby.url() + "/master/flags")).path("flags").path("quorum").asText())
                    .isEqualTo("2");
        }

        leader.process().kill();

        Cluster.Node newLeader = cluster.awaitLeader(Duration.ofSeconds(60));
        assertThat(newLeader).isNotEqualTo(leader);
        cluster.awaitActiveAgents(2, Duration.ofSeconds(60));
        assertThat(agentIds(cluster.operator())).isEqualTo(agents);

        leader.process().start();
        cluster.awaitLeader(Duration.ofSeconds(30));
        assertThat(cluster.findLeader()).contains(newLeader);
    }
}
