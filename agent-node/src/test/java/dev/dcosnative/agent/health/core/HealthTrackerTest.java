package dev.dcosnative.agent.health.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.mesos.v1.Protos.HealthCheck;
import org.junit.jupiter.api.Test;

import dev.dcosnative.agent.health.core.HealthTracker.Result;
import dev.dcosnative.agent.health.core.HealthTracker.Verdict;

class HealthTrackerTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Result OK = Result.success();
    private static final Result KO = Result.failure("connection refused");

    private static HealthCheckSpec spec(int consecutiveFailures, double graceSeconds) {
        return HealthCheckSpec.of(HealthCheck.newBuilder()
                .setType(HealthCheck.Type.TCP)
                .setTcp(HealthCheck.TCPCheckInfo.newBuilder().setPort(8080))
                .setDelaySeconds(5)
                .setIntervalSeconds(10)
                .setConsecutiveFailures(consecutiveFailures)
                .setGracePeriodSeconds(graceSeconds)
                .build());
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void checksStartAfterTheDelayAndFollowEachOtherByTheInterval() {
        HealthTracker tracker = new HealthTracker(spec(3, 0), T0);

        assertThat(tracker.firstCheckAt()).isEqualTo(at(5));
        assertThat(tracker.nextCheckAt(at(7))).isEqualTo(at(17));
    }

    @Test
    void theFirstResultIsReportedThenOnlyChanges() {
        HealthTracker tracker = new HealthTracker(spec(0, 0), T0);

        assertThat(tracker.record(at(5), OK).report()).contains(true);
        assertThat(tracker.record(at(15), OK).report()).isEmpty();
        assertThat(tracker.record(at(25), KO).report()).contains(false);
        assertThat(tracker.record(at(35), KO).report()).isEmpty();
        assertThat(tracker.record(at(45), KO).report()).isEmpty();
        assertThat(tracker.record(at(55), OK).report()).contains(true);
        assertThat(tracker.reported()).contains(true);
    }

    @Test
    void aFirstFailureOutsideTheGracePeriodIsReportedAsUnhealthy() {
        HealthTracker tracker = new HealthTracker(spec(3, 0), T0);

        Verdict verdict = tracker.record(at(5), KO);

        assertThat(verdict.report()).contains(false);
        assertThat(verdict.kill()).isFalse();
        assertThat(verdict.consecutiveFailures()).isEqualTo(1);
        assertThat(verdict.message()).isEqualTo("connection refused");
    }

    @Test
    void consecutiveFailuresKillTheTaskOnceAndThenNothingCounts() {
        HealthTracker tracker = new HealthTracker(spec(3, 0), T0);

        assertThat(tracker.record(at(5), KO).kill()).isFalse();
        assertThat(tracker.record(at(15), KO).kill()).isFalse();
        Verdict third = tracker.record(at(25), KO);
        Verdict after = tracker.record(at(35), OK);

        assertThat(third.kill()).isTrue();
        assertThat(third.report()).isEmpty();
        assertThat(third.consecutiveFailures()).isEqualTo(3);
        assertThat(tracker.done()).isTrue();
        assertThat(after.ignored()).isTrue();
        assertThat(after.report()).isEmpty();
        assertThat(after.kill()).isFalse();
    }

    @Test
    void aSuccessResetsTheConsecutiveFailures() {
        HealthTracker tracker = new HealthTracker(spec(2, 0), T0);

        tracker.record(at(5), KO);
        tracker.record(at(15), OK);
        Verdict verdict = tracker.record(at(25), KO);

        assertThat(verdict.kill()).isFalse();
        assertThat(verdict.consecutiveFailures()).isEqualTo(1);
        assertThat(tracker.record(at(35), KO).kill()).isTrue();
    }

    @Test
    void aHealthyTaskThatFailsEnoughIsReportedUnhealthyThenKilled() {
        HealthTracker tracker = new HealthTracker(spec(1, 0), T0);

        tracker.record(at(5), OK);
        Verdict verdict = tracker.record(at(15), KO);

        assertThat(verdict.report()).contains(false);
        assertThat(verdict.kill()).isTrue();
    }

    @Test
    void failuresInTheGracePeriodAreIgnoredUntilTheFirstSuccess() {
        HealthTracker tracker = new HealthTracker(spec(1, 30), T0);

        Verdict early = tracker.record(at(5), KO);
        Verdict atTheEdge = tracker.record(at(30), KO);

        assertThat(early.ignored()).isTrue();
        assertThat(early.report()).isEmpty();
        assertThat(early.kill()).isFalse();
        assertThat(atTheEdge.ignored()).isTrue();
        assertThat(tracker.reported()).isEmpty();

        assertThat(tracker.record(at(31), OK).report()).contains(true);
        // once healthy, failures count even within the grace period
        Verdict failure = tracker.record(at(32), KO);
        assertThat(failure.ignored()).isFalse();
        assertThat(failure.report()).contains(false);
        assertThat(failure.kill()).isTrue();
    }

    @Test
    void failuresAfterTheGracePeriodCount() {
        HealthTracker tracker = new HealthTracker(spec(2, 30), T0);

        tracker.record(at(10), KO);
        Verdict late = tracker.record(at(31), KO);

        assertThat(late.ignored()).isFalse();
        assertThat(late.report()).contains(false);
        assertThat(late.consecutiveFailures()).isEqualTo(1);
    }

    @Test
    void zeroConsecutiveFailuresNeverKills() {
        HealthTracker tracker = new HealthTracker(spec(0, 0), T0);

        for (int i = 0; i < 100; i++) {
            assertThat(tracker.record(at(5 + 10L * i), KO).kill()).isFalse();
        }
        assertThat(tracker.done()).isFalse();
    }

    @Test
    void reportsAlwaysAlternateWhateverTheResults() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        for (int run = 0; run < 200; run++) {
            HealthTracker tracker = new HealthTracker(spec(random.nextInt(0, 5), random.nextInt(0, 40)), T0);
            Optional<Boolean> last = Optional.empty();
            for (int i = 0; i < 50 && !tracker.done(); i++) {
                Verdict verdict = tracker.record(at(5 + i), random.nextBoolean() ? OK : KO);
                if (verdict.report().isPresent()) {
                    assertThat(verdict.report()).isNotEqualTo(last);
                    last = verdict.report();
                }
                assertThat(verdict.kill()).isEqualTo(tracker.done());
            }
        }
    }

    @Test
    void theSpecReadsTheMesosDefaults() {
        HealthCheckSpec spec = HealthCheckSpec.of(HealthCheck.newBuilder()
                .setType(HealthCheck.Type.HTTP)
                .setHttp(HealthCheck.HTTPCheckInfo.newBuilder().setPort(80))
                .build());

        assertThat(spec.delay()).isEqualTo(Duration.ofSeconds(15));
        assertThat(spec.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(spec.timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(spec.consecutiveFailures()).isEqualTo(3);
        assertThat(spec.gracePeriod()).isEqualTo(Duration.ofSeconds(10));
        assertThat(spec.probe()).isEqualTo(new HealthCheckSpec.Http("http", 80, "/", List.of()));
    }
}
