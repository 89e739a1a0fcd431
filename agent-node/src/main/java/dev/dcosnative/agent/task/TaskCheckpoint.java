package dev.dcosnative.agent.task;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.jboss.logging.Logger;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import dev.dcosnative.agent.task.core.SandboxLayout;
import dev.dcosnative.agent.task.core.StatusUpdateStream;
import dev.dcosnative.shared.recordio.RecordIO;

/**
 * The agent's checkpoints of frameworks, executors, tasks and their status updates (see {@link SandboxLayout}). Info
 * files are written whole and renamed into place; {@code task.updates} is an append-only RecordIO log of protobuf
 * TaskStatus records (updates) and 16-byte uuid records (acknowledgements) that rebuilds the task's
 * {@link StatusUpdateStream}. Blocking; used on the agent actor.
 */
final class TaskCheckpoint {

    private static final Logger LOG = Logger.getLogger(TaskCheckpoint.class);
    private static final byte UPDATE = 'U';
    private static final byte ACK = 'A';

    private final SandboxLayout layout;

    TaskCheckpoint(SandboxLayout layout) {
        this.layout = layout;
    }

    /** A task found in the checkpoints of a previous run of the agent. */
    record Recovered(FrameworkInfo framework, ExecutorInfo executor, TaskInfo task, String executorId,
            String runId, String containerId, Path metaRun, StatusUpdateStream updates) {
    }

    void framework(String agentId, FrameworkInfo framework) {
        write(layout.metaFramework(agentId, framework.getId().getValue()).resolve("framework.info"),
                framework.toByteArray());
    }

    void executor(String agentId, String frameworkId, ExecutorInfo executor) {
        write(layout.metaExecutor(agentId, frameworkId, executor.getExecutorId().getValue()).resolve(
                "executor.info"), executor.toByteArray());
    }

    void task(Path metaRun, TaskInfo task, String containerId) {
        Path dir = layout.metaTask(metaRun, task.getTaskId().getValue());
        write(dir.resolve("task.info"), task.toByteArray());
        write(dir.resolve("container.id"), containerId.getBytes(StandardCharsets.US_ASCII));
    }

    void update(Path metaRun, String taskId, TaskStatus status) {
        append(metaRun, taskId, UPDATE, status.toByteArray());
    }

    void acknowledgement(Path metaRun, String taskId, ByteString uuid) {
        append(metaRun, taskId, ACK, uuid.toByteArray());
    }

    /** Every task of every run in the agent's checkpoints, with its replayed update stream. */
    List<Recovered> recover(String agentId) {
        List<Recovered> recovered = new ArrayList<>();
        Path frameworks = layout.metaAgent(agentId).resolve("frameworks");
        for (Path frameworkDir : children(frameworks)) {
            Optional<FrameworkInfo> framework = read(frameworkDir.resolve("framework.info"), FrameworkInfo.parser());
            if (framework.isEmpty()) {
                continue;
            }
            for (Path executorDir : children(frameworkDir.resolve("executors"))) {
                ExecutorInfo executor = read(executorDir.resolve("executor.info"), ExecutorInfo.parser()).orElse(null);
                for (Path runDir : children(executorDir.resolve("runs"))) {
                    for (Path taskDir : children(runDir.resolve("tasks"))) {
                        Optional<TaskInfo> task = read(taskDir.resolve("task.info"), TaskInfo.parser());
                        String containerId = readText(taskDir.resolve("container.id"));
                        if (task.isEmpty() || containerId == null) {
                            continue;
                        }
                        recovered.add(new Recovered(framework.get(), executor, task.get(),
                                executorDir.getFileName().toString(), runDir.getFileName().toString(), containerId,
                                runDir, replay(taskDir.resolve("task.updates"))));
                    }
                }
            }
        }
        return recovered;
    }

    /** Removes the checkpoint of a run whose tasks are all over and acknowledged. */
    void forget(Path metaRun) {
        try (Stream<Path> paths = Files.walk(metaRun)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.debugf("Cannot remove the checkpoint %s: %s", metaRun, e.getMessage());
        }
    }

    private StatusUpdateStream replay(Path log) {
        StatusUpdateStream stream = new StatusUpdateStream();
        if (!Files.exists(log)) {
            return stream;
        }
        try {
            RecordIO.Decoder decoder = new RecordIO.Decoder();
            for (byte[] record : decoder.feed(Files.readAllBytes(log))) {
                if (record[0] == UPDATE) {
                    stream.add(TaskStatus.parseFrom(ByteString.copyFrom(record, 1, record.length - 1)));
                } else if (record[0] == ACK) {
                    stream.acknowledge(ByteString.copyFrom(record, 1, record.length - 1));
                }
            }
        } catch (IOException | RuntimeException e) {
            // a torn last record (the agent died mid-append) is dropped; what came before stands
            LOG.warnf("The status update log %s ends with an unreadable record: %s", log, e.getMessage());
        }
        return stream;
    }

    private static void append(Path metaRun, String taskId, byte kind, byte[] payload) {
        Path log = metaRun.resolve("tasks").resolve(taskId).resolve("task.updates");
        ByteArrayOutputStream record = new ByteArrayOutputStream(payload.length + 1);
        record.write(kind);
        record.writeBytes(payload);
        try {
            Files.createDirectories(log.getParent());
            try (OutputStream out = Files.newOutputStream(log, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                out.write(RecordIO.frame(record.toByteArray()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot checkpoint a status update of task " + taskId, e);
        }
    }

    private static void write(Path file, byte[] data) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, data);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot checkpoint " + file, e);
        }
    }

    private static <T> Optional<T> read(Path file, com.google.protobuf.Parser<T> parser) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.parseFrom(Files.readAllBytes(file)));
        } catch (InvalidProtocolBufferException e) {
            LOG.warnf("Ignoring the unreadable checkpoint %s: %s", file, e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readText(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.US_ASCII).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).filter(p -> !Files.isSymbolicLink(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String base64(ByteString uuid) {
        return Base64.getEncoder().encodeToString(uuid.toByteArray());
    }
}
