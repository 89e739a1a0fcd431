package dev.dcosnative.master.iam.oidc;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;

import dev.dcosnative.master.iam.IamException;
import dev.dcosnative.master.iam.store.OidcProviderEntity;

/**
 * What IAM asks an OpenID Connect provider, over the master's Vert.x HTTP client with the provider's TLS settings
 * ({@code verify_server_certificate}, {@code ca_certs}): its discovery document, its JWKS, and the exchange of an
 * authorization code for tokens ({@code client_secret_basic}, PKCE verifier). A provider that cannot be reached or
 * answers nonsense is a 502; the client secret and the tokens are never logged.
 */
@ApplicationScoped
public class OidcClient {

    /** The endpoints of a provider, from {@code <issuer>/.well-known/openid-configuration}. */
    public record Discovery(String issuer, String authorizationEndpoint, String tokenEndpoint, String jwksUri) {
    }

    private static final Logger LOG = Logger.getLogger(OidcClient.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_BODY = 1024 * 1024;
    private static final long TIMEOUT_MS = 10_000;

    private final Vertx vertx;

    public OidcClient(Vertx vertx) {
        this.vertx = vertx;
    }

    public Uni<Discovery> discover(OidcProviderEntity provider) {
        String url = stripSlash(provider.issuer) + "/.well-known/openid-configuration";
        return call(provider, HttpMethod.GET, url, Map.of(), null).map(json -> {
            String issuer = json.path("issuer").asText("");
            if (!sameIssuer(issuer, provider.issuer)) {
                throw badProvider(provider, "its discovery document names another issuer");
            }
            String authorization = json.path("authorization_endpoint").asText("");
            String token = json.path("token_endpoint").asText("");
            String jwks = json.path("jwks_uri").asText("");
            if (!httpUrl(authorization) || !httpUrl(token) || !httpUrl(jwks)) {
                throw badProvider(provider, "its discovery document lacks an endpoint");
            }
            return new Discovery(issuer, authorization, token, jwks);
        });
    }

    public Uni<String> jwks(OidcProviderEntity provider, Discovery discovery) {
        return call(provider, HttpMethod.GET, discovery.jwksUri(), Map.of(), null).map(JsonNode::toString);
    }

    /** The ID token the provider gives for {@code code}. */
    public Uni<String> idToken(OidcProviderEntity provider, Discovery discovery, String code, String redirectUri,
            String verifier) {
        String form = Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", redirectUri,
                "code_verifier", verifier).entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String basic = Base64.getEncoder().encodeToString((encode(provider.clientId) + ":"
                + encode(provider.clientSecret)).getBytes(StandardCharsets.UTF_8));
        return call(provider, HttpMethod.POST, discovery.tokenEndpoint(),
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Authorization", "Basic " + basic), form)
                .map(json -> {
                    String idToken = json.path("id_token").asText("");
                    if (idToken.isEmpty()) {
                        throw badProvider(provider, "its token endpoint returned no ID token");
                    }
                    return idToken;
                });
    }

    private Uni<JsonNode> call(OidcProviderEntity provider, HttpMethod method, String url,
            Map<String, String> headers, String body) {
        HttpClientOptions options = new HttpClientOptions().setConnectTimeout((int) TIMEOUT_MS)
                .setTrustAll(!provider.verifyServerCertificate)
                .setVerifyHost(provider.verifyServerCertificate);
        if (provider.caCerts != null && !provider.caCerts.isBlank()) {
            options.setPemTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(provider.caCerts)));
        }
        RequestOptions request = new RequestOptions().setMethod(method).setAbsoluteURI(url).setTimeout(TIMEOUT_MS)
                .putHeader("Accept", "application/json");
        headers.forEach(request::putHeader);
        return Uni.createFrom().<Reply> emitter(emitter -> {
            HttpClient client = vertx.createHttpClient(options);
            client.request(request)
                    .compose(r -> body == null ? r.send() : r.send(Buffer.buffer(body)))
                    .compose(response -> {
                        String length = response.getHeader("Content-Length");
                        if (length != null && length.length() > 8) {
                            return io.vertx.core.Future.failedFuture("too large");
                        }
                        return response.body().map(b -> new Reply(response.statusCode(), b));
                    })
                    .onComplete(done -> {
                        client.close();
                        if (done.succeeded()) {
                            emitter.complete(done.result());
                        } else {
                            emitter.fail(done.cause());
                        }
                    });
        }).onFailure().transform(e -> {
            LOG.warnf("OIDC provider %s: %s %s failed: %s", provider.providerId, method, url, e.getMessage());
            return badProvider(provider, "it cannot be reached");
        }).map(reply -> {
            if (reply.status() / 100 != 2) {
                LOG.warnf("OIDC provider %s: %s %s answered %d", provider.providerId, method, url, reply.status());
                throw badProvider(provider, "it answered " + reply.status());
            }
            if (reply.body().length() > MAX_BODY) {
                throw badProvider(provider, "its answer is too large");
            }
            try {
                JsonNode json = MAPPER.readTree(reply.body().getBytes());
                if (json == null || !json.isObject()) {
                    throw badProvider(provider, "its answer is no JSON object");
                }
                return json;
            } catch (java.io.IOException e) {
                throw badProvider(provider, "its answer is no JSON");
            }
        });
    }

    private record Reply(int status, Buffer body) {
    }

    private static IamException badProvider(OidcProviderEntity provider, String why) {
        return new IamException(502, "ERR_OIDC_PROVIDER_FAILED",
                "The OIDC provider `" + provider.providerId + "` failed: " + why + ".");
    }

    /** Whether two issuer URLs are the same, a trailing slash aside. */
    public static boolean sameIssuer(String a, String b) {
        return a != null && b != null && stripSlash(a).equals(stripSlash(b));
    }

    private static boolean httpUrl(String url) {
        return url.startsWith("https://") || url.startsWith("http://");
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
