package dev.dcosnative.master.mesos;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.dcosnative.master.iam.IamHttp;
import dev.dcosnative.master.iam.IamTestSupport;
import dev.dcosnative.master.mesos.agent.core.RegistryRecord;
import dev.dcosnative.master.mesos.leader.LeaderElection;
import dev.dcosnative.master.mesos.registry.AgentRegistryStore;
import dev.dcosnative.shared.mesos.Resources;

/** One master in-process, with its real embedded ZooKeeper: it elects itself and serves the operator API. */
@QuarkusTest
class MasterApiTest {

    @TestHTTPResource("/")
    URL url;

    @Inject
    MasterActor actor;

    @Inject
    AgentRegistryStore registry;

    @Inject
    LeaderElection election;

    @Inject
    MesosMaster master;

    @Inject
    IamHttp iam;

    @BeforeEach
    void awaitRecovery() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!master.recovered() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(master.recovered()).as("elected and recovered").isTrue();
        IamTestSupport.awaitIam(iam);
    }

    @Test
    void theMasterLeadsAndDescribesItselfWithItsRealPort() {
        int port = url.getPort();
        given().when().get("/health").then().statusCode(200);
        // the operator API wants a token even on the component port (the edge is the usual door)
        given().contentType(ContentType.JSON).body("{\"type\":\"GET_MASTER\"}").post("/api/v1").then()
                .statusCode(401);
        given().get("/master/state").then().statusCode(401);

        IamTestSupport.asSuperuser().contentType(ContentType.JSON)
                .body("{\"type\":\"GET_MASTER\"}")
                .when()
                .post("/api/v1")
                .then()
                .statusCode(200)
                .body("get_master.master_info.port", equalTo(port))
                .body("get_master.master_info.pid", equalTo("master@127.0.0.1:" + port))
                .body("get_master.master_info.address.ip", equalTo("127.0.0.1"));
        IamTestSupport.asSuperuser().when()
                .get("/master/state")
                .then()
                .statusCode(200)
                .body("leader", equalTo("master@127.0.0.1:" + port))
                .body("flags.registry", equalTo("zookeeper"));
        IamTestSupport.asSuperuser().contentType(ContentType.JSON)
                .body("{\"type\":\"GET_FLAGS\"}")
                .when()
                .post("/api/v1")
                .then()
                .statusCode(200)
                .body("get_flags.flags.name", hasItem("agent_ping_timeout"));
        assertThat(election.isLeader()).isTrue();
        assertThat(election.leader()).hasValueSatisfying(l -> assertThat(l.getPort()).isEqualTo(port));
    }

    @Test
    void theRegistryKeepsOneZnodePerAgentInZooKeeper() throws Exception {
        AgentInfo info = AgentInfo.newBuilder()
                .setHostname("10.1.1.1")
                .setPort(5051)
                .setId(AgentID.newBuilder().setValue("test-S99"))
                .addAllResources(Resources.parse("cpus:1;mem:64", "*"))
                .build();
        Instant unreachable = Instant.parse("2026-11-21T10:00:00.123456789Z");

        List<RegistryRecord> loaded = actor.ask(() -> {
            registry.put(new RegistryRecord(info, null));
            registry.put(new RegistryRecord(info, unreachable));
            return registry.load();
        }).await().atMost(Duration.ofSeconds(10));

        assertThat(loaded).contains(new RegistryRecord(info, unreachable));
        assertThat(election.client().getChildren().forPath("/mesos/registry/agents")).contains("test-S99");

        List<RegistryRecord> afterRemove = actor.ask(() -> {
            registry.remove("test-S99");
            return registry.load();
        }).await().atMost(Duration.ofSeconds(10));
        assertThat(afterRemove).extracting(RegistryRecord::id).doesNotContain("test-S99");
    }
}
