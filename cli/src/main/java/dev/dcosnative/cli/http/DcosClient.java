package dev.dcosnative.cli.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.cli.auth.Jwt;
import dev.dcosnative.cli.common.CliException;
import dev.dcosnative.cli.store.ClusterTarget;

/**
 * The CLI's one HTTP client: sends the login token as {@code Authorization: token=<jwt>}, applies
 * {@code core.timeout} and {@code core.ssl_verify}, and turns what goes wrong into messages a user can act on —
 * refusals into {@link ApiException}s in the API's own words, a 401 into an {@link AuthenticationException} that says
 * whether the login is missing or expired, and I/O failures into one line naming the cluster.
 * <p>
 * Built on {@link HttpURLConnection}, not {@code java.net.http.HttpClient}: for a process that makes a few requests
 * and exits, the latter costs about half a second on JDK 17 — its TLS and class set-up, and its selector thread,
 * which sits in native code and makes the JVM's exit wait 300 ms for it. TLS is set up only for {@code https} URLs.
 */
public final class DcosClient {

    public static final String JSON = "application/json";

    /** The longest a connection may take to open (or {@code core.timeout} when that is shorter). */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final String label;
    private final Optional<String> token;
    private final Duration timeout;
    private final Tls tls;

    private DcosClient(String label, Optional<String> token, Duration timeout, Tls tls) {
        this.label = label;
        this.token = token;
        this.timeout = timeout;
        this.tls = tls;
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
        return new DcosClient(label, token, timeout, new Tls(sslVerify));
    }

    /** This client with another token (after a login). */
    public DcosClient withToken(Optional<String> newToken) {
        return new DcosClient(label, newToken, timeout, tls);
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
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) uri.toURL().openConnection();
            if (connection instanceof HttpsURLConnection https) {
                tls.apply(https);
            }
            connection.setRequestMethod(method);
            connection.setConnectTimeout((int) connectTimeout().toMillis());
            connection.setReadTimeout((int) timeout.toMillis());
            connection.setInstanceFollowRedirects(true);
            connection.setUseCaches(false);
            connection.setRequestProperty("Accept", JSON);
            if (contentType != null) {
                connection.setRequestProperty("Content-Type", contentType);
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
                connection.setRequestProperty(headers[i], headers[i + 1]);
            }
            if (token.isPresent()) {
                connection.setRequestProperty("Authorization", "token=" + token.get());
            }
            if (body != null) {
                // not in streaming mode: a 401 to a streamed body would be an HttpRetryException, not a response
                connection.setDoOutput(true);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            byte[] bytes;
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                bytes = in == null ? new byte[0] : in.readAllBytes();
            }
            Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
            connection.getHeaderFields().forEach((k, v) -> {
                if (k != null) {
                    responseHeaders.put(k, v);
                }
            });
            return new ApiResponse(method, uri, status, responseHeaders, bytes);
        } catch (IOException e) {
            if (connection != null) {
                connection.disconnect();
            }
            throw ioFailure(method, uri, e);
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
        return call("POST", url, body == null ? new byte[0] : bytes(body), body == null ? null : JSON);
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

    private Duration connectTimeout() {
        return timeout.compareTo(CONNECT_TIMEOUT) < 0 ? timeout : CONNECT_TIMEOUT;
    }

    private CliException ioFailure(String method, URI uri, IOException e) {
        String where = uri.getScheme() + "://" + uri.getAuthority();
        String target = label.startsWith(where) ? where : label + " at " + where;
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (e instanceof SocketTimeoutException) {
            String message = String.valueOf(e.getMessage()).toLowerCase();
            if (message.contains("connect")) {
                return new CliException("Cannot reach " + target + ": no connection within "
                        + seconds(connectTimeout()), e);
            }
            return new CliException(label + " did not answer " + method + " " + uri.getPath() + " within "
                    + seconds(timeout) + " (core.timeout)", e);
        }
        if (e instanceof ConnectException || root instanceof ConnectException) {
            String why = String.valueOf(e.getMessage()).toLowerCase().contains("refused") ? "connection refused"
                    : message(e);
            return new CliException("Cannot reach " + target + ": " + why, e);
        }
        if (e instanceof UnknownHostException || root instanceof UnknownHostException) {
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
            URI uri = URI.create(url);
            uri.toURL();
            return uri;
        } catch (IllegalArgumentException | MalformedURLException e) {
            throw new CliException("'" + url + "' is not a valid URL");
        }
    }

    /** {@code core.ssl_verify} for https connections; nothing is set up until the first https request. */
    private static final class Tls {
        private final String sslVerify;
        private SSLSocketFactory factory;

        Tls(String sslVerify) {
            this.sslVerify = sslVerify;
        }

        void apply(HttpsURLConnection https) {
            if (sslVerify.equals("true")) {
                return;
            }
            if (factory == null) {
                factory = (sslVerify.equals("false") ? trustAll() : trusting(Path.of(sslVerify))).getSocketFactory();
            }
            https.setSSLSocketFactory(factory);
            if (sslVerify.equals("false")) {
                https.setHostnameVerifier((host, session) -> true);
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
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(store);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, trust.getTrustManagers(), new SecureRandom());
                return context;
            } catch (IOException | GeneralSecurityException e) {
                throw new CliException("Cannot read the CA certificates of " + caFile + ": " + e.getMessage(), e);
            }
        }
    }
}
