package dev.dcosnative.master.iam.oidc;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.iam.IamException;
import dev.dcosnative.master.iam.IamJson;
import dev.dcosnative.master.iam.audit.AuditLog;
import dev.dcosnative.master.iam.audit.Caller;
import dev.dcosnative.master.iam.auth.LoginCookies;
import dev.dcosnative.master.iam.auth.LoginService;
import dev.dcosnative.master.iam.core.OidcFlow;
import dev.dcosnative.master.iam.store.IamStore;
import dev.dcosnative.master.iam.store.OidcProviderEntity;
import dev.dcosnative.master.iam.store.UserEntity;
import dev.dcosnative.master.iam.token.SigningKeys;
import dev.dcosnative.master.iam.token.TokenService;

/**
 * Single sign-on with OpenID Connect, authorization code flow with PKCE ({@code S256}), state and nonce.
 *
 * <p>
 * {@link #start}: the browser is sent to the provider's authorization endpoint (from its discovery document); what
 * the callback needs to check the answer (provider, state, nonce, PKCE verifier, target) travels in the HttpOnly
 * {@value #LOGIN_COOKIE} cookie, a short-lived JWT signed with IAM's signing key, so the callback may reach any master.
 * It has no {@code uid} claim: it is no DC/OS token.
 *
 * <p>
 * {@link #finish}: the state must match the cookie's (400 otherwise); the code is exchanged at the token endpoint, the
 * ID token verified (signature against the provider's JWKS, {@code iss}, {@code aud} = the client id, {@code exp},
 * {@code nonce}); the user is the {@code email} claim (else {@code sub}) and must have been invited by a superuser
 * ({@code provider_type oidc} with this provider's id), unless {@code dcos.master.iam.oidc-auto-create-users}. The
 * browser then gets the same cookies as a password login and goes to the target; for the target
 * {@value OidcFlow#CLI_TARGET} it gets a page that shows the ID token instead, for the user to paste into the
 * {@code dcos} CLI. Every outcome is audited.
 *
 * <p>
 * {@link #identify} and {@link #admit}: the CLI's login ({@code POST /auth/login} with the pasted ID token and no uid,
 * see {@link LoginService}); the token is verified and its user admitted exactly as in the callback (the same code),
 * except that there is no nonce to check (the token was shown to the user) and that it must be no older than the
 * login timeout.
 */
@ApplicationScoped
public class OidcLoginService {

    /** The cookie that carries a started login to its callback. */
    public static final String LOGIN_COOKIE = "dcos-oidc-login";
    /** Where providers send the browser back. */
    public static final String CALLBACK = IamJson.API + "/auth/oidc/callback";

    private static final String PURPOSE = "dcos-oidc-login";
    private static final int MAX_COOKIE = 4096;
    private static final int MAX_ID_TOKEN = 16384;
    private static final Duration SKEW = Duration.ofSeconds(60);

    /** An answer that sends the browser on, with cookies to set. */
    public record Redirect(String location, List<String> cookies) {
    }

    /**
     * The callback's answer: the cookies, and either the browser's target ({@code location}) or, for the CLI, the ID
     * token to show ({@code idToken}).
     */
    public record Callback(String location, String idToken, List<String> cookies) {

        @Override
        public String toString() {
            return "Callback[" + (idToken == null ? location : "ID token page") + "]";
        }
    }

    /** A provider's user, as its verified ID token tells. */
    public record Identity(OidcProviderEntity provider, JwtClaims claims, String idToken) {

        /** The uid: the {@code email} claim, else {@code sub}; empty when neither is a valid uid. */
        public Optional<String> uid() {
            return OidcFlow.uid(claims.getClaimsMap());
        }

        @Override
        public String toString() {
            return "Identity[" + provider.providerId + ", " + uid().orElse("(none)") + "]";
        }
    }

    /** What the login cookie carries. */
    private record Pending(String provider, String state, String nonce, String verifier, String target) {
    }

