package dev.dcosnative.cli.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.cli.auth.Jwt;
import dev.dcosnative.cli.common.CliException;
import dev.dcosnative.cli.store.ClusterTarget;

/**
 * The CLI's one HTTP client (java.net.http, HTTP/1.1): sends the login token as {@code Authorization: token=<jwt>},
 * applies {@code core.timeout} and {@code core.ssl_verify}, and turns what goes wrong into messages a user can act on —
 * refusals into {@link ApiException}s in the API's own words, a 401 into an {@link AuthenticationException} that says
 * whether the login is missing or expired, and I/O failures into one line naming the cluster.
 */
public final class DcosClient {

    public static final String JSON = "application/json";

    private final String label;
    private final Optional<String> token;
    private final Duration timeout;
    private final HttpClient http;

    private DcosClient(String label, Optional<String> token, Duration timeout, HttpClient http) {
        this.label = label;
        this.token = token;
        this.timeout = timeout;
        this.http = http;
    }

    /** A client for {@code target}: its token, timeout and TLS setting. */
    public static DcosClient of(ClusterTarget target) {
        return create(target.label(), target.token(), target.sslVerify(), target.timeout());
    }

    /**
     * A client.
     *
     * @param label the cluster's name in messages
     * @param sslVerify {@code true}, {@code false} (trust any certificate and host name), or a PEM CA file
     */
    public static DcosClient create(String label, Optional<String> token, String sslVerify, Duration timeout) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10));
        switch (sslVerify) {
            case "true" -> {
            }
            case "false" -> {
                // read when the HTTP client's classes initialize: set before the first client is built
                System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
                builder.sslContext(trustAll());
            }
            default -> builder.sslContext(trusting(Path.of(sslVerify)));
        }
        return new DcosClient(label, token, timeout, builder.build());
    }

    /** This client with another token (after a login). */
    public DcosClient withToken(Optional<String> newToken) {
        return new DcosClient(label, newToken, timeout, http);
    }

    public String label() {
        return label;
    }

    public Optional<String> token() {
        return token;
    }

    /** Sends a request and returns whatever the cluster answers; only I/O failures throw. */
    public ApiResponse send(String method, String url, byte[] body, String contentType, String... headers) {
        URI uri = uri(url);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Accept", JSON);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        token.ifPresent(t -> request.setHeader("Authorization", "token=" + t));
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new ApiResponse(method, uri, response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw ioFailure(method, uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted");
        }
    }

    /** Sends a request; anything but a 2xx throws ({@link AuthenticationException} for a 401). */
    public ApiResponse call(String method, String url, byte[] body, String contentType, String... headers) {
        ApiResponse response = send(method, url, body, contentType, headers);
        if (response.status() == 401) {
            throw unauthorized(response);
        }
        return response.orThrow();
    }

    public JsonNode getJson(String url) {
        return call("GET", url, null, null).json();
    }

    public ApiResponse get(String url) {
        return call("GET", url, null, null);
    }

    public ApiResponse post(String url, JsonNode body) {
        return call("POST", url, body == null ? null : bytes(body), body == null ? null : JSON);
    }

    public ApiResponse put(String url, JsonNode body) {
        return call("PUT", url, bytes(body), JSON);
    }

    /** Sends a document as given (the user's file, so the API sees exactly what the user wrote). */
    public ApiResponse sendDocument(String method, String url, byte[] document) {
        return call(method, url, document, JSON);
    }

    public ApiResponse delete(String url) {
        return call("DELETE", url, null, null);
    }

    /** The 401's message: not logged in, login expired, or token refused; each with how to log in again. */
    AuthenticationException unauthorized(ApiResponse response) {
        String again = "log in again with 'dcos auth login'";
        if (token.isEmpty()) {
            return new AuthenticationException("Not logged in to " + label + ": run 'dcos auth login'", response);
        }
        Jwt jwt = Jwt.parse(token.get());
        if (jwt.expiredAt(Instant.now())) {
            String when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z")
                    .format(jwt.expires().get().atZone(ZoneId.systemDefault()));
            return new AuthenticationException("Your login to " + label + " expired at " + when + ": " + again,
                    response);
        }
        String reason = ApiException.reason(response).map(r -> " (" + r + ")").orElse("");
        return new AuthenticationException(label + " did not accept your login token" + reason + ": " + again,
                response);
    }

    private CliException ioFailure(String method, URI uri, IOException e) {
        String where = uri.getScheme() + "://" + uri.getAuthority();
        String target = label.startsWith(where) ? where : label + " at " + where;
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (e instanceof HttpConnectTimeoutException) {
            return new CliException("Cannot reach " + target + ": no connection within "
                    + seconds(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10)), e);
        }
        if (e instanceof HttpTimeoutException) {
            return new CliException(label + " did not answer " + method + " " + uri.getPath() + " within "
                    + seconds(timeout) + " (core.timeout)", e);
        }
        if (e instanceof ConnectException || root instanceof ConnectException) {
            return new CliException("Cannot reach " + target + ": connection refused", e);
        }
        if (root instanceof UnresolvedAddressException || root instanceof UnknownHostException) {
            return new CliException("Cannot reach " + label + ": unknown host '" + uri.getHost() + "'", e);
        }
        if (e instanceof SSLException || root instanceof SSLException
                || root instanceof java.security.cert.CertificateException) {
            return new CliException("TLS with " + where + " failed (" + message(root) + "): set core.ssl_verify to "
                    + "the cluster's CA certificate file, or to false to skip the check", e);
        }
        return new CliException(method + " " + uri + " failed: " + message(root), e);
    }

    private static byte[] bytes(JsonNode body) {
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }

    private static URI uri(String url) {
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new CliException("'" + url + "' is not a valid URL");
        }
    }

    private static SSLContext trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            } }, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An SSL context that trusts the certificates of a PEM file (core.ssl_verify = path). */
    private static SSLContext trusting(Path caFile) {
        if (!Files.isRegularFile(caFile)) {
            throw new CliException("core.ssl_verify is '" + caFile + "', which is neither true, false nor a file");
        }
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            if (i == 0) {
                throw new CliException(caFile + " holds no PEM certificate (core.ssl_verify)");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), new SecureRandom());
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new CliException("Cannot read the CA certificates of " + caFile + ": " + e.getMessage(), e);
        }
    }
}
