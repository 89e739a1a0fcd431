package dev.dcosnative.shared.mesos;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import org.apache.mesos.v1.Protos.TimeInfo;

/** Time in the shapes Mesos uses: TimeInfo nanoseconds, float seconds, and flag durations like {@code 15secs}. */
public final class MesosTime {

    private MesosTime() {
    }

    public static long nanos(Instant time) {
        return time.getEpochSecond() * 1_000_000_000L + time.getNano();
    }

    public static TimeInfo timeInfo(Instant time) {
        return TimeInfo.newBuilder().setNanoseconds(nanos(time)).build();
    }

    /** Seconds since the epoch with a fraction, as the legacy JSON writes times. */
    public static double seconds(Instant time) {
        return time.getEpochSecond() + time.getNano() / 1e9;
    }

    /** The same as an exact decimal, which JSON prints plainly ({@code 1795248860.936758}) as Mesos does. */
    public static BigDecimal decimalSeconds(Instant time) {
        BigDecimal seconds = BigDecimal.valueOf(time.getEpochSecond())
                .add(BigDecimal.valueOf(time.getNano(), 9))
                .stripTrailingZeros();
        return seconds.scale() < 0 ? seconds.setScale(0) : seconds;
    }

    /** A duration as Mesos prints flags: the largest unit that divides it ({@code 15secs}, {@code 10mins}). */
    public static String flag(Duration duration) {
        long nanos = duration.toNanos();
        long[] sizes = { 604_800_000_000_000L, 86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L,
                1_000_000_000L, 1_000_000L, 1_000L };
        String[] units = { "weeks", "days", "hrs", "mins", "secs", "ms", "us" };
        for (int i = 0; i < sizes.length; i++) {
            if (nanos != 0 && nanos % sizes[i] == 0) {
                return nanos / sizes[i] + units[i];
            }
        }
        return nanos + "ns";
    }
}