    private final OidcProviderService providers;
    private final OidcClient client;
    private final SigningKeys keys;
    private final TokenService tokens;
    private final IamStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final boolean autoCreate;
    private final Duration loginTimeout;

    public OidcLoginService(OidcProviderService providers, OidcClient client, SigningKeys keys, TokenService tokens,
            IamStore store, AuditLog audit, Clock clock, MasterConfig config) {
        this.providers = providers;
        this.client = client;
        this.keys = keys;
        this.tokens = tokens;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.autoCreate = config.iam().oidcAutoCreateUsers();
        this.loginTimeout = config.iam().oidcLoginTimeout();
    }

    /** {@code GET /auth/login?oidc-provider=<id>&target=<path>}: to the provider. */
    public Uni<Redirect> start(String providerId, String target) {
        return providers.forLogin(providerId).chain(provider -> client.discover(provider).map(discovery -> {
            Pending pending = new Pending(provider.providerId, OidcFlow.random(), OidcFlow.random(),
                    OidcFlow.random(), OidcFlow.safeTarget(target));
            Map<String, String> query = new LinkedHashMap<>();
            query.put("response_type", "code");
            query.put("client_id", provider.clientId);
            query.put("redirect_uri", redirectUri(provider));
            query.put("scope", "openid email profile");
            query.put("state", pending.state());
            query.put("nonce", pending.nonce());
            query.put("code_challenge", OidcFlow.challenge(pending.verifier()));
            query.put("code_challenge_method", "S256");
            String endpoint = discovery.authorizationEndpoint();
            String location = endpoint + (endpoint.contains("?") ? "&" : "?") + query.entrySet().stream()
                    .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
            return new Redirect(location, List.of(LOGIN_COOKIE + "=" + sign(pending) + "; Max-Age="
                    + loginTimeout.toSeconds() + "; Path=" + CALLBACK + "; HttpOnly; SameSite=Lax"));
        }));
    }

    /** {@code GET /auth/oidc/callback?code=..&state=..}: the DC/OS cookies and on to the target (or the CLI's page). */
    public Uni<Callback> finish(String code, String state, String error, String cookie, String remoteIp) {
        Pending pending = verify(cookie);
        if (pending == null || !OidcFlow.same(state, pending.state())) {
            return Uni.createFrom().failure(new IamException(400, "ERR_OIDC_INVALID_STATE", "The login's state is "
                    + "missing, expired or does not match this browser's login; start the login again."));
        }
        Caller anonymous = new Caller(null, remoteIp);
        if (error != null) {
            String reason = error.replaceAll("[^a-zA-Z0-9_.-]", "");
            return audit.recordAlone(anonymous, "login", pending.provider(), AuditLog.FAILURE,
                    "oidc provider refused: " + reason).chain(
                            () -> Uni.createFrom().failure(new IamException(401,
                                    "ERR_OIDC_LOGIN_REFUSED", "The OIDC provider refused the login: " + reason + ".")));
        }
        if (code == null || code.isEmpty()) {
            return Uni.createFrom().failure(new IamException(400, "ERR_MISSING_QUERY_PARAMETERS",
                    "Expected query parameter `code`."));
        }
        return providers.forLogin(pending.provider()).chain(provider -> client.discover(provider)
                .chain(discovery -> client.idToken(provider, discovery, code, redirectUri(provider), pending.verifier())
                        .chain(idToken -> verify(provider, discovery, idToken, pending.nonce(), null)))
                .onFailure(IamException.class).call(e -> audit.recordAlone(anonymous, "login", provider.providerId,
                        AuditLog.FAILURE, "oidc: " + ((IamException) e).code()))
                .chain(identity -> admit(identity, remoteIp, "oidc " + provider.providerId).map(user -> {
                    LoginService.Login login = new LoginService.Login(tokens.issue(user.uid), user.uid,
                            user.description, true);
                    List<String> cookies = new ArrayList<>(LoginCookies.of(login, tokens.lifetime()));
                    cookies.add(LOGIN_COOKIE + "=; Max-Age=0; Path=" + CALLBACK + "; HttpOnly; SameSite=Lax");
                    return OidcFlow.CLI_TARGET.equals(pending.target())
                            ? new Callback(null, identity.idToken(), cookies)
                            : new Callback(pending.target(), null, cookies);
                })));
    }

