package dev.dcosnative.master.iam.oidc;

import static dev.dcosnative.master.iam.IamTestSupport.asSuperuser;
import static dev.dcosnative.master.iam.IamTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * A real OpenID Connect provider (mock-oauth2-server on 127.0.0.1, a free port, no interactive login) and a browser
 * that follows the redirects of a login itself, for the OIDC tests.
 */
final class OidcBrowser {

    static final String ISSUER_ID = "dcos-test";
    static final String CLIENT_ID = "dcos-client";
    static final String CLIENT_SECRET = "s3cr3t-client-secret";

    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private static MockOAuth2Server provider;

    private OidcBrowser() {
    }

    static void startProvider() throws Exception {
        provider = new MockOAuth2Server();
        provider.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    static void stopProvider() {
        if (provider != null) {
            provider.shutdown();
            provider = null;
        }
    }

    /** Runs the browser's flow for the provider's user {@code email}; the callback's answer. */
    static HttpResponse<String> browserLogin(String providerId, String target, String email,
            Optional<String> forgedState) throws Exception {
        HttpResponse<String> start = get("/acs/api/v1/auth/login?oidc-provider=" + providerId + "&target="
                + URLEncoder.encode(target, StandardCharsets.UTF_8), null);
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        String authorize = start.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).startsWith(provider.authorizationEndpointUrl(ISSUER_ID).toString())
                .contains("code_challenge_method=S256").contains("nonce=").contains("state=");
        String loginCookie = cookies(start).get(OidcLoginService.LOGIN_COOKIE);
        assertThat(loginCookie).isNotEmpty();

        provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "sub-" + email, "JWT", List.of(CLIENT_ID),
                Map.of("email", email, "name", "Name of " + email), 3600));
        HttpResponse<String> atProvider = BROWSER.send(HttpRequest.newBuilder(URI.create(authorize)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(atProvider.statusCode()).as(atProvider.body()).isEqualTo(302);
        String callback = atProvider.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(baseUrl() + "/acs/api/v1/auth/oidc/callback?");
        if (forgedState.isPresent()) {
            callback = callback.replaceAll("state=[^&]*", "state=" + forgedState.get());
        }
        return get(callback.substring(baseUrl().length()), loginCookie);
    }

    static HttpResponse<String> get(String pathAndQuery, String loginCookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery)).GET();
        if (loginCookie != null) {
            request.header("Cookie", OidcLoginService.LOGIN_COOKIE + "=" + loginCookie);
        }
        return BROWSER.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The cookies a response sets (name → value), leaving out the ones it clears. */
    static Map<String, String> cookies(HttpResponse<?> response) {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String value = pair.substring(eq + 1);
            if (!value.isEmpty()) {
                cookies.put(pair.substring(0, eq), URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return cookies;
    }

    /** A new provider pointing at the mock, configured as the superuser; its id. */
    static String configureProvider() {
        String providerId = unique("idp");
        asSuperuser().contentType(ContentType.JSON).body(providerJson("Test provider " + providerId))
                .put("/acs/api/v1/auth/oidc/providers/" + providerId).then().statusCode(201);
        return providerId;
    }

    static void invite(String uid, String providerId) {
        asSuperuser().contentType(ContentType.JSON)
                .body("{\"provider_type\":\"oidc\",\"provider_id\":\"" + providerId + "\"}")
                .put("/acs/api/v1/users/" + uid).then().statusCode(201);
    }

    /** An ID token the mock signs for issuer {@code issuerId}, audience {@code audience}, user {@code email}. */
    static String idToken(String issuerId, String audience, String email) {
        return provider.issueToken(issuerId, "sub-" + email, new DefaultOAuth2TokenCallback(issuerId, "sub-" + email,
                "JWT", List.of(audience), Map.of("email", email, "name", "Name of " + email), 3600)).serialize();
    }

    static String providerJson(String description) {
        return "{\"description\":\"" + description + "\",\"issuer\":\"" + issuer() + "\",\"base_url\":\"" + baseUrl()
                + "\",\"client_id\":\"" + CLIENT_ID + "\",\"client_secret\":\"" + CLIENT_SECRET
                + "\",\"verify_server_certificate\":true}";
    }

    static String issuer() {
        return provider.issuerUrl(ISSUER_ID).toString();
    }

    static String baseUrl() {
        return "http://127.0.0.1:" + RestAssured.port;
    }
}
