package dev.dcosnative.master.iam.core;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The bodies of {@code PUT} and {@code PATCH /auth/oidc/providers/{provider-id}}: {@code {description, issuer,
 * base_url, client_id, client_secret, verify_server_certificate, ca_certs}}, checked as Bouncer checks them; every
 * refusal is an {@link InvalidRequest} that never quotes the client secret. Pure: JSON in, values out.
 */
public final class OidcProviderRequests {

    private static final Set<String> FIELDS = Set.of("description", "issuer", "base_url", "client_id",
            "client_secret", "verify_server_certificate", "ca_certs");
    private static final int MAX_DESCRIPTION = 4096;
    private static final int MAX_URL = 2048;
    private static final int MAX_CLIENT_FIELD = 1024;
    private static final int MAX_CA_CERTS = 65536;

    private OidcProviderRequests() {
    }

    /** A provider's configuration; on a PATCH, absent fields stay as they are. */
    public record ProviderConfig(Optional<String> description, Optional<String> issuer, Optional<String> baseUrl,
            Optional<String> clientId, Optional<String> clientSecret, Optional<Boolean> verifyServerCertificate,
            Optional<String> caCerts) {

        @Override
        public String toString() {
            return "ProviderConfig[issuer=" + issuer.orElse("-") + ", clientId=" + clientId.orElse("-") + "]"; // never the secret
        }
    }

    /** {@code PUT}: {@code issuer}, {@code base_url}, {@code client_id} and {@code client_secret} are required. */
    public static ProviderConfig create(JsonNode body) {
        ProviderConfig config = parse(body);
        require(config.issuer(), "issuer");
        require(config.baseUrl(), "base_url");
        require(config.clientId(), "client_id");
        require(config.clientSecret(), "client_secret");
        return config;
    }

    /** {@code PATCH}: at least one field. */
    public static ProviderConfig change(JsonNode body) {
        ProviderConfig config = parse(body);
        if (body.size() == 0) {
            throw invalid("At least one of " + String.join(", ", FIELDS.stream().sorted().toList())
                    + " must be provided");
        }
        return config;
    }

    private static ProviderConfig parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalid("Request has bad Content-Type or lacks JSON data: expected a JSON object");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                throw invalid("Unexpected JSON input: Additional properties are not allowed ('"
                        + (name.length() > 64 ? name.substring(0, 64) + "..." : name) + "' was unexpected)");
            }
        }
        Optional<String> description = string(body, "description");
        if (description.filter(d -> d.length() > MAX_DESCRIPTION).isPresent()) {
            throw invalid("`description` must be at most " + MAX_DESCRIPTION + " characters");
        }
        Optional<String> issuer = string(body, "issuer");
        issuer.ifPresent(i -> checkUrl("issuer", i));
        Optional<String> baseUrl = string(body, "base_url");
        baseUrl.ifPresent(u -> checkUrl("base_url", u));
        Optional<String> clientId = string(body, "client_id");
        clientId.ifPresent(c -> checkClientField("client_id", c));
        Optional<String> clientSecret = string(body, "client_secret");
        clientSecret.ifPresent(c -> checkClientField("client_secret", c));
        Optional<Boolean> verify = Optional.empty();
        JsonNode verifyNode = body.get("verify_server_certificate");
        if (verifyNode != null && !verifyNode.isNull()) {
            if (!verifyNode.isBoolean()) {
                throw invalid("Unexpected JSON input: `verify_server_certificate` must be a boolean");
            }
            verify = Optional.of(verifyNode.booleanValue());
        }
        Optional<String> caCerts = string(body, "ca_certs").filter(c -> !c.isBlank());
        caCerts.ifPresent(OidcProviderRequests::checkCaCerts);
        return new ProviderConfig(description, issuer, baseUrl, clientId, clientSecret, verify, caCerts);
    }

    private static void require(Optional<String> value, String name) {
        if (value.isEmpty()) {
            throw invalid("`" + name + "` must be provided");
        }
    }

    private static void checkUrl(String name, String value) {
        if (value.length() > MAX_URL) {
            throw invalid("`" + name + "` must be at most " + MAX_URL + " characters");
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null) {
                throw invalid("`" + name + "` must be an http(s) URL without query, fragment or user info");
            }
        } catch (URISyntaxException e) {
            throw invalid("`" + name + "` must be an http(s) URL without query, fragment or user info");
        }
    }

    private static void checkClientField(String name, String value) {
        if (value.isEmpty() || value.length() > MAX_CLIENT_FIELD) {
            throw invalid("`" + name + "` must be 1 to " + MAX_CLIENT_FIELD + " characters");
        }
    }

    private static void checkCaCerts(String pem) {
        if (pem.length() > MAX_CA_CERTS) {
            throw invalid("`ca_certs` must be at most " + MAX_CA_CERTS + " characters");
        }
        try {
            if (CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                    .isEmpty()) {
                throw invalid("`ca_certs` must hold PEM encoded X.509 certificates");
            }
        } catch (CertificateException | RuntimeException e) {
            if (e instanceof InvalidRequest invalid) {
                throw invalid;
            }
            throw invalid("`ca_certs` must hold PEM encoded X.509 certificates");
        }
    }

    private static Optional<String> string(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw invalid("Unexpected JSON input: `" + name + "` must be a string");
        }
        return Optional.of(value.asText());
    }

    private static InvalidRequest invalid(String description) {
        return new InvalidRequest(IamRequests.INVALID_DATA, description);
    }
}
