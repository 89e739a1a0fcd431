package dev.dcosnative.master.iam.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.iam.IamException;
import dev.dcosnative.master.iam.Tokens;
import dev.dcosnative.master.iam.core.IamIds;

/**
 * {@link Tokens} of this master: RS256 JWTs with {@code uid} and {@code exp} (and {@code iat}), the signing key's
 * {@code kid} in the header, built and verified with SmallRye JWT against the cached {@link SigningKeys}:
 * RS256 only (no {@code none}, no HMAC), a known {@code kid}, a valid signature, {@code exp} present and ahead, a
 * {@code uid}. Verification is local and synchronous; {@link #verifyFresh} also reloads the keys once when the
 * {@code kid} is unknown (a key another master created a moment ago). A token that verified is remembered for a
 * minute (by its exact text, signature included): while its {@code exp} is ahead and its key still verifies, the
 * next request with it costs a lookup instead of an RSA verification.
 */
@ApplicationScoped
public class TokenService implements Tokens {

    /** Longer strings are no DC/OS token (and not worth parsing). */
    static final int MAX_TOKEN_CHARS = 8192;

    /** Remembered verifications: most clients reuse one token for many requests. */
    static final int VERIFIED_TOKENS = 4096;
    static final Duration VERIFIED_FOR = Duration.ofMinutes(1);

    private record Verified(String uid, String kid, Instant expires) {
    }

    private final SigningKeys keys;
    private final Clock clock;
    private final Duration lifetime;
    private final JWTParser parser = new DefaultJWTParser(verification());
    private final Cache<String, Verified> verified = Caffeine.newBuilder()
            .maximumSize(VERIFIED_TOKENS)
            .expireAfterWrite(VERIFIED_FOR)
            .build();

    public TokenService(SigningKeys keys, Clock clock, MasterConfig config) {
        this.keys = keys;
        this.clock = clock;
        this.lifetime = config.iam().tokenLifetime();
    }

    @Override
    public Optional<String> verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        Verified known = verified.getIfPresent(token);
        if (known != null && clock.instant().isBefore(known.expires()) && keys.verifier(known.kid()).isPresent()) {
            return Optional.of(known.uid());
        }
        Optional<String> kid = kid(token);
        Optional<java.security.interfaces.RSAPublicKey> key = kid.flatMap(keys::verifier);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonWebToken jwt = parser.verify(token, key.get());
            Object claim = jwt.getClaim("uid");
            Optional<String> uid = Optional.ofNullable(claim instanceof jakarta.json.JsonString json ? json.getString()
                    : claim)
                    .filter(String.class::isInstance)
                    .map(String.class::cast)
                    .filter(IamIds::isUid);
            uid.ifPresent(u -> verified.put(token, new Verified(u, kid.get(),
                    Instant.ofEpochSecond(jwt.getExpirationTime()))));
            return uid;
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@link #verify}, after reloading the keys when the token names a {@code kid} this master does not know. */
    public Uni<Optional<String>> verifyFresh(String token) {
        Optional<String> uid = verify(token);
        if (uid.isPresent() || !unknownKid(token)) {
            return Uni.createFrom().item(uid);
        }
        return keys.reloadForUnknownKid().map(reloaded -> reloaded ? verify(token) : Optional.<String> empty());
    }

    @Override
    public String issue(String uid) {
        SigningKeys.Signer signer = keys.signer()
                .orElseThrow(() -> IamException.unavailable("IAM has no signing key yet; retry shortly."));
        long now = clock.instant().getEpochSecond();
        return Jwt.claim("uid", uid)
                .issuedAt(now)
                .expiresAt(now + lifetime.toSeconds())
                .jws()
                .keyId(signer.kid())
                .algorithm(SignatureAlgorithm.RS256)
                .sign(signer.key());
    }

    /** SmallRye JWT's checks of IAM tokens: RS256 only, {@code exp} required and ahead (no grace, no skew), no principal. */
    private static JWTAuthContextInfo verification() {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setSignatureAlgorithm(java.util.Set.of(SignatureAlgorithm.RS256));
        info.setExpGracePeriodSecs(0);
        info.setClockSkew(0);
        info.setRequireNamedPrincipal(false);
        info.setRequiredClaims(java.util.Set.of("uid", "exp"));
        return info;
    }

    /** The token lifetime (cookies expire with it). */
    public Duration lifetime() {
        return lifetime;
    }

    /** The {@code kid} of a compact JWS, read from its header without verifying anything. */
    private static Optional<String> kid(String token) {
        try {
            return Optional.ofNullable(JsonWebStructure.fromCompactSerialization(token).getKeyIdHeaderValue());
        } catch (JoseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private boolean unknownKid(String token) {
        if (token == null || token.length() > MAX_TOKEN_CHARS) {
            return false;
        }
        return kid(token).map(kid -> keys.verifier(kid).isEmpty()).orElse(false);
    }
}
