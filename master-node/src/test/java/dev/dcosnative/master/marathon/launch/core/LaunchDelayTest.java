package dev.dcosnative.master.marathon.launch.core;

import static dev.dcosnative.master.marathon.launch.core.Fixtures.app;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.dcosnative.shared.marathon.App;

class LaunchDelayTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void theDelayGrowsByTheFactorFromTheBackoff() {
        assertThat(LaunchDelay.delayAfter(0, 1, 1.15, 300)).isZero();
        assertThat(LaunchDelay.delayAfter(1, 1, 1.15, 300)).isEqualTo(Duration.ofSeconds(1));
        assertThat(LaunchDelay.delayAfter(2, 1, 1.15, 300)).isEqualTo(Duration.ofMillis(1150));
        assertThat(LaunchDelay.delayAfter(3, 1, 1.15, 300)).isEqualTo(Duration.ofNanos(1_322_500_000));
        assertThat(LaunchDelay.delayAfter(4, 10, 2, 300)).isEqualTo(Duration.ofSeconds(80));
    }

    @Test
    void theDelayIsCappedAtTheMaximum() {
        assertThat(LaunchDelay.delayAfter(6, 10, 2, 300)).isEqualTo(Duration.ofSeconds(300));
        assertThat(LaunchDelay.delayAfter(10_000, 1, 1.15, 300)).isEqualTo(Duration.ofSeconds(300));
        for (int n = 1; n < 200; n++) {
            assertThat(LaunchDelay.delayAfter(n + 1, 1, 1.15, 300))
                    .isGreaterThanOrEqualTo(LaunchDelay.delayAfter(n, 1, 1.15, 300))
                    .isLessThanOrEqualTo(Duration.ofSeconds(300));
        }
    }

    @Test
    void eachFailureDelaysTheAppFromThen() {
        App app = app("{'id':'/a','cmd':'x','backoffSeconds':2,'backoffFactor':3,'maxLaunchDelaySeconds':60}");
        LaunchDelay first = LaunchDelay.NONE.failed(app, T0);
        assertThat(first.failures()).isEqualTo(1);
        assertThat(first.until()).isEqualTo(T0.plusSeconds(2));
        assertThat(first.isDelayed(T0.plusSeconds(1))).isTrue();
        assertThat(first.remaining(T0.plusSeconds(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(first.isDelayed(T0.plusSeconds(2))).isFalse();

        LaunchDelay second = first.failed(app, T0.plusSeconds(10));
        assertThat(second.current()).isEqualTo(Duration.ofSeconds(6));
        assertThat(second.until()).isEqualTo(T0.plusSeconds(16));
        LaunchDelay capped = second.failed(app, T0).failed(app, T0).failed(app, T0);
        assertThat(capped.current()).isEqualTo(Duration.ofSeconds(60));

        assertThat(capped.reset()).isEqualTo(LaunchDelay.NONE);
        assertThat(LaunchDelay.NONE.isDelayed(T0)).isFalse();
        assertThat(LaunchDelay.NONE.remaining(T0)).isZero();
    }

    @Test
    void aDelayLongOverIsForgotten() {
        App app = app("{'id':'/a','cmd':'x','backoffSeconds':1,'maxLaunchDelaySeconds':60}");
        LaunchDelay delay = LaunchDelay.NONE.failed(app, T0);
        assertThat(delay.isOverdue(app, T0.plusSeconds(30))).isFalse();
        assertThat(delay.isOverdue(app, T0.plusSeconds(62))).isTrue();
        assertThat(LaunchDelay.NONE.isOverdue(app, T0)).isFalse();
    }

    @Test
    void normalizedDefaultsGiveMarathonsBackoff() {
        App app = app("{'id':'/a','cmd':'x'}");
        assertThat(LaunchDelay.delayAfter(app, 1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(LaunchDelay.delayAfter(app, 100)).isEqualTo(Duration.ofSeconds(300));
    }
}
