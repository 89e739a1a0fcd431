package dev.dcosnative.agent.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * A private agent in-process, with no master to reach (its master address refuses connections): it still describes
 * itself over its own APIs, with the resources it was configured with, and refuses bad calls as Mesos does.
 */
@QuarkusTest
@TestProfile(AgentApiTest.Configured.class)
class AgentApiTest {

    public static class Configured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dcos.agent.resources.cpus", "3", "dcos.agent.resources.mem", "1000",
                    "dcos.agent.attributes", "rack:r1;cores:8");
        }
    }

    @Test
    void stateShowsTheConfiguredResourcesAndNoMaster() {
        given().when()
                .get("/state")
                .then()
                .statusCode(200)
                .body("resources.cpus", equalTo(3.0f))
                .body("resources.mem", equalTo(1000.0f))
                .body("resources.ports", equalTo("[1025-2180, 2182-3887, 3889-5049, 5052-8079, 8082-8180, 8182-32000]"))
                .body("attributes.rack", equalTo("r1"))
                .body("attributes.cores", equalTo(8.0f))
                .body("flags.default_role", equalTo("*"))
                .body("pid", startsWith("slave(1)@127.0.0.1:"))
                .body("$", not(hasKey("master_hostname")));
        given().urlEncodingEnabled(false).when().get("/slave(1)/state.json").then().statusCode(200).body("resources.cpus",
                equalTo(3.0f));
        given().when().get("/flags").then().statusCode(200).body("flags.default_role", equalTo("*"));
        given().when().get("/health").then().statusCode(200);
    }

    @Test
    void theOperatorApiAnswers() {
        given().contentType(ContentType.JSON)
                .body("{\"type\":\"GET_AGENT\"}")
                .when()
                .post("/api/v1")
                .then()
                .statusCode(200)
                .body("type", equalTo("GET_AGENT"))
                .body("get_agent.agent_info.hostname", equalTo("127.0.0.1"));
        given().contentType(ContentType.JSON)
                .body("{\"type\":\"GET_VERSION\"}")
                .when()
                .post("/api/v1")
                .then()
                .statusCode(200)
                .body("get_version.version_info.version", equalTo("1.11.0"));
        given().contentType(ContentType.JSON)
                .body("{\"type\":\"GET_STATE\"}")
                .when()
                .post("/api/v1")
                .then()
                .statusCode(200)
                .body("type", equalTo("GET_STATE"));
    }

    @Test
    void badCallsGetTheMesosErrors() {
        given().contentType(ContentType.TEXT).body("x").when().post("/api/v1").then().statusCode(415);
        given().contentType(ContentType.JSON)
                .body("{\"type\":\"LAUNCH_CONTAINER\"}")
                .when()
                .post("/api/v1")
                .then()
                .statusCode(400)
                .body(equalTo("Failed to validate agent::Call: Expecting 'launch_container' to be present"));
        given().contentType(ContentType.JSON).body("{\"type\"").when().post("/api/v1").then().statusCode(400);
        given().when().get("/api/v1").then().statusCode(405);
        given().contentType(ContentType.JSON)
                .body("{\"type\":\"GET_RESOURCE_PROVIDERS\"}")
                .when()
                .post("/api/v1")
                .then()
                .statusCode(501);
    }
}
