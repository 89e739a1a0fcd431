package dev.dcosnative.master.iam.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The pure parts of the OIDC login: targets, PKCE, the uid of a provider's user, provider bodies. */
class OidcFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void onlyRelativeTargetsAreKept() {
        assertThat(OidcFlow.safeTarget("/#/services")).isEqualTo("/#/services");
        assertThat(OidcFlow.safeTarget("/a/b?c=d")).isEqualTo("/a/b?c=d");
        for (String target : new String[] { null, "", "https://evil.example.com/", "//evil.example.com", "/\\evil",
                "evil", "/a\r\nSet-Cookie: x=y", "javascript:alert(1)" }) {
            assertThat(OidcFlow.safeTarget(target)).as(String.valueOf(target)).isEqualTo("/");
        }
    }

    @Test
    void theCliTargetIsKeptExactly() {
        assertThat(OidcFlow.safeTarget("dcos:authenticationresponse:html")).isEqualTo(OidcFlow.CLI_TARGET);
        assertThat(OidcFlow.safeTarget("dcos:authenticationresponse:html/x")).isEqualTo("/");
        assertThat(OidcFlow.safeTarget("dcos:authenticationresponse:htm")).isEqualTo("/");
    }

    @Test
    void theCliPageShowsTheTokenEscaped() {
        assertThat(OidcFlow.tokenPage("aaa.bbb.ccc")).startsWith("<!DOCTYPE html>")
                .contains(">aaa.bbb.ccc</textarea>").contains("dcos").doesNotContain("<script");
        assertThat(OidcFlow.tokenPage("</textarea><script>x('&\"')</script>"))
                .contains("&lt;/textarea&gt;&lt;script&gt;x(&#39;&amp;&quot;&#39;)&lt;/script&gt;")
                .doesNotContain("<script");
    }

    @Test
    void aLoginWithoutUidIsAnIdTokenLogin() throws Exception {
        IamRequests.Login oidc = IamRequests.login(JSON.readTree("{\"token\":\"a.b.c\"}"));
        assertThat(oidc.oidcIdToken()).isTrue();
        assertThat(oidc.service()).isFalse();
        assertThat(oidc.toString()).doesNotContain("a.b.c");
        IamRequests.Login service = IamRequests.login(JSON.readTree("{\"uid\":\"robot\",\"token\":\"a.b.c\"}"));
        assertThat(service.service()).isTrue();
        assertThat(service.oidcIdToken()).isFalse();
        for (String body : new String[] { "{\"password\":\"p\"}", "{\"token\":\"t\",\"password\":\"p\"}",
                "{\"token\":\"\"}", "{}" }) {
            assertThatThrownBy(() -> IamRequests.login(JSON.readTree(body))).as(body)
                    .isInstanceOf(InvalidRequest.class).hasMessage("`uid` must be provided");
        }
    }

    @Test
    void failuresOfAnUnknownUidCountForTheIpOnly() {
        LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Limits(1, 2, java.time.Duration.ofMinutes(1),
                java.time.Duration.ofMinutes(1), java.time.Duration.ofMinutes(1), 10));
        java.time.Instant now = java.time.Instant.parse("2024-01-01T00:00:00Z");
        throttle.failure(null, "10.0.0.1", now);
        assertThat(throttle.check(null, "10.0.0.1", now).allowed()).isTrue();
        assertThat(throttle.check("alice", "10.0.0.2", now).allowed()).isTrue();
        throttle.failure(null, "10.0.0.1", now);
        assertThat(throttle.check(null, "10.0.0.1", now).refusedFor()).isEqualTo(LoginThrottle.Reason.IP_THROTTLED);
        assertThat(throttle.tracked()).isEqualTo(1);
    }

    @Test
    void theChallengeIsRfc7636S256() {
        // RFC 7636, appendix B
        assertThat(OidcFlow.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assertThat(OidcFlow.random()).hasSize(43).isNotEqualTo(OidcFlow.random());
    }

    @Test
    void theUidIsTheEmailElseTheSubject() {
        assertThat(OidcFlow.uid(Map.of("email", "alice@example.com", "sub", "123"))).contains("alice@example.com");
        assertThat(OidcFlow.uid(Map.of("sub", "user-123"))).contains("user-123");
        assertThat(OidcFlow.uid(Map.of("email", "not a uid", "sub", "user-123"))).isEmpty();
        assertThat(OidcFlow.uid(Map.of())).isEmpty();
    }

    @Test
    void providerBodiesAreCheckedAndNeverQuoteTheSecret() throws Exception {
        JsonNode full = JSON.readTree("{\"issuer\":\"https://idp.example.com\",\"base_url\":\"https://dcos.example"
                + ".com\",\"client_id\":\"c\",\"client_secret\":\"the-secret\"}");
        OidcProviderRequests.ProviderConfig config = OidcProviderRequests.create(full);
        assertThat(config.issuer()).contains("https://idp.example.com");
        assertThat(config.verifyServerCertificate()).isEmpty();
        assertThat(config.toString()).doesNotContain("the-secret");

        assertThatThrownBy(() -> OidcProviderRequests.create(JSON.readTree("{\"issuer\":\"https://x\"}")))
                .isInstanceOf(InvalidRequest.class).hasMessage("`base_url` must be provided");
        assertThatThrownBy(() -> OidcProviderRequests.create(JSON.readTree("{\"issuer\":\"https://x?a=b\","
                + "\"base_url\":\"https://y\",\"client_id\":\"c\",\"client_secret\":\"s\"}")))
                .isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> OidcProviderRequests.change(JSON.readTree("{\"verify_server_certificate\":\"no\"}")))
                .isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> OidcProviderRequests.change(JSON.readTree("{\"ca_certs\":\"not a pem\"}")))
                .isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> OidcProviderRequests.change(JSON.readTree("{\"other\":1}")))
                .isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> OidcProviderRequests.change(JSON.readTree("{}")))
                .isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> OidcProviderRequests.change(JSON.readTree("{\"client_secret\":\"\"}")))
                .isInstanceOf(InvalidRequest.class).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\"\""));
    }
}
