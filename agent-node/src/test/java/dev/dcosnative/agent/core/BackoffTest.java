package dev.dcosnative.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delaysStayUnderADoublingBoundCappedAtTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), new SplittableRandom(7));
        long[] bounds = { 1000, 2000, 4000, 8000, 10000, 10000 };
        for (long bound : bounds) {
            assertThat(backoff.next().toMillis()).isBetween(0L, bound);
        }
    }

    @Test
    void resetStartsOver() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(60), new SplittableRandom(1));
        for (int i = 0; i < 10; i++) {
            backoff.next();
        }
        backoff.reset();
        assertThat(backoff.next().toMillis()).isLessThanOrEqualTo(100);
    }
}