    /**
     * {@code POST /auth/login {"token": "<ID token>"}}: the configured provider whose {@code issuer} is the token's
     * {@code iss} and whose client id is in its {@code aud} (when several are: the one the token's user was invited
     * for, else the first by id), and the token verified against it as the callback verifies it, without nonce but no
     * older ({@code iat}) than the login timeout. Failures (401 {@code ERR_OIDC_INVALID_ID_TOKEN}, 502 for a provider
     * that fails) are audited; the token is never logged.
     */
    public Uni<Identity> identify(String idToken, String remoteIp) {
        Caller anonymous = new Caller(null, remoteIp);
        String issuer;
        List<String> audience;
        Optional<String> claimedUid;
        try {
            if (idToken.length() > MAX_ID_TOKEN) {
                throw invalidIdToken("it is too long");
            }
            JwtClaims unverified = new JwtConsumerBuilder().setSkipAllValidators().setDisableRequireSignature()
                    .setSkipSignatureVerification().build().processToClaims(idToken);
            issuer = unverified.getIssuer();
            audience = unverified.hasAudience() ? unverified.getAudience() : List.of();
            claimedUid = OidcFlow.uid(unverified.getClaimsMap()); // only to choose among providers alike
            if (issuer == null) {
                throw invalidIdToken("it names no issuer");
            }
        } catch (InvalidJwtException | MalformedClaimException | IamException e) {
            IamException refused = e instanceof IamException i ? i : invalidIdToken("it is no signed JWT");
            return audit.recordAlone(anonymous, "login", "(oidc)", AuditLog.FAILURE, "oidc id token: "
                    + refused.getMessage()).chain(() -> Uni.createFrom().<Identity> failure(refused));
        }
        return store.read(() -> OidcProviderEntity.<OidcProviderEntity> list("order by providerId").chain(all -> {
            List<OidcProviderEntity> candidates = all.stream()
                    .filter(p -> OidcClient.sameIssuer(p.issuer, issuer) && audience.contains(p.clientId)).toList();
            Optional<OidcProviderEntity> first = candidates.stream().findFirst();
            if (candidates.size() < 2 || claimedUid.isEmpty()) {
                return Uni.createFrom().item(first);
            }
            return UserEntity.<UserEntity> findById(claimedUid.get()).map(user -> candidates.stream()
                    .filter(p -> user != null && "oidc".equals(user.providerType) && p.providerId.equals(
                            user.providerId))
                    .findFirst().or(() -> first));
        })).chain(found -> {
            if (found.isEmpty()) {
                IamException refused = invalidIdToken("no configured OIDC provider issued it for its client");
                return audit.recordAlone(anonymous, "login", "(oidc)", AuditLog.FAILURE, "oidc id token: "
                        + refused.getMessage()).chain(() -> Uni.createFrom().<Identity> failure(refused));
            }
            OidcProviderEntity provider = found.get();
            return client.discover(provider)
                    .chain(discovery -> verify(provider, discovery, idToken, null, loginTimeout))
                    .onFailure(IamException.class).call(e -> audit.recordAlone(anonymous, "login",
                            provider.providerId, AuditLog.FAILURE, "oidc id token: "
                                    + ((IamException) e).getMessage()));
        });
    }

    /** The JAX-RS answer: 302 to the location, the cookies set, nothing cached. */
    public static Response redirect(Redirect redirect) {
        Response.ResponseBuilder response = Response.status(302).header("Location", redirect.location())
                .header("Cache-Control", "no-store");
        redirect.cookies().forEach(cookie -> response.header("Set-Cookie", cookie));
        return response.build();
    }

