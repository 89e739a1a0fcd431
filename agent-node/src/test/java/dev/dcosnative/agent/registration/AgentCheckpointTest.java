package dev.dcosnative.agent.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentCheckpointTest {

    @TempDir
    Path workDir;

    private static AgentInfo info(String id) {
        return AgentInfo.newBuilder().setHostname("10.0.0.2").setId(AgentID.newBuilder().setValue(id)).build();
    }

    @Test
    void aFreshWorkDirHasNoIdentity() {
        assertThat(new AgentCheckpoint(workDir).recover()).isEmpty();
    }

    @Test
    void theLatestCheckpointWinsAndIsLaidOutAsMesosLaysItOut() {
        new AgentCheckpoint(workDir).checkpoint(info("M-S0"));
        new AgentCheckpoint(workDir).checkpoint(info("M-S7"));

        assertThat(new AgentCheckpoint(workDir).recover()).contains(info("M-S7"));
        Path slaves = workDir.resolve("meta/slaves");
        assertThat(Files.isSymbolicLink(slaves.resolve("latest"))).isTrue();
        assertThat(slaves.resolve("M-S0/slave.info")).exists();
        assertThat(slaves.resolve("latest/slave.info")).exists();
    }

    @Test
    void aCorruptCheckpointIsIgnored() throws Exception {
        Path dir = workDir.resolve("meta/slaves/X");
        Files.createDirectories(dir);
        Files.write(dir.resolve("slave.info"), new byte[] { (byte) 0xff, 0x01 });
        Files.createSymbolicLink(workDir.resolve("meta/slaves/latest"), Path.of("X"));

        assertThat(new AgentCheckpoint(workDir).recover()).isEmpty();
    }
}
