package dev.dcosnative.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.dcosnative.it.harness.Http;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * A real OpenID Connect provider (mock-oauth2-server on 127.0.0.1, a free port, no interactive login: a login is the
 * user the test names, with that {@code email} claim) and a browser that follows a login's redirects with plain HTTP —
 * the user's part of the CLI's OIDC login, as master-node's tests drive the IAM's.
 */
final class OidcBrowser implements AutoCloseable {

    static final String ISSUER_ID = "cli-it";
    static final String CLIENT_ID = "dcos-cli-it";
    static final String CLIENT_SECRET = "cli-it-client-secret";
    static final String CALLBACK = "/acs/api/v1/auth/oidc/callback?";

    /** Where the cluster's page shows the ID token to paste. */
    private static final Pattern TEXTAREA = Pattern.compile("<textarea[^>]*>([^<]*)</textarea>");

    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final MockOAuth2Server provider = new MockOAuth2Server();

    OidcBrowser() throws IOException {
        provider.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    /** The provider as IAM takes it ({@code PUT /acs/api/v1/auth/oidc/providers/<id>}), its logins ending at dcosUrl. */
    String providerJson(String description, String dcosUrl) {
        // (plain HTTP on loopback: no certificate to verify, so no ca_certs)
        return Http.JSON.createObjectNode().put("description", description)
                .put("issuer", provider.issuerUrl(ISSUER_ID).toString()).put("base_url", dcosUrl)
                .put("client_id", CLIENT_ID).put("client_secret", CLIENT_SECRET)
                .put("verify_server_certificate", true).toString();
    }

    /**
     * Opens {@code loginUrl} in the browser and logs in at the provider as {@code email}; the cluster's answer to the
     * provider's redirect back.
     */
    HttpResponse<String> login(String loginUrl, String email) throws IOException, InterruptedException {
        HttpResponse<String> start = get(loginUrl, List.of());
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        String authorize = start.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).startsWith(provider.authorizationEndpointUrl(ISSUER_ID).toString());
        List<String> cookies = cookies(start);
        assertThat(cookies).isNotEmpty();

        provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "sub-" + email, "JWT", List.of(CLIENT_ID),
                Map.of("email", email, "name", "Name of " + email), 3600));
        HttpResponse<String> atProvider = get(authorize, List.of());
        assertThat(atProvider.statusCode()).as(atProvider.body()).isEqualTo(302);
        String callback = atProvider.headers().firstValue("Location").orElseThrow();
        String origin = loginUrl.substring(0, loginUrl.indexOf("/acs/"));
        assertThat(callback).startsWith(origin + CALLBACK);
        return get(callback, cookies);
    }

    /** The ID token the cluster's page shows. */
    static Optional<String> shownToken(String page) {
        Matcher shown = TEXTAREA.matcher(page);
        return shown.find() ? Optional.of(shown.group(1).trim()) : Optional.empty();
    }

    /** An ID token the provider signs for {@code email}, without a browser. */
    String idToken(String email) {
        return provider.issueToken(ISSUER_ID, "sub-" + email, new DefaultOAuth2TokenCallback(ISSUER_ID, "sub-" + email,
                "JWT", List.of(CLIENT_ID), Map.of("email", email, "name", "Name of " + email), 3600)).serialize();
    }

    private HttpResponse<String> get(String url, List<String> cookies) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
        if (!cookies.isEmpty()) {
            request.header("Cookie", String.join("; ", cookies));
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The cookies a response sets ({@code name=value}), leaving out the ones it clears. */
    private static List<String> cookies(HttpResponse<?> response) {
        List<String> cookies = new ArrayList<>();
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            if (!pair.endsWith("=")) {
                cookies.add(pair);
            }
        }
        return cookies;
    }

    @Override
    public void close() {
        provider.shutdown();
    }
}
