package dev.dcosnative.agent.containerizer;

/**
 * How a container ended.
 *
 * @param exitCode the main process' exit code when it exited; null when it was ended by a signal or never ran
 * @param signal the signal that ended the main process; null when it exited or never ran
 * @param killed whether {@link Container#kill} was called for it (by this agent run or an earlier one)
 * @param reason why it ended
 * @param message a human-readable explanation, fit for a task status message
 */
public record Termination(Integer exitCode, Integer signal, boolean killed, Reason reason, String message) {

    /** Why a container ended, most specific first: a memory limit beats a kill, a kill beats a signal. */
    public enum Reason {
        /** The main process exited on its own (see {@link Termination#exitCode()}). */
        EXITED,
        /** The main process was ended by a signal nobody on the agent asked for (segfault, a kill by someone else). */
        SIGNALED,
        /**
         * The container was killed: {@link Container#kill} was called, or the containerizer destroyed it because it
         * lost track of its supervisor (then {@link Termination#killed()} is false and the message says so).
         */
        KILLED,
        /** The kernel OOM-killed a process of the container because it hit {@link Limits#memoryBytes()}. */
        MEMORY_LIMIT,
        /** The task never ran (its cgroups could not be joined, the agent stopped while launching, ...). */
        LAUNCH_FAILED
    }
}
