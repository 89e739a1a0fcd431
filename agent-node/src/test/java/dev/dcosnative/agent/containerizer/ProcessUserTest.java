package dev.dcosnative.agent.containerizer;

import static dev.dcosnative.agent.containerizer.ContainerFixture.await;
import static dev.dcosnative.agent.containerizer.ContainerFixture.cgroupDir;
import static dev.dcosnative.agent.containerizer.ContainerFixture.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.dcosnative.agent.containerizer.core.SupervisorScripts;

/** Tasks run as the user they ask for. */
class ProcessUserTest {

    private ContainerFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new ContainerFixture();
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @AfterAll
    static void removeParentCgroups() {
        ContainerFixture.removeParentCgroups();
    }

    @Test
    void aTaskRunsAsNobody() throws Exception {
        Assumptions.assumeTrue(Procs.isRoot(), "switching users needs root");
        ProcessContainerizer containerizer = fixture.containerizer(
                ContainerFixture.cgroupsAvailable() ? "cgroups" : "none");
        LaunchSpec spec = fixture.shell("id -u; id -g; touch written-by-the-task", Limits.NONE,
                Optional.of("nobody"));

        Termination termination = await(containerizer.launch(spec), 10);

        assertThat(termination.exitCode()).isZero();
        assertThat(read(spec.sandbox().resolve("stdout"))).isEqualTo("65534\n65534\n");
        assertThat(Files.getAttribute(spec.sandbox(), "unix:uid")).isEqualTo(65534);
        assertThat(Files.getAttribute(spec.sandbox().resolve("written-by-the-task"), "unix:uid")).isEqualTo(65534);
    }

    @Test
    void anUnknownUserFailsTheLaunchBeforeAnythingStarts() throws Exception {
        ProcessContainerizer containerizer = fixture.containerizer(
                ContainerFixture.cgroupsAvailable() ? "cgroups" : "none");
        LaunchSpec spec = fixture.shell("true", Limits.NONE, Optional.of("no-such-user-here"));

        assertThatThrownBy(() -> containerizer.launch(spec)).isInstanceOf(ContainerException.class)
                .hasMessage("user 'no-such-user-here' does not exist on this agent");
        assertThat(spec.runDir().resolve(SupervisorScripts.CHECKPOINT)).doesNotExist();
        assertThat(cgroupDir("memory", spec.containerId())).doesNotExist();
    }

    @Test
    void anInvalidUserNameIsRefused() throws Exception {
        ProcessContainerizer containerizer = fixture.containerizer("none");

        assertThatThrownBy(() -> containerizer.launch(fixture.shell("true", Limits.NONE, Optional.of("-x"))))
                .isInstanceOf(ContainerException.class).hasMessage("invalid user name '-x'");
    }
}
