package dev.dcosnative.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.it.harness.Cluster;
import dev.dcosnative.it.harness.ClusterExtension;
import dev.dcosnative.it.harness.Http;
import dev.dcosnative.it.harness.OperatorClient;

/** A master, a private agent and a public agent form a cluster, seen through every API a DC/OS tool reads. */
@Tag("cluster")
class ClusterFormationIT {

    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension(() -> Cluster.builder("formation").dcosDefaultPorts().build());

    private static Cluster.Node privateAgent() {
        return CLUSTER.cluster().agent("agent-1");
    }

    private static Cluster.Node publicAgent() {
        return CLUSTER.cluster().agent("public-agent-1");
    }

    private static JsonNode agentOn(JsonNode getAgents, String ip) {
        for (JsonNode agent : getAgents.path("get_agents").path("agents")) {
            if (agent.path("agent_info").path("hostname").asText().equals(ip)) {
                return agent;
            }
        }
        throw new AssertionError("no agent " + ip + " in " + getAgents);
    }

    private static List<String> rangesOf(JsonNode resources) {
        List<String> ranges = new ArrayList<>();
        for (JsonNode resource : resources) {
            if (resource.path("name").asText().equals("ports")) {
                for (JsonNode range : resource.path("ranges").path("range")) {
                    ranges.add(range.path("begin").asLong() + "-" + range.path("end").asLong());
                }
            }
        }
        return ranges;
    }

    @Test
    void getAgentsListsBothAgentsWithTheirRolesResourcesAndAttributes() {
        JsonNode agents = CLUSTER.cluster().operator().getAgents();

        assertThat(agents.path("type").asText()).isEqualTo("GET_AGENTS");
        assertThat(agents.path("get_agents").path("agents")).hasSize(2);

        JsonNode privateOne = agentOn(agents, privateAgent().ip());
        assertThat(privateOne.path("active").asBoolean()).isTrue();
        assertThat(privateOne.path("pid").asText()).isEqualTo("slave(1)@" + privateAgent().ip() + ":5051");
        assertThat(privateOne.path("agent_info").path("port").asInt()).isEqualTo(5051);
        assertThat(privateOne.path("agent_info").path("id").path("value").asText()).contains("-S");
        assertThat(privateOne.path("registered_time").path("nanoseconds").isNumber()).isTrue();
        JsonNode privateResources = privateOne.path("agent_info").path("resources");
        assertThat(privateResources.findValuesAsText("name")).contains("cpus", "mem", "disk", "ports");
        for (JsonNode resource : privateResources) {
            assertThat(resource.has("reservations")).as("private resources are unreserved").isFalse();
        }
        assertThat(rangesOf(privateResources))
                .containsExactly("1025-2180", "2182-3887", "3889-5049", "5052-8079", "8082-8180", "8182-32000");
        assertThat(privateOne.path("total_resources")).isEqualTo(privateResources);

        JsonNode publicOne = agentOn(agents, publicAgent().ip());
        assertThat(publicOne.path("active").asBoolean()).isTrue();
        JsonNode publicResources = publicOne.path("agent_info").path("resources");
        for (JsonNode resource : publicResources) {
            assertThat(resource.path("reservations").get(0).path("role").asText()).isEqualTo("slave_public");
            assertThat(resource.path("reservations").get(0).path("type").asText()).isEqualTo("STATIC");
            assertThat(resource.path("role").asText()).isEqualTo("slave_public");
        }
        assertThat(rangesOf(publicResources)).containsExactly("1-21", "23-5050", "5052-32000");
        JsonNode attribute = publicOne.path("agent_info").path("attributes").get(0);
        assertThat(attribute.path("name").asText()).isEqualTo("public_ip");
        assertThat(attribute.path("text").path("value").asText()).isEqualTo("true");
    }

