package dev.dcosnative.agent.registration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import org.apache.mesos.v1.Protos.AgentInfo;
import org.jboss.logging.Logger;

/**
 * The agent's checkpointed identity, laid out as a Mesos agent lays it out: {@code <work_dir>/meta/slaves/<id>/slave.info}
 * (the AgentInfo, protobuf) and {@code <work_dir>/meta/slaves/latest}, a symlink to the current one. A restarted agent
 * re-registers under the id it finds here. Writes are atomic (temporary file or link, then rename).
 */
public final class AgentCheckpoint {

    private static final Logger LOG = Logger.getLogger(AgentCheckpoint.class);

    private final Path slaves;

    public AgentCheckpoint(Path workDir) {
        this.slaves = workDir.resolve("meta").resolve("slaves");
    }

    /** The checkpointed AgentInfo, if a previous run registered. An unreadable checkpoint is logged and ignored. */
    public Optional<AgentInfo> recover() {
        Path latest = slaves.resolve("latest");
        Path info = latest.resolve("slave.info");
        if (!Files.exists(info)) {
            return Optional.empty();
        }
        try {
            AgentInfo recovered = AgentInfo.parseFrom(Files.readAllBytes(info));
            return recovered.hasId() ? Optional.of(recovered) : Optional.empty();
        } catch (IOException e) {
            LOG.warnf("Ignoring the unreadable agent checkpoint %s: %s", info, e.getMessage());
            return Optional.empty();
        }
    }

    /** Records the AgentInfo (with its id) the master admitted. */
    public void checkpoint(AgentInfo info) {
        try {
            Path dir = slaves.resolve(info.getId().getValue());
            Files.createDirectories(dir);
            Path tmp = dir.resolve("slave.info.tmp");
            Files.write(tmp, info.toByteArray());
            move(tmp, dir.resolve("slave.info"));
            Path link = slaves.resolve("latest.tmp");
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, dir.getFileName());
            move(link, slaves.resolve("latest"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot checkpoint the agent id under " + slaves, e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
