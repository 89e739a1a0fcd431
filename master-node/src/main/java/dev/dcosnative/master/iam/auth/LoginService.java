package dev.dcosnative.master.iam.auth;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import io.smallrye.mutiny.Uni;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.iam.IamException;
import dev.dcosnative.master.iam.IamJson;
import dev.dcosnative.master.iam.audit.AuditLog;
import dev.dcosnative.master.iam.audit.Caller;
import dev.dcosnative.master.iam.core.IamRequests;
import dev.dcosnative.master.iam.core.InvalidRequest;
import dev.dcosnative.master.iam.core.LoginThrottle;
import dev.dcosnative.master.iam.core.Pem;
import dev.dcosnative.master.iam.oidc.OidcLoginService;
import dev.dcosnative.master.iam.store.IamStore;
import dev.dcosnative.master.iam.store.UserEntity;
import dev.dcosnative.master.iam.token.TokenService;

/**
 * {@code POST /auth/login}: a local user's uid and password, or a service account's uid and service login token (an
 * RS256 JWT with {@code uid} and {@code exp}, signed by the account's private key), or (the {@code dcos} CLI's OpenID
 * Connect login) an ID token of a configured OIDC provider without uid, for a DC/OS token. Throttled per uid and per
 * client IP ({@link LoginThrottle}, memory of this master only; an ID token's uid is known once it is verified);
 * unknown users cost as much time as wrong passwords; every attempt is audited with the kind of failure, never the
 * secret.
 */
@ApplicationScoped
public class LoginService {

    /** A successful login: the token and what the UI's info cookie tells. */
    public record Login(String token, String uid, String description, boolean remote) {

        @Override
        public String toString() {
            return "Login[" + uid + "]";
        }
    }

    private final IamStore store;
    private final Passwords passwords;
    private final TokenService tokens;
    private final AuditLog audit;
    private final Clock clock;
    private final LoginThrottle throttle;
    private final RSAPublicKey dummyKey;
    private final OidcLoginService oidc;

    public LoginService(IamStore store, Passwords passwords, TokenService tokens, AuditLog audit, Clock clock,
            MasterConfig config, OidcLoginService oidc) throws NoSuchAlgorithmException {
        this.store = store;
        this.oidc = oidc;
        this.passwords = passwords;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
        MasterConfig.Iam iam = config.iam();
        this.throttle = new LoginThrottle(new LoginThrottle.Limits(iam.loginMaxFailuresPerUid(),
                iam.loginMaxFailuresPerIp(), iam.loginFailureWindow(), iam.loginLockout(), iam.loginMaxLockout(),
                100_000));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        this.dummyKey = (RSAPublicKey) generator.generateKeyPair().getPublic();
    }

    public Uni<Login> login(byte[] body, String remoteIp) {
        IamRequests.Login request;
        try {
            request = IamRequests.login(IamJson.parse(body));
        } catch (InvalidRequest e) {
            return Uni.createFrom().failure(IamException.of(e));
        } catch (IamException e) {
            return Uni.createFrom().failure(e);
        }
        if (request.oidcIdToken()) {
            return oidcLogin(request.token(), remoteIp);
        }
        Caller caller = new Caller(null, remoteIp);
        String uid = request.uid();
        Uni<Login> throttled = throttled(uid, remoteIp, uid);
        if (throttled != null) {
            return throttled;
        }
        return store.read(() -> UserEntity.<UserEntity> findById(uid))
                .chain(user -> check(request, user).chain(failure -> {
                    if (failure != null) {
                        throttle.failure(uid, remoteIp, clock.instant());
                        return audit.recordAlone(caller, "login", uid, AuditLog.FAILURE, failure)
                                .chain(() -> Uni.createFrom().failure(IamException.invalidCredentials()));
                    }
                    throttle.success(uid);
                    String token = tokens.issue(uid);
                    return store.tx(() -> audit.record(new Caller(uid, remoteIp), "login", uid, AuditLog.SUCCESS,
                            request.service() ? "service login token" : "password"))
                            .replaceWith(new Login(token, uid, user.description, !"internal".equals(user.providerType)));
                }));
    }

