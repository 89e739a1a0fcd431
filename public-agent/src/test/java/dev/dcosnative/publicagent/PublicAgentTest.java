package dev.dcosnative.publicagent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The public agent is the agent library with DC/OS' public role, attribute and port ranges. */
@QuarkusTest
class PublicAgentTest {

    @Test
    void advertisesThePublicRoleAttributeAndPorts() {
        given().when()
                .get("/state")
                .then()
                .statusCode(200)
                .body("flags.default_role", equalTo("slave_public"))
                .body("attributes.public_ip", equalTo("true"))
                .body("resources.ports", equalTo("[1-21, 23-5050, 5052-32000]"))
                .body("reserved_resources.slave_public.ports", equalTo("[1-21, 23-5050, 5052-32000]"))
                .body("unreserved_resources.cpus", equalTo(0.0f));
    }
}