    /**
     * The JAX-RS answer of the callback: a redirect, or 200 with the page that shows the CLI's user the ID token
     * (never cached, framed or scripted); the cookies set either way.
     */
    public static Response response(Callback callback) {
        if (callback.idToken() == null) {
            return redirect(new Redirect(callback.location(), callback.cookies()));
        }
        Response.ResponseBuilder response = Response.ok(OidcFlow.tokenPage(callback.idToken()),
                "text/html; charset=utf-8")
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
                        + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        callback.cookies().forEach(cookie -> response.header("Set-Cookie", cookie));
        return response.build();
    }

    /**
     * The invited user of {@code identity} (or, with auto-creation, a new one); 403 {@code ERR_USER_NOT_INVITED} for
     * anybody else. Audited, the success with {@code detail}. The one place for the callback and the CLI's login.
     */
    public Uni<UserEntity> admit(Identity identity, String remoteIp, String detail) {
        OidcProviderEntity provider = identity.provider();
        JwtClaims claims = identity.claims();
        String uid = identity.uid().orElse(null);
        if (uid == null) {
            return refuse(new Caller(null, remoteIp), provider, "(none)", "no usable email or sub claim",
                    "The OIDC provider named no user IAM can accept (the `email` claim or `sub` must be a valid uid).");
        }
        Caller caller = new Caller(uid, remoteIp);
        return store.tx(() -> UserEntity.<UserEntity> findById(uid).chain(user -> {
            if (user == null && autoCreate) {
                UserEntity created = new UserEntity();
                created.uid = uid;
                created.providerType = "oidc";
                created.providerId = provider.providerId;
                Object name = claims.getClaimValue("name");
                created.description = name instanceof String n ? n : uid;
                return created.persist().replaceWith(created)
                        .call(() -> audit.record(caller, "user-create", uid, AuditLog.SUCCESS, detail))
                        .call(() -> audit.record(caller, "login", uid, AuditLog.SUCCESS, detail));
            }
            if (user == null || user.service || !"oidc".equals(user.providerType)
                    || !provider.providerId.equals(user.providerId)) {
                return Uni.createFrom().<UserEntity> nullItem();
            }
            return audit.record(caller, "login", uid, AuditLog.SUCCESS, detail).replaceWith(user);
        })).chain(user -> user != null ? Uni.createFrom().item(user)
                : refuse(caller, provider, uid, "user not invited", "User `" + uid + "` may not log in through "
                        + "OIDC provider `" + provider.providerId + "`: a superuser must first add the user "
                        + "(PUT /acs/api/v1/users/" + uid + " with provider_type `oidc` and provider_id `"
                        + provider.providerId + "`)."));
    }

    private Uni<UserEntity> refuse(Caller caller, OidcProviderEntity provider, String uid, String why,
            String description) {
        return audit.recordAlone(caller, "login", uid, AuditLog.DENIED, "oidc " + provider.providerId + ": " + why)
                .chain(() -> Uni.createFrom().failure(new IamException(403, "ERR_USER_NOT_INVITED", description)));
    }

    /**
     * The ID token checked against the provider's JWKS: the one place both logins verify ID tokens. {@code nonce}
     * null: not checked; {@code maxAge} null: {@code iat} not checked.
     */
    private Uni<Identity> verify(OidcProviderEntity provider, OidcClient.Discovery discovery, String idToken,
            String nonce, Duration maxAge) {
        return client.jwks(provider, discovery).map(jwks -> new Identity(provider,
                claims(idToken, jwks, discovery.issuer(), provider.clientId, nonce, maxAge), idToken));
    }

