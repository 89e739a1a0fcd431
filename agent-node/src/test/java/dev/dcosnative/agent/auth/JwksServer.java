package dev.dcosnative.agent.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A master's JWKS endpoint for the agent's token tests: a real HTTP server on 127.0.0.1 serving
 * {@code /acs/api/v1/auth/jwks} with an RSA key it also signs test tokens with.
 */
public class JwksServer implements QuarkusTestResourceLifecycleManager {

    static RsaJsonWebKey key;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("test-key");
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            byte[] jwks = new JsonWebKeySet(key).toJson().getBytes(StandardCharsets.UTF_8);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/acs/api/v1/auth/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(jwks);
                }
            });
            server.start();
        } catch (IOException | JoseException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("dcos.agent.auth.enabled", "true",
                "dcos.agent.masters", "127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A token for {@code uid} signed with the served key, expiring in {@code seconds} (negative: expired). */
    static String token(String uid, long seconds) throws JoseException {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("uid", uid);
        claims.setExpirationTimeMinutesInTheFuture(seconds / 60f);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }
}