    @Test
    void theSameAnswersComeInProtobuf() {
        Response response = CLUSTER.cluster().operator().call(Call.newBuilder().setType(Call.Type.GET_AGENTS).build());

        assertThat(response.getType()).isEqualTo(Response.Type.GET_AGENTS);
        assertThat(response.getGetAgents().getAgentsList()).hasSize(2);
        Response.GetAgents.Agent publicOne = response.getGetAgents()
                .getAgentsList()
                .stream()
                .filter(a -> a.getAgentInfo().getHostname().equals(publicAgent().ip()))
                .findFirst()
                .orElseThrow();
        Resource cpus = publicOne.getAgentInfo()
                .getResourcesList()
                .stream()
                .filter(r -> r.getName().equals("cpus"))
                .findFirst()
                .orElseThrow();
        assertThat(cpus.getScalar().getValue()).isEqualTo(2.0);
        assertThat(cpus.getReservations(0).getRole()).isEqualTo("slave_public");

        Response state = CLUSTER.cluster().operator().call(Call.newBuilder().setType(Call.Type.GET_STATE).build());
        assertThat(state.getGetState().getGetAgents().getAgentsCount()).isEqualTo(2);
    }

    @Test
    void theOtherOperatorCallsAnswer() {
        OperatorClient operator = CLUSTER.cluster().operator();
        Cluster.Node leader = CLUSTER.cluster().leader();

        assertThat(operator.call("{\"type\":\"GET_HEALTH\"}").path("get_health").path("healthy").asBoolean()).isTrue();
        assertThat(operator.call("{\"type\":\"GET_VERSION\"}").path("get_version").path("version_info")
                .path("version").asText()).isEqualTo("1.11.0");
        JsonNode flags = operator.call("{\"type\":\"GET_FLAGS\"}").path("get_flags").path("flags");
        assertThat(flags.findValuesAsText("name")).contains("agent_ping_timeout", "cluster", "work_dir", "zk");
        JsonNode master = operator.call("{\"type\":\"GET_MASTER\"}").path("get_master");
        assertThat(master.path("master_info").path("pid").asText()).isEqualTo("master@" + leader.ip() + ":5050");
        assertThat(master.path("master_info").path("address").path("ip").asText()).isEqualTo(leader.ip());
        assertThat(master.path("elected_time").isNumber()).isTrue();
        JsonNode state = operator.call("{\"type\":\"GET_STATE\"}").path("get_state");
        assertThat(state.path("get_agents").path("agents")).hasSize(2);
        assertThat(operator.call("{\"type\":\"GET_FRAMEWORKS\"}").path("type").asText()).isEqualTo("GET_FRAMEWORKS");
        assertThat(operator.call("{\"type\":\"GET_TASKS\"}").path("type").asText()).isEqualTo("GET_TASKS");

        HttpResponse<byte[]> alias = Http.post(leader.url() + "/mesos/api/v1", OperatorClient.JSON,
                "{\"type\":\"GET_AGENTS\"}".getBytes());
        assertThat(alias.statusCode()).isEqualTo(200);
        assertThat(Http.json(alias).path("get_agents").path("agents")).hasSize(2);
    }