    /** The ID token's claims, when it is valid for this client (and this login's nonce, when given). */
    private JwtClaims claims(String idToken, String jwks, String issuer, String clientId, String nonce,
            Duration maxAge) {
        try {
            JwtClaims claims = new JwtConsumerBuilder()
                    .setRequireExpirationTime()
                    .setRequireSubject()
                    .setAllowedClockSkewInSeconds((int) SKEW.toSeconds())
                    .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                    .setExpectedIssuer(issuer)
                    .setExpectedAudience(clientId)
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                            AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384,
                            AlgorithmIdentifiers.RSA_USING_SHA512, AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
                            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                            AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384)
                    .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks)
                            .getJsonWebKeys()))
                    .build()
                    .processToClaims(idToken);
            if (nonce != null && !OidcFlow.same(nonce, claims.getClaimValueAsString("nonce"))) {
                throw invalidIdToken("its nonce does not match the login");
            }
            NumericDate issuedAt = claims.getIssuedAt();
            if (maxAge != null && issuedAt != null
                    && issuedAt.getValueInMillis() < clock.millis() - maxAge.toMillis() - SKEW.toMillis()) {
                throw invalidIdToken("it is older than " + maxAge.toMinutes() + " minutes; log in again");
            }
            return claims;
        } catch (MalformedClaimException e) {
            throw invalidIdToken("its iat is no number");
        } catch (InvalidJwtException e) {
            throw invalidIdToken(e.getCause() instanceof UnresolvableKeyException ? "no key of the provider signed it"
                    : "it is expired, for another client or issuer, or its signature is wrong");
        } catch (JoseException e) {
            throw invalidIdToken("the provider's JWKS cannot be read");
        }
    }

    private static IamException invalidIdToken(String why) {
        return new IamException(401, "ERR_OIDC_INVALID_ID_TOKEN", "The OIDC provider's ID token is invalid: " + why
                + ".");
    }

    private String sign(Pending pending) {
        SigningKeys.Signer signer = keys.signer()
                .orElseThrow(() -> IamException.unavailable("IAM has no signing key yet; retry shortly."));
        long now = clock.instant().getEpochSecond();
        return Jwt.claim("purpose", PURPOSE)
                .claim("provider", pending.provider())
                .claim("state", pending.state())
                .claim("nonce", pending.nonce())
                .claim("verifier", pending.verifier())
                .claim("target", pending.target())
                .issuedAt(now)
                .expiresAt(now + loginTimeout.toSeconds())
                .jws()
                .keyId(signer.kid())
                .algorithm(SignatureAlgorithm.RS256)
                .sign(signer.key());
    }

    /** The pending login of a valid login cookie, or null. */
    private Pending verify(String cookie) {
        if (cookie == null || cookie.isEmpty() || cookie.length() > MAX_COOKIE) {
            return null;
        }
        try {
            JwtClaims claims = new JwtConsumerBuilder()
                    .setRequireExpirationTime()
                    .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                            AlgorithmIdentifiers.RSA_USING_SHA256)
                    .setVerificationKeyResolver((jws, nesting) -> keys.verifier(jws.getKeyIdHeaderValue())
                            .orElseThrow(() -> new UnresolvableKeyException("unknown or expired kid")))
                    .setSkipDefaultAudienceValidation()
                    .build()
                    .processToClaims(cookie);
            if (!PURPOSE.equals(claims.getClaimValue("purpose"))) {
                return null;
            }
            return new Pending(claims.getStringClaimValue("provider"), claims.getStringClaimValue("state"),
                    claims.getStringClaimValue("nonce"), claims.getStringClaimValue("verifier"),
                    OidcFlow.safeTarget(claims.getStringClaimValue("target")));
        } catch (InvalidJwtException | org.jose4j.jwt.MalformedClaimException | RuntimeException e) {
            return null;
        }
    }

    private static String redirectUri(OidcProviderEntity provider) {
        String base = provider.baseUrl.endsWith("/") ? provider.baseUrl.substring(0, provider.baseUrl.length() - 1)
                : provider.baseUrl;
        return base + CALLBACK;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
