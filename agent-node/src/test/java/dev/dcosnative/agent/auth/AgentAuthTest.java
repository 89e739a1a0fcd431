package dev.dcosnative.agent.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;

import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The agent's APIs need a token signed by a master's key (fetched from a real JWKS endpoint); {@code /health} not. */
@QuarkusTest
@QuarkusTestResource(value = JwksServer.class, restrictToAnnotatedClass = true)
class AgentAuthTest {

    @Inject
    MasterKeys keys;

    @BeforeEach
    void keysFetched() throws InterruptedException {
        for (int i = 0; i < 100 && !keys.ready(); i++) {
            Thread.sleep(100);
        }
    }

    @Test
    void aValidTokenInAnyOfItsFormsOpensTheApis() throws Exception {
        String token = JwksServer.token("alice", 600);
        given().header("Authorization", "token=" + token).get("/state").then().statusCode(200);
        given().header("Authorization", "Bearer " + token).get("/state").then().statusCode(200);
        given().cookie("dcos-acs-auth-cookie", token).get("/state").then().statusCode(200);
        given().header("Authorization", "token=" + token).contentType("application/json")
                .body("{\"type\":\"GET_HEALTH\"}").post("/api/v1").then().statusCode(200);
    }

    @Test
    void noTokenAnExpiredOneOrOneOfAnotherKeyIsRefused() throws Exception {
        given().get("/health").then().statusCode(200);
        given().get("/state").then().statusCode(401).header("WWW-Authenticate", equalTo("oauthjwt"));
        given().get("/files/browse?path=/").then().statusCode(401);
        given().header("Authorization", "token=" + JwksServer.token("alice", -120)).get("/state").then()
                .statusCode(401);
        given().header("Authorization", "token=not-a-jwt").get("/state").then().statusCode(401);

        RsaJsonWebKey other = RsaJwkGenerator.generateJwk(2048);
        JwtClaims claims = new JwtClaims();
        claims.setClaim("uid", "mallory");
        claims.setExpirationTimeMinutesInTheFuture(10);
        JsonWebSignature forged = new JsonWebSignature();
        forged.setPayload(claims.toJson());
        forged.setKey(other.getPrivateKey());
        forged.setKeyIdHeaderValue("test-key");
        forged.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        given().header("Authorization", "token=" + forged.getCompactSerialization()).get("/state").then()
                .statusCode(401);
    }
}
