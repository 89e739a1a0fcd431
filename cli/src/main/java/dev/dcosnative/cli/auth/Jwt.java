package dev.dcosnative.cli.auth;

import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.cli.output.Json;

/**
 * What a DC/OS token says about itself: its {@code uid} and {@code exp} claims, read without verifying the
 * signature (only the cluster can do that) — enough to tell the user who is logged in and when the login expires.
 */
public record Jwt(Optional<String> uid, Optional<Instant> expires) {

    /** The claims of {@code token}; empty claims when it is not a readable JWT. */
    public static Jwt parse(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return new Jwt(Optional.empty(), Optional.empty());
        }
        try {
            JsonNode claims = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
            Optional<String> uid = Optional.ofNullable(claims.get("uid")).filter(JsonNode::isTextual)
                    .map(JsonNode::asText);
            Optional<Instant> exp = Optional.ofNullable(claims.get("exp")).filter(JsonNode::isNumber)
                    .map(n -> Instant.ofEpochSecond(n.asLong()));
            return new Jwt(uid, exp);
        } catch (IOException | IllegalArgumentException e) {
            return new Jwt(Optional.empty(), Optional.empty());
        }
    }

    public boolean expiredAt(Instant now) {
        return expires.map(e -> !e.isAfter(now)).orElse(false);
    }
}
