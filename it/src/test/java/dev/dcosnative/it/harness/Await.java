package dev.dcosnative.it.harness;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Polls a condition until it holds; the failure names what was awaited and the last value seen. */
public final class Await {

    private Await() {
    }

    public static <T> T until(String what, Duration timeout, Supplier<T> probe, java.util.function.Predicate<T> done) {
        Instant deadline = Instant.now().plus(timeout);
        T last = null;
        Throwable lastError = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = probe.get();
                if (done.test(last)) {
                    return last;
                }
                lastError = null;
            } catch (RuntimeException e) {
                lastError = e;
            }
            sleep(Duration.ofMillis(200));
        }
        AssertionError failure = new AssertionError("timed out after " + timeout + " waiting for " + what
                + "; last seen: " + last);
        if (lastError != null) {
            failure.initCause(lastError);
        }
        throw failure;
    }

    public static void until(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
        until(what, timeout, condition::getAsBoolean, b -> b);
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
