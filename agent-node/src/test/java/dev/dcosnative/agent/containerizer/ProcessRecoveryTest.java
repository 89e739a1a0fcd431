package dev.dcosnative.agent.containerizer;

import static dev.dcosnative.agent.containerizer.ContainerFixture.await;
import static dev.dcosnative.agent.containerizer.ContainerFixture.cgroupDir;
import static dev.dcosnative.agent.containerizer.ContainerFixture.eventually;
import static dev.dcosnative.agent.containerizer.ContainerFixture.running;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.dcosnative.agent.containerizer.Termination.Reason;
import dev.dcosnative.agent.containerizer.core.SupervisorScripts;

/**
 * A restarted agent finds its containers again. Containerizer A plays the agent that dies (abandoned: it stops
 * watching and never touches its containers again, as a SIGKILLed JVM would); B is the restarted agent.
 */
class ProcessRecoveryTest {

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

    @ParameterizedTest
    @ValueSource(strings = { "cgroups", "none" })
    void aRunningContainerIsRecoveredAndCanBeKilled(String isolation) throws Exception {
        ProcessContainerizer a = fixture.containerizer(isolation);
        LaunchSpec spec = fixture.shell("sleep 600", new Limits(0.5, 64 * 1024 * 1024, 100, false));
        Container launched = a.launch(spec);
        a.abandon();

        ProcessContainerizer b = fixture.containerizer(isolation);
        Container recovered = b.recover(spec.runDir()).orElseThrow();

        assertThat(recovered.id()).isEqualTo(spec.containerId());
        assertThat(recovered.pid()).isEqualTo(launched.pid());
        assertThat(recovered.termination()).isNotDone();
        assertThat(running(recovered.pid())).isTrue();
        if (isolation.equals("cgroups")) {
            assertThat(recovered.usage().pids()).isPositive();
        }

        recovered.kill(Duration.ofSeconds(1));
        Termination termination = await(recovered, 5);

        assertThat(termination.killed()).isTrue();
        assertThat(termination.reason()).isEqualTo(Reason.KILLED);
        assertThat(termination.signal()).isEqualTo(15);
        assertThat(launched.termination()).isNotDone(); // A is gone for good
        assertThat(cgroupDir("memory", spec.containerId())).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = { "cgroups", "none" })
    void aTaskSurvivesTheAgentJvmBeingSigkilled(String isolation) throws Exception {
        fixture.containerizer(isolation); // skips without cgroups
        LaunchSpec spec = fixture.shell("unused", Limits.NONE);
        Process agent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), AgentStandIn.class.getName(), isolation,
                ContainerFixture.CGROUP_PARENT, spec.containerId(), spec.sandbox().toString(),
                spec.runDir().toString(), "sleep 600").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8));
        String line;
        try {
            line = CompletableFuture.supplyAsync(() -> readLine(out)).get(30, TimeUnit.SECONDS);
        } finally {
            agent.destroyForcibly(); // SIGKILL
        }
        assertThat(agent.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(agent.exitValue()).isEqualTo(137);
        assertThat(line).startsWith("launched ");
        long taskPid = Long.parseLong(line.substring("launched ".length()));
        Thread.sleep(300);
        assertThat(running(taskPid)).isTrue();

        Container recovered = fixture.containerizer(isolation).recover(spec.runDir()).orElseThrow();
        assertThat(recovered.pid()).isEqualTo(taskPid);
        assertThat(recovered.termination()).isNotDone();
        recovered.kill(Duration.ofSeconds(1));

        assertThat(await(recovered, 5).signal()).isEqualTo(15);
        assertThat(running(taskPid)).isFalse();
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "cgroups", "none" })
    void aContainerThatEndedWhileTheAgentWasAwayComesBackCompleted(String isolation) throws Exception {
        ProcessContainerizer a = fixture.containerizer(isolation);
        LaunchSpec spec = fixture.shell("sleep 1; exit 7", Limits.NONE);
        a.launch(spec);
        a.abandon();
        eventually(Duration.ofSeconds(5), () -> Files.exists(spec.runDir().resolve(SupervisorScripts.STATUS)));
        Thread.sleep(1000);

        Container recovered = fixture.containerizer(isolation).recover(spec.runDir()).orElseThrow();

        assertThat(recovered.termination()).isDone();
        assertThat(recovered.termination().join()).isEqualTo(
                new Termination(7, null, false, Reason.EXITED, "Command exited with status 7"));
        assertThat(cgroupDir("memory", spec.containerId())).doesNotExist();
        assertThat(cgroupDir("freezer", spec.containerId())).doesNotExist();
    }

    @Test
    void aKillInterruptedByTheAgentsDeathIsCarriedThrough() throws Exception {
        ProcessContainerizer a = fixture.containerizer("none");
        LaunchSpec spec = fixture.shell("trap '' TERM; echo trapped; sleep 600", Limits.NONE);
        Container launched = a.launch(spec);
        eventually(Duration.ofSeconds(5), () -> {
            try {
                return Files.readString(spec.sandbox().resolve("stdout")).contains("trapped");
            } catch (IOException e) {
                return false;
            }
        });
        launched.kill(Duration.ofSeconds(1));
        Thread.sleep(200); // SIGTERM sent (and ignored); SIGKILL still due
        a.abandon();

        Container recovered = fixture.containerizer("none").recover(spec.runDir()).orElseThrow();
        Termination termination = await(recovered, 5);

        assertThat(termination.killed()).isTrue();
        assertThat(termination.signal()).isEqualTo(9);
    }

    @ParameterizedTest
    @ValueSource(strings = { "cgroups", "none" })
    void aContainerWhoseSupervisorWasKilledIsDestroyed(String isolation) throws Exception {
        ProcessContainerizer a = fixture.containerizer(isolation);
        LaunchSpec spec = fixture.shell("sleep 600", Limits.NONE);
        Container launched = a.launch(spec);
        a.abandon();
        long supervisor = ProcessContainerizer.readPid(spec.runDir().resolve(SupervisorScripts.SUPERVISOR_PID))
                .orElseThrow();
        Procs.signal(supervisor, true);
        eventually(Duration.ofSeconds(5), () -> !running(supervisor));
        assertThat(running(launched.pid())).isTrue();

        Container recovered = fixture.containerizer(isolation).recover(spec.runDir()).orElseThrow();

        assertThat(recovered.termination()).isDone();
        Termination termination = recovered.termination().join();
        assertThat(termination.reason()).isEqualTo(Reason.KILLED);
        assertThat(termination.killed()).isFalse();
        assertThat(termination.message()).contains("supervisor ended without recording");
        assertThat(running(launched.pid())).isFalse();
    }

    @Test
    void nothingLaunchedMeansNothingRecovered() throws Exception {
        Path empty = Files.createDirectories(fixture.dir.resolve("empty-run-dir"));

        assertThat(fixture.containerizer("none").recover(empty)).isEqualTo(Optional.empty());
        assertThat(fixture.containerizer("none").recover(fixture.dir.resolve("missing"))).isEmpty();
    }
}