    /**
     * The {@code dcos} CLI's OpenID Connect login: the ID token verified and its user admitted as in the browser's
     * callback ({@link OidcLoginService#identify}, {@link OidcLoginService#admit}, which audit). An invalid token is
     * a 401 {@code ERR_INVALID_CREDENTIALS} counted against the IP, an un-invited user the callback's 403 counted
     * against the IP and the uid.
     */
    private Uni<Login> oidcLogin(String idToken, String remoteIp) {
        Uni<Login> throttled = throttled(null, remoteIp, "(oidc)");
        if (throttled != null) {
            return throttled;
        }
        return oidc.identify(idToken, remoteIp)
                .onFailure(e -> e instanceof IamException i && (i.status() == 401 || i.status() == 502))
                .transform(e -> {
                    throttle.failure(null, remoteIp, clock.instant());
                    return IamException.invalidCredentials("The OIDC ID token is invalid or expired, or no "
                            + "configured OIDC provider issued it; log in again in the browser.");
                })
                .chain(identity -> {
                    String uid = identity.uid().orElse(null);
                    Uni<Login> locked = uid == null ? null : throttled(uid, remoteIp, uid);
                    if (locked != null) {
                        return locked;
                    }
                    return oidc.admit(identity, remoteIp, "oidc " + identity.provider().providerId + " id token")
                            .onFailure(e -> e instanceof IamException i && i.status() == 403)
                            .invoke(() -> throttle.failure(uid, remoteIp, clock.instant()))
                            .map(user -> {
                                throttle.success(user.uid);
                                return new Login(tokens.issue(user.uid), user.uid, user.description, true);
                            });
                });
    }

    /** The refusal of an attempt while {@code uid} (null: not known yet) or the IP is throttled, else null. */
    private Uni<Login> throttled(String uid, String remoteIp, String auditObject) {
        LoginThrottle.Decision decision = throttle.check(uid, remoteIp, clock.instant());
        if (decision.allowed()) {
            return null;
        }
        IamException refused = IamException.throttled(decision.retryAfterSeconds());
        return decision.firstRefusal()
                ? audit.recordAlone(new Caller(null, remoteIp), "login", auditObject, AuditLog.DENIED,
                        "throttled: " + decision.refusedFor()).chain(() -> Uni.createFrom().<Login> failure(refused))
                : Uni.createFrom().failure(refused);
    }

    /** The token lifetime (the auth cookie expires with the token). */
    public Duration tokenLifetime() {
        return tokens.lifetime();
    }

    /** Null when the credentials are right, else the kind of failure for the audit log. */
    private Uni<String> check(IamRequests.Login request, UserEntity user) {
        if (request.service()) {
            boolean account = user != null && user.service && user.publicKey != null;
            RSAPublicKey key = account ? Pem.readPublicKey(user.publicKey).orElse(dummyKey) : dummyKey;
            boolean valid = serviceTokenValid(request.token(), request.uid(), key);
            return Uni.createFrom().item(!account ? "unknown service account" : valid ? null : "invalid service token");
        }
        boolean local = user != null && !user.service && user.passwordHash != null;
        return passwords.matches(request.password(), local ? user.passwordHash : null)
                .map(matches -> !local ? (user == null ? "unknown user" : "no password login for this account")
                        : matches ? null : "wrong password");
    }

    /** A service login token: RS256, signed by the account's key, {@code uid} as claimed, {@code exp} ahead. */
    private boolean serviceTokenValid(String token, String uid, RSAPublicKey key) {
        if (token.length() > 8192) {
            return false;
        }
        try {
            JwtClaims claims = new JwtConsumerBuilder()
                    .setRequireExpirationTime()
                    .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                            AlgorithmIdentifiers.RSA_USING_SHA256)
                    .setVerificationKey(key)
                    .setSkipDefaultAudienceValidation()
                    .build()
                    .processToClaims(token);
            return uid.equals(claims.getClaimValue("uid"));
        } catch (InvalidJwtException | RuntimeException e) {
            return false;
        }
    }
}
