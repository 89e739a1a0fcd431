package dev.dcosnative.agent.containerizer.core;

import java.util.Locale;
import java.util.Optional;

import dev.dcosnative.agent.containerizer.Termination;
import dev.dcosnative.agent.containerizer.Termination.Reason;

/** Decides a container's {@link Termination} from what its supervisor recorded and what its cgroups counted. */
public final class Terminations {

    private static final long MB = 1024 * 1024;

    private Terminations() {
    }

    /**
     * The termination of a container.
     *
     * @param status what the supervisor recorded; empty when it ended without recording anything (it was killed), and
     *        the containerizer destroyed the container
     * @param killed whether a kill was requested
     * @param memory the memory cgroup's counters ({@link MemoryOutcome#NONE} without one)
     */
    public static Termination decide(Optional<ExitStatus> status, boolean killed, MemoryOutcome memory) {
        if (status.isPresent() && status.get() instanceof ExitStatus.LaunchFailed failed) {
            return new Termination(null, null, killed, Reason.LAUNCH_FAILED, "Launch failed: " + failed.message());
        }
        Integer exitCode = status.isPresent() && status.get() instanceof ExitStatus.Exited exited ? exited.code()
                : null;
        Integer signal = status.isPresent() && status.get() instanceof ExitStatus.Signaled signaled
                ? signaled.signal()
                : null;
        if (memory.oomKills() > 0) {
            return new Termination(exitCode, signal, killed, Reason.MEMORY_LIMIT,
                    "Memory limit exceeded: requested " + megabytes(memory.limitBytes()) + ", maximum usage "
                            + megabytes(memory.maxUsageBytes()));
        }
        if (status.isEmpty()) {
            return new Termination(null, null, killed, Reason.KILLED, killed
                    ? "Container killed; its exit status was not recorded"
                    : "The container's supervisor ended without recording how the task ended; the container was destroyed");
        }
        String how = describe(status.get());
        if (killed) {
            return new Termination(exitCode, signal, true, Reason.KILLED, "Container killed: " + how);
        }
        return new Termination(exitCode, signal, false, signal != null ? Reason.SIGNALED : Reason.EXITED,
                Character.toUpperCase(how.charAt(0)) + how.substring(1));
    }

    /** "command exited with status 3", "command terminated by signal 15 (SIGTERM)". */
    static String describe(ExitStatus status) {
        if (status instanceof ExitStatus.Exited exited) {
            return "command exited with status " + exited.code();
        }
        if (status instanceof ExitStatus.Signaled signaled) {
            return "command terminated by signal " + signaled.signal() + " (" + Signals.name(signaled.signal()) + ")";
        }
        return "launch failed: " + ((ExitStatus.LaunchFailed) status).message();
    }

    /** "64MB", "1.5MB", "unlimited" for zero. */
    static String megabytes(long bytes) {
        if (bytes <= 0) {
            return "unlimited";
        }
        if (bytes % MB == 0) {
            return bytes / MB + "MB";
        }
        return String.format(Locale.ROOT, "%.1fMB", (double) bytes / MB);
    }
}
