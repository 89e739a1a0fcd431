package dev.dcosnative.agent.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;

import io.quarkus.runtime.StartupEvent;

import dev.dcosnative.agent.AgentConfig;

/**
 * The masters' token signing keys, as the agent verifies DC/OS tokens with them: fetched from a master's
 * {@code /acs/api/v1/auth/jwks} at start (retried until a master answers), again every {@code jwks-refresh}, and at
 * once (at most every 10 s) when a token names a key the agent does not know yet — a rotation.
 */
@ApplicationScoped
public class MasterKeys {

    private static final Logger LOG = Logger.getLogger(MasterKeys.class);
    private static final Duration UNKNOWN_KEY_REFRESH = Duration.ofSeconds(10);

    private final AgentConfig config;
    private final Clock clock = Clock.systemUTC();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "master-keys");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile JwtConsumer consumer;
    private volatile Instant lastRefresh = Instant.MIN;

    public MasterKeys(AgentConfig config) {
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (!config.auth().enabled()) {
            return;
        }
        scheduler.execute(this::refresh);
        long period = config.auth().jwksRefresh().toMillis();
        scheduler.scheduleAtFixedRate(this::refresh, period, period, TimeUnit.MILLISECONDS);
    }

    /** True once keys were fetched: before that no token can be verified. */
    public boolean ready() {
        return consumer != null;
    }

    /** The uid of a valid token (RS256, signed by a master key, not expired, with a uid); empty otherwise. */
    public Optional<String> verify(String token) {
        JwtConsumer current = consumer;
        if (current == null) {
            return Optional.empty();
        }
        try {
            JwtClaims claims = current.processToClaims(token);
            Object uid = claims.getClaimValue("uid");
            return uid instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
        } catch (InvalidJwtException e) {
            if (e.getMessage() != null && e.getMessage().contains("Unable to find a suitable verification key")) {
                refreshSoon();
            }
            return Optional.empty();
        }
    }

    private void refreshSoon() {
        if (lastRefresh.plus(UNKNOWN_KEY_REFRESH).isBefore(clock.instant())) {
            scheduler.execute(this::refresh);
        }
    }

    private void refresh() {
        if (!refreshing.compareAndSet(false, true)) {
            return;
        }
        try {
            lastRefresh = clock.instant();
            for (int attempt = 0; consumer == null || attempt == 0; attempt++) {
                for (String master : masters()) {
                    try {
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(master
                                + "/acs/api/v1/auth/jwks")).timeout(Duration.ofSeconds(10)).GET().build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 200) {
                            JsonWebKeySet keys = new JsonWebKeySet(response.body());
                            consumer = new JwtConsumerBuilder()
                                    .setRequireExpirationTime()
                                    .setAllowedClockSkewInSeconds(30)
                                    .setSkipDefaultAudienceValidation()
                                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                                            AlgorithmIdentifiers.RSA_USING_SHA256)
                                    .setVerificationKeyResolver(new JwksVerificationKeyResolver(keys.getJsonWebKeys()))
                                    .build();
                            LOG.debugf("Fetched %d signing key(s) from %s", keys.getJsonWebKeys().size(), master);
                            return;
                        }
                    } catch (Exception e) {
                        LOG.debugf("No signing keys from %s: %s", master, e.getMessage());
                    }
                }
                if (consumer != null) {
                    return;
                }
                Thread.sleep(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            refreshing.set(false);
        }
    }

    private List<String> masters() {
        return config.masters().stream().map(m -> m.startsWith("http") ? m : "http://" + m).toList();
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