    @Test
    void legacyStateEndpointsUseTheUpstreamFieldNames() {
        String master = CLUSTER.cluster().masterUrl();
        JsonNode state = Http.json(Http.get(master + "/master/state"));

        assertThat(state.path("version").asText()).isEqualTo("1.11.0");
        assertThat(state.path("activated_slaves").asInt()).isEqualTo(2);
        assertThat(state.path("deactivated_slaves").asInt()).isZero();
        assertThat(state.path("unreachable_slaves").asInt()).isZero();
        assertThat(state.path("leader").asText()).isEqualTo(state.path("pid").asText());
        assertThat(state.path("leader_info").path("port").asInt()).isEqualTo(5050);
        assertThat(state.path("cluster").asText()).isEqualTo("formation");
        assertThat(state.path("frameworks").isArray()).isTrue();
        assertThat(state.path("flags").path("zk").asText()).startsWith("zk://");
        JsonNode slaves = state.path("slaves");
        assertThat(slaves).hasSize(2);
        JsonNode publicSlave = null;
        for (JsonNode slave : slaves) {
            assertThat(slave.path("resources").path("cpus").asDouble()).isEqualTo(2.0);
            assertThat(slave.path("resources").path("mem").asDouble()).isEqualTo(2048.0);
            assertThat(slave.path("resources").path("gpus").isNumber()).isTrue();
            assertThat(slave.path("active").asBoolean()).isTrue();
            assertThat(slave.path("pid").asText()).startsWith("slave(1)@");
            if (slave.path("hostname").asText().equals(publicAgent().ip())) {
                publicSlave = slave;
            }
        }
        assertThat(publicSlave).isNotNull();
        assertThat(publicSlave.path("attributes").path("public_ip").asText()).isEqualTo("true");
        assertThat(publicSlave.path("resources").path("ports").asText()).isEqualTo("[1-21, 23-5050, 5052-32000]");
        assertThat(publicSlave.path("reserved_resources").path("slave_public").path("cpus").asDouble())
                .isEqualTo(2.0);
        assertThat(publicSlave.path("unreserved_resources").path("cpus").asDouble()).isZero();
        assertThat(publicSlave.path("reserved_resources_full").path("slave_public")).hasSize(4);

        assertThat(Http.json(Http.get(master + "/state.json"))).isEqualTo(state);
        assertThat(Http.json(Http.get(master + "/master/slaves")).path("slaves")).hasSize(2);
        JsonNode summary = Http.json(Http.get(master + "/master/state-summary"));
        assertThat(summary.path("slaves")).hasSize(2);
        assertThat(summary.path("slaves").get(0).has("TASK_RUNNING")).isTrue();
        assertThat(summary.path("frameworks").isArray()).isTrue();
        assertThat(Http.json(Http.get(master + "/state-summary"))).isEqualTo(summary);
        assertThat(Http.json(Http.get(master + "/version")).path("version").asText()).isEqualTo("1.11.0");
        assertThat(Http.get(master + "/health").statusCode()).isEqualTo(200);

        HttpResponse<byte[]> redirect = Http.get(master + "/master/redirect");
        assertThat(redirect.statusCode()).isEqualTo(307);
        assertThat(redirect.headers().firstValue("Location")).contains("//" + CLUSTER.cluster().leader().ip()
                + ":5050");

        assertThat(Http.text(Http.get(master + "/master/state?jsonp=cb"))).startsWith("cb({").endsWith(");");
    }

    @Test
    void agentsAnswerForThemselves() {
        JsonNode getAgents = CLUSTER.cluster().operator().getAgents();
        for (Cluster.Node node : List.of(privateAgent(), publicAgent())) {
            String id = agentOn(getAgents, node.ip()).path("agent_info").path("id").path("value").asText();

            JsonNode state = Http.json(Http.get(node.url() + "/state"));
            assertThat(state.path("id").asText()).isEqualTo(id);
            assertThat(state.path("hostname").asText()).isEqualTo(node.ip());
            assertThat(state.path("master_hostname").asText()).isEqualTo(CLUSTER.cluster().leader().ip());
            assertThat(state.path("resources").path("cpus").asDouble()).isEqualTo(2.0);
            assertThat(Http.json(Http.get(node.url() + "/slave(1)/state")).path("id").asText()).isEqualTo(id);

            OperatorClient api = new OperatorClient(node.url());
            assertThat(api.call("{\"type\":\"GET_HEALTH\"}").path("get_health").path("healthy").asBoolean())
                    .isTrue();
            assertThat(api.call("{\"type\":\"GET_VERSION\"}").path("get_version").path("version_info")
                    .path("version").asText()).isEqualTo("1.11.0");
            assertThat(api.call("{\"type\":\"GET_STATE\"}").path("get_state").has("get_tasks")).isTrue();
            assertThat(api.call("{\"type\":\"GET_AGENT\"}").path("get_agent").path("agent_info").path("id")
                    .path("value").asText()).isEqualTo(id);
        }
        JsonNode publicState = Http.json(Http.get(publicAgent().url() + "/state"));
        assertThat(publicState.path("flags").path("default_role").asText()).isEqualTo("slave_public");
        assertThat(publicState.path("attributes").path("public_ip").asText()).isEqualTo("true");
    }
}
