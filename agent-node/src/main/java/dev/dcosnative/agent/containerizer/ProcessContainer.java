package dev.dcosnative.agent.containerizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import dev.dcosnative.agent.containerizer.Isolator.Isolation;
import dev.dcosnative.agent.containerizer.core.Checkpoint;
import dev.dcosnative.agent.containerizer.core.ExitStatus;
import dev.dcosnative.agent.containerizer.core.MemoryOutcome;
import dev.dcosnative.agent.containerizer.core.SupervisorScripts;
import dev.dcosnative.agent.containerizer.core.Terminations;

/** A container of the {@link ProcessContainerizer}, launched or recovered. */
final class ProcessContainer implements Container {

    private static final Logger LOG = Logger.getLogger(ProcessContainer.class);

    private final ProcessContainerizer owner;
    private final Path runDir;
    private final Checkpoint checkpoint;
    private final Isolation isolation;
    private final boolean polled;
    private final CompletableFuture<Termination> termination = new CompletableFuture<>();
    private final AtomicBoolean finishing = new AtomicBoolean();
    private volatile boolean killed;
    private volatile boolean oomKilled;
    private long killDueNanos;
    private ScheduledFuture<?> sigkill;

    /**
     * @param polled whether the supervisor is not this JVM's child, so its end is noticed by polling {@code /proc}
     */
    ProcessContainer(ProcessContainerizer owner, Path runDir, Checkpoint checkpoint, Isolation isolation,
            boolean polled) {
        this.owner = owner;
        this.runDir = runDir;
        this.checkpoint = checkpoint;
        this.isolation = isolation;
        this.polled = polled;
    }

    @Override
    public String id() {
        return checkpoint.containerId();
    }

    @Override
    public long pid() {
        return checkpoint.taskPid();
    }

    @Override
    public CompletableFuture<Termination> termination() {
        return termination.copy();
    }

    @Override
    public void kill(Duration grace) {
        long graceNanos = Math.max(0, grace.toNanos());
        synchronized (this) {
            if (termination.isDone() || owner.abandoned()) {
                return;
            }
            long due = System.nanoTime() + graceNanos;
            boolean first = !killed;
            if (!first && due - killDueNanos >= 0) { // a later SIGKILL than the one already due
                return;
            }
            killed = true;
            killDueNanos = due;
            try {
                ProcessContainerizer.writeAtomically(runDir.resolve(SupervisorScripts.KILL),
                        Long.toString(System.currentTimeMillis() + graceNanos / 1_000_000) + "\n");
            } catch (IOException e) {
                LOG.warnf("Cannot record the kill of container %s in %s: %s", id(), runDir, e.getMessage());
            }
            if (sigkill != null) {
                sigkill.cancel(false);
            }
            try {
                if (first && graceNanos > 0) {
                    owner.workers.execute(this::terminate);
                }
                sigkill = owner.timers.schedule(() -> owner.workers.execute(this::killAll), graceNanos,
                        TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // the containerizer was abandoned meanwhile
            }
        }
        LOG.infof("Killing container %s (grace %s)", id(), grace);
    }

    @Override
    public ResourceUsage usage() {
        return termination.isDone() ? ResourceUsage.ZERO : isolation.usage();
    }

    @Override
    public String toString() {
        return "container " + id() + " (task pid " + pid() + ")";
    }

    Path runDir() {
        return runDir;
    }

    Checkpoint checkpoint() {
        return checkpoint;
    }

    boolean polled() {
        return polled;
    }

    /** A kill recorded by an earlier agent run that did not see it through: SIGKILL when it was due. */
    void resumeKill() {
        Path marker = runDir.resolve(SupervisorScripts.KILL);
        if (!Files.exists(marker)) {
            return;
        }
        long dueMillis;
        try {
            dueMillis = Long.parseLong(Files.readString(marker).trim());
        } catch (IOException | NumberFormatException e) {
            dueMillis = 0;
        }
        kill(Duration.ofMillis(Math.max(0, dueMillis - System.currentTimeMillis())));
    }

    /** Kills the container at once when the kernel OOM-killed one of its processes (Mesos' memory limitation). */
    void checkMemory() {
        if (oomKilled || finishing.get() || checkpoint.memoryLimitBytes() <= 0
                || !checkpoint.isolation().equals(Checkpoint.CGROUPS_V1)) {
            return;
        }
        if (isolation.memoryOutcome(checkpoint.memoryLimitBytes()).oomKills() > 0) {
            oomKilled = true;
            LOG.infof("Container %s hit its memory limit of %d bytes: killing it", id(),
                    checkpoint.memoryLimitBytes());
            owner.workers.execute(this::killAll);
        }
    }

    private void terminate() {
        if (!finishing.get() && !owner.abandoned()) {
            isolation.terminate();
        }
    }

    private void killAll() {
        if (!finishing.get() && !owner.abandoned()) {
            isolation.killAll(ProcessContainerizer.KILL_TIMEOUT);
        }
    }

    /** The supervisor ended: the task ended and its status is recorded (or the supervisor was killed). */
    void supervisorEnded() {
        if (!owner.abandoned()) {
            finish(true);
        }
    }

    /**
     * Completes the termination: reads the recorded status and the memory counters, kills what is left of the
     * container, removes its cgroups. Runs once.
     *
     * @param sameBoot false after a reboot: the container's processes and cgroups are gone with it, and its pids may
     *        name other processes now, so nothing is signalled
     */
    void finish(boolean sameBoot) {
        if (!finishing.compareAndSet(false, true)) {
            return;
        }
        Termination result;
        try {
            Optional<ExitStatus> status = ProcessContainerizer.readStatus(runDir);
            MemoryOutcome memory = sameBoot ? isolation.memoryOutcome(checkpoint.memoryLimitBytes())
                    : MemoryOutcome.NONE;
            if (sameBoot) {
                isolation.killAll(ProcessContainerizer.KILL_TIMEOUT);
            }
            isolation.cleanup();
            if (status.isEmpty() && !Files.exists(runDir.resolve(SupervisorScripts.TASK_PID))) {
                status = Optional.of(new ExitStatus.LaunchFailed("the agent stopped while launching the container"));
            }
            boolean wasKilled = killed || Files.exists(runDir.resolve(SupervisorScripts.KILL));
            result = Terminations.decide(status, wasKilled, memory);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Cannot finish container %s cleanly", id());
            result = new Termination(null, null, killed, Termination.Reason.KILLED,
                    "The container could not be cleaned up: " + e);
        }
        synchronized (this) {
            if (sigkill != null) {
                sigkill.cancel(false);
            }
        }
        owner.forget(this);
        LOG.infof("Container %s ended: %s", id(), result.message());
        termination.complete(result);
    }
}
