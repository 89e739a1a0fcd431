package dev.dcosnative.agent.task;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.jboss.logging.Logger;

import com.google.protobuf.ByteString;

import dev.dcosnative.agent.registration.MasterLink;
import dev.dcosnative.agent.task.core.StatusUpdateStream;

/**
 * The agent's status update manager: every task's updates are checkpointed, then delivered to the master in order and
 * resent — at once after each (re-)registration, and with a doubling interval otherwise — until the framework's
 * acknowledgement comes back through the master. Used on the agent actor only.
 */
final class StatusUpdates {

    private static final Logger LOG = Logger.getLogger(StatusUpdates.class);

    /** One task's stream and where its checkpoint lives. */
    private static final class Entry {
        final String frameworkId;
        final String taskId;
        final Path metaRun;
        final StatusUpdateStream stream;
        Instant nextAttempt = Instant.MIN;
        Duration interval;

        Entry(String frameworkId, String taskId, Path metaRun, StatusUpdateStream stream, Duration interval) {
            this.frameworkId = frameworkId;
            this.taskId = taskId;
            this.metaRun = metaRun;
            this.stream = stream;
            this.interval = interval;
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final TaskCheckpoint checkpoint;
    private final MasterLink link;
    private final Duration firstRetry;
    private final Duration maxRetry;
    private final Consumer<String> completed;

    /**
     * @param completed called with the task key ({@code framework/task}) once its terminal update is acknowledged
     */
    StatusUpdates(TaskCheckpoint checkpoint, MasterLink link, Duration firstRetry, Duration maxRetry,
            Consumer<String> completed) {
        this.checkpoint = checkpoint;
        this.link = link;
        this.firstRetry = firstRetry;
        this.maxRetry = maxRetry;
        this.completed = completed;
    }

    static String key(String frameworkId, String taskId) {
        return frameworkId + "/" + taskId;
    }

    /** Takes over a stream replayed from the checkpoint (after an agent restart). */
    void recovered(String frameworkId, String taskId, Path metaRun, StatusUpdateStream stream) {
        entries.put(key(frameworkId, taskId), new Entry(frameworkId, taskId, metaRun, stream, firstRetry));
    }

    /**
     * A new update of a task: given a uuid and a timestamp, checkpointed, then sent if it is the task's oldest
     * unacknowledged one. Returns false (and changes nothing) after the task's terminal update.
     */
    boolean submit(String frameworkId, Path metaRun, TaskStatus status) {
        String taskId = status.getTaskId().getValue();
        Entry entry = entries.computeIfAbsent(key(frameworkId, taskId),
                k -> new Entry(frameworkId, taskId, metaRun, new StatusUpdateStream(), firstRetry));
        if (entry.stream.terminated()) {
            return false;
        }
        TaskStatus update = status.toBuilder()
                .setUuid(uuid())
                .setTimestamp(Instant.now().toEpochMilli() / 1000.0)
                .build();
        checkpoint.update(metaRun, taskId, update);
        entry.stream.add(update);
        if (entry.stream.pendingCount() == 1) {
            send(entry, Instant.now());
        }
        return true;
    }

    /** The master forwarded the framework's acknowledgement of {@code uuid}. */
    void acknowledge(String frameworkId, String taskId, ByteString uuid) {
        Entry entry = entries.get(key(frameworkId, taskId));
        if (entry == null || !entry.stream.acknowledge(uuid)) {
            LOG.debugf("Ignoring a duplicate or stale acknowledgement for task %s", taskId);
            return;
        }
        checkpoint.acknowledgement(entry.metaRun, taskId, uuid);
        entry.interval = firstRetry;
        if (entry.stream.completed()) {
            entries.remove(key(frameworkId, taskId));
            completed.accept(key(frameworkId, taskId));
        } else if (entry.stream.head().isPresent()) {
            send(entry, Instant.now());
        }
    }

    /** After (re-)registration: every pending update is resent now. */
    void resendAll() {
        Instant now = Instant.now();
        for (Entry entry : entries.values()) {
            entry.interval = firstRetry;
            if (entry.stream.head().isPresent()) {
                send(entry, now);
            }
        }
    }

    /** Resends the updates whose retry time has come. */
    void retry() {
        Instant now = Instant.now();
        for (Entry entry : entries.values()) {
            if (entry.stream.head().isPresent() && !now.isBefore(entry.nextAttempt)) {
                Duration doubled = entry.interval.multipliedBy(2);
                entry.interval = doubled.compareTo(maxRetry) > 0 ? maxRetry : doubled;
                send(entry, now);
            }
        }
    }

    /** The task's stream, if it has one (its latest state is the task's). */
    StatusUpdateStream stream(String frameworkId, String taskId) {
        Entry entry = entries.get(key(frameworkId, taskId));
        return entry == null ? null : entry.stream;
    }

    private void send(Entry entry, Instant now) {
        TaskStatus head = entry.stream.head().orElseThrow();
        entry.nextAttempt = now.plus(entry.interval);
        LOG.debugf("Sending %s of task %s (%d pending)", head.getState(), entry.taskId, entry.stream.pendingCount());
        link.sendStatusUpdate(FrameworkID.newBuilder().setValue(entry.frameworkId).build(), head);
    }

    private static ByteString uuid() {
        UUID uuid = UUID.randomUUID();
        byte[] bytes = new byte[16];
        long msb = uuid.getMostSignificantBits();
        long lsb = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (msb >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (lsb >>> (56 - 8 * i));
        }
        return ByteString.copyFrom(bytes);
    }
}
