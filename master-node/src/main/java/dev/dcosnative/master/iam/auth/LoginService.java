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
import dev.dcosnative.master.iam.store.IamStore;
import dev.dcosnative.master.iam.store.UserEntity;
import dev.dcosnative.master.iam.token.TokenService;

/**
 * {@code POST /auth/login}: a local user's uid and password, or a service account's uid and service login token (an
 * RS256 JWT with {@code uid} and {@code exp}, signed by the account's private key), for a DC/OS token. Throttled per
 * uid and per client IP ({@link LoginThrottle}, memory of this master only); unknown users cost as much time as wrong
 * passwords; every attempt is audited with the kind of failure, never the secret.
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

    public LoginService(IamStore store, Passwords passwords, TokenService tokens, AuditLog audit, Clock clock,
            MasterConfig config) throws NoSuchAlgorithmException {
        this.store = store;
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
        Caller caller = new Caller(null, remoteIp);
        String uid = request.uid();
        LoginThrottle.Decision decision = throttle.check(uid, remoteIp, clock.instant());
        if (!decision.allowed()) {
            IamException refused = IamException.throttled(decision.retryAfterSeconds());
            return decision.firstRefusal()
                    ? audit.recordAlone(caller, "login", uid, AuditLog.DENIED, "throttled: " + decision.refusedFor())
                            .chain(() -> Uni.createFrom().failure(refused))
                    : Uni.createFrom().failure(refused);
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
