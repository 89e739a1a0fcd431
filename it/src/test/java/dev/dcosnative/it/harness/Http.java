package dev.dcosnative.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A small HTTP client for tests: no redirects followed, so 307s can be asserted. */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private Http() {
    }

    public static HttpClient client() {
        return CLIENT;
    }

    private static final java.util.Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Requests to {@code host} (a master's IP, on its edge or component port) carry {@code Authorization: token=...}
     * from now on, unless they set their own Authorization header. A test cluster registers its superuser's token.
     */
    public static void authorize(String host, String token) {
        TOKENS.put(host, token);
    }

    /** Requests to {@code host} carry no token any more. */
    public static void forget(String host) {
        TOKENS.remove(host);
    }

    /** The token registered for the host of {@code uri}. */
    public static java.util.Optional<String> tokenFor(URI uri) {
        return java.util.Optional.ofNullable(uri.getHost()).map(TOKENS::get);
    }

    /** {@code request} with the registered token of its host, when it has none of its own. */
    public static HttpRequest authorized(HttpRequest request) {
        java.util.Optional<String> token = tokenFor(request.uri());
        if (token.isEmpty() || request.headers().firstValue("Authorization").isPresent()) {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> true)
                .header("Authorization", "token=" + token.get()).build();
    }

    public static HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return CLIENT.send(authorized(request), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse<byte[]> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    public static HttpResponse<byte[]> post(String url, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    public static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (" + response.statusCode() + "): " + text(response), e);
        }
    }

    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
