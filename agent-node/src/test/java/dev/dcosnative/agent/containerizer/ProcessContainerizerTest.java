package dev.dcosnative.agent.containerizer;

import static dev.dcosnative.agent.containerizer.ContainerFixture.await;
import static dev.dcosnative.agent.containerizer.ContainerFixture.eventually;
import static dev.dcosnative.agent.containerizer.ContainerFixture.read;
import static dev.dcosnative.agent.containerizer.ContainerFixture.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.dcosnative.agent.containerizer.Termination.Reason;
import dev.dcosnative.agent.containerizer.core.SupervisorScripts;

/** Real tasks through the supervisor, with cgroups (skipped when not root) and without isolation. */
class ProcessContainerizerTest {

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
    void exitCodeOutputEnvironmentAndWorkingDirectory(String isolation) throws Exception {
        ProcessContainerizer containerizer = fixture.containerizer(isolation);
        LaunchSpec spec = fixture.shell("echo hello; echo oops >&2; echo \"FOO=$FOO\"; pwd; env | sort; exit 3",
                Limits.NONE);

        Container container = containerizer.launch(spec);
        Termination termination = await(container, 10);

        assertThat(termination).isEqualTo(
                new Termination(3, null, false, Reason.EXITED, "Command exited with status 3"));
        String stdout = read(spec.sandbox().resolve("stdout"));
        assertThat(stdout).startsWith("hello\nFOO=bar\n" + spec.sandbox().toAbsolutePath() + "\n");
        // exactly the given environment, plus what the task's own shell sets (PWD)
        assertThat(stdout.lines().skip(3).toList()).containsExactly("FOO=bar", "PATH=/usr/bin:/bin",
                "PWD=" + spec.sandbox().toAbsolutePath());
        assertThat(read(spec.sandbox().resolve("stderr"))).isEqualTo("oops\n");
        assertThat(container.id()).isEqualTo(spec.containerId());
        assertThat(container.usage()).isEqualTo(ResourceUsage.ZERO);
    }

    @ParameterizedTest
    @ValueSource(strings = { "cgroups", "none" })
    void killEndsASleepWithSigterm(String isolation) throws Exception {
        ProcessContainerizer containerizer = fixture.containerizer(isolation);
        Container container = containerizer.launch(fixture.shell("sleep 600", Limits.NONE));
        assertThat(running(container.pid())).isTrue();

        container.kill(Duration.ofSeconds(1));
        Termination termination = await(container, 5);

        assertThat(termination.killed()).isTrue();
        assertThat(termination.reason()).isEqualTo(Reason.KILLED);
        assertThat(termination.signal()).isEqualTo(15);
        assertThat(termination.exitCode()).isNull();
        assertThat(termination.message()).isEqualTo("Container killed: command terminated by signal 15 (SIGTERM)");
        assertThat(running(container.pid())).isFalse();
        container.kill(Duration.ZERO); // idempotent, and a no-op once ended
    }

    @ParameterizedTest
    @ValueSource(strings = { "cgroups", "none" })
    void aTaskIgnoringSigtermIsSigkilledAfterTheGracePeriod(String isolation) throws Exception {
        ProcessContainerizer containerizer = fixture.containerizer(isolation);
        LaunchSpec spec = fixture.shell("trap '' TERM; echo trapped; sleep 600", Limits.NONE);
        Container container = containerizer.launch(spec);
        eventually(Duration.ofSeconds(5), () -> fileContains(spec.sandbox().resolve("stdout"), "trapped"));

        long start = System.nanoTime();
        container.kill(Duration.ofSeconds(1));
        container.kill(Duration.ofSeconds(30)); // a later, longer grace does not delay the SIGKILL
        Termination termination = await(container, 10);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(termination.killed()).isTrue();
        assertThat(termination.reason()).isEqualTo(Reason.KILLED);
        assertThat(termination.signal()).isEqualTo(9);
    }

    @ParameterizedTest
    @ValueSource(strings = { "cgroups", "none" })
    void killLeavesNoProcessOfTheTreeBehind(String isolation) throws Exception {
        ProcessContainerizer containerizer = fixture.containerizer(isolation);
        LaunchSpec spec = fixture.shell("sleep 600 & sleep 600 & echo started; wait", Limits.NONE);
        Container container = containerizer.launch(spec);
        eventually(Duration.ofSeconds(5), () -> fileContains(spec.sandbox().resolve("stdout"), "started"));
        List<Long> tree = treeOf(container.pid());
        assertThat(tree).hasSize(3);

        container.kill(Duration.ofSeconds(1));
        Termination termination = await(container, 10);

        assertThat(termination.killed()).isTrue();
        assertThat(tree).noneMatch(ContainerFixture::running);
    }

    @ParameterizedTest
    @ValueSource(strings = { "cgroups", "none" })
    void whatTheMainProcessLeftRunningIsKilledWhenItEnds(String isolation) throws Exception {
        ProcessContainerizer containerizer = fixture.containerizer(isolation);
        LaunchSpec spec = fixture.shell("sleep 600 & echo $! > child.pid; exit 0", Limits.NONE);
        Container container = containerizer.launch(spec);

        Termination termination = await(container, 10);

        assertThat(termination.reason()).isEqualTo(Reason.EXITED);
        assertThat(termination.exitCode()).isZero();
        long child = Long.parseLong(read(spec.sandbox().resolve("child.pid")).trim());
        assertThat(running(child)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "cgroups", "none" })
    void aSignalNobodyAskedForIsReportedAsSignaled(String isolation) throws Exception {
        ProcessContainerizer containerizer = fixture.containerizer(isolation);
        Container container = containerizer.launch(fixture.shell("kill -USR1 $$; sleep 5", Limits.NONE));

        Termination termination = await(container, 10);

        assertThat(termination).isEqualTo(new Termination(null, 10, false, Reason.SIGNALED,
                "Command terminated by signal 10 (SIGUSR1)"));
    }

    @Test
    void theSupervisorOutlivesSignalsMeantForTheTaskAndRecordsItsEnd() throws Exception {
        ProcessContainerizer containerizer = fixture.containerizer("none");
        LaunchSpec spec = fixture.shell("sleep 600", Limits.NONE);
        Container container = containerizer.launch(spec);
        long supervisor = ProcessContainerizer.readPid(spec.runDir().resolve(SupervisorScripts.SUPERVISOR_PID))
                .orElseThrow();
        assertThat(supervisor).isNotEqualTo(container.pid());

        Procs.signal(supervisor, false); // SIGTERM
        Thread.sleep(200);
        assertThat(running(supervisor)).isTrue();
        assertThat(running(container.pid())).isTrue();
        assertThat(container.termination()).isNotDone();

        container.kill(Duration.ofSeconds(1));
        assertThat(await(container, 5).signal()).isEqualTo(15);
        assertThat(read(spec.runDir().resolve(SupervisorScripts.STATUS))).isEqualTo("signal 15\n");
        assertThat(running(supervisor)).isFalse();
    }

    @Test
    void neitherTheTaskNorItsSupervisorHoldsTheAgentsFiles() throws Exception {
        ProcessContainerizer containerizer = fixture.containerizer("none");
        LaunchSpec spec = fixture.shell("exec sleep 600", Limits.NONE);
        Container container = containerizer.launch(spec);
        long supervisor = ProcessContainerizer.readPid(spec.runDir().resolve(SupervisorScripts.SUPERVISOR_PID))
                .orElseThrow();

        Path sandbox = spec.sandbox().toAbsolutePath();
        assertThat(openFiles(container.pid())).containsExactly("0 /dev/null", "1 " + sandbox.resolve("stdout"),
                "2 " + sandbox.resolve("stderr"));
        // pipes or sockets would tie the supervisor to the agent (SIGPIPE, ports kept bound after a restart)
        assertThat(openFiles(supervisor)).isNotEmpty()
                .noneMatch(f -> f.contains("socket:") || f.contains("pipe:") || f.endsWith(".jar"));
        assertThat(openFiles(supervisor)).contains("0 /dev/null");
        container.kill(Duration.ZERO);
        await(container, 5);
    }

    private static List<String> openFiles(long pid) throws Exception {
        try (java.util.stream.Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.sorted(java.util.Comparator.comparing(p -> Integer.parseInt(p.getFileName().toString())))
                    .map(fd -> {
                        try {
                            return fd.getFileName() + " " + Files.readSymbolicLink(fd);
                        } catch (java.io.IOException e) {
                            return fd.getFileName() + " ?";
                        }
                    }).toList();
        }
    }

    @Test
    void anExitCodeAbove128IsNotMistakenForASignal() throws Exception {
        ProcessContainerizer containerizer = fixture.containerizer("none");

        Termination termination = await(containerizer.launch(fixture.shell("exit 137", Limits.NONE)), 10);

        assertThat(termination.exitCode()).isEqualTo(137);
        assertThat(termination.signal()).isNull();
        assertThat(termination.reason()).isEqualTo(Reason.EXITED);
    }

    @Test
    void argvIsExecedAsIsWithoutAShell() throws Exception {
        ProcessContainerizer containerizer = fixture.containerizer("none");
        LaunchSpec shell = fixture.shell("unused", Limits.NONE);
        LaunchSpec spec = new LaunchSpec(shell.containerId(), shell.sandbox(), shell.runDir(),
                List.of("printf", "%s|", "a b", "it's", "$HOME", ""), Map.of("PATH", "/usr/bin:/bin"),
                Optional.empty(), Limits.NONE);

        assertThat(await(containerizer.launch(spec), 10).exitCode()).isZero();
        assertThat(read(spec.sandbox().resolve("stdout"))).isEqualTo("a b|it's|$HOME||");
    }

    @Test
    void launchFailuresAreContainerExceptionsAndLeaveNothingBehind() throws Exception {
        ProcessContainerizer containerizer = fixture.containerizer("none");
        LaunchSpec ok = fixture.shell("true", Limits.NONE);

        assertThatThrownBy(() -> containerizer.launch(new LaunchSpec(ok.containerId(), ok.sandbox(), ok.runDir(),
                List.of("no-such-command-here"), ContainerFixture.ENV, Optional.empty(), Limits.NONE)))
                .isInstanceOf(ContainerException.class)
                .hasMessage("cannot execute 'no-such-command-here': not found on PATH /usr/bin:/bin");
        assertThatThrownBy(() -> containerizer.launch(new LaunchSpec("../escape", ok.sandbox(), ok.runDir(),
                ok.argv(), ok.environment(), Optional.empty(), Limits.NONE)))
                .isInstanceOf(ContainerException.class).hasMessageContaining("container id '../escape'");
        assertThatThrownBy(() -> containerizer.launch(new LaunchSpec(ok.containerId(), ok.sandbox(), ok.runDir(),
                List.of(), ok.environment(), Optional.empty(), Limits.NONE)))
                .isInstanceOf(ContainerException.class).hasMessage("the command line is empty");
        assertThat(Files.exists(ok.runDir().resolve(SupervisorScripts.CHECKPOINT))).isFalse();
    }

    @Test
    void aRunDirectoryServesOneRunningContainerAtATime() throws Exception {
        ProcessContainerizer containerizer = fixture.containerizer("none");
        LaunchSpec spec = fixture.shell("sleep 600", Limits.NONE);
        Container first = containerizer.launch(spec);

        assertThatThrownBy(() -> containerizer.launch(spec)).isInstanceOf(ContainerException.class)
                .hasMessageContaining("belongs to the running container " + spec.containerId());

        first.kill(Duration.ZERO);
        assertThat(await(first, 5).signal()).isEqualTo(9);
        Container second = containerizer.launch(
                new LaunchSpec(spec.containerId(), spec.sandbox(), spec.runDir(), List.of("/bin/sh", "-c", "exit 4"),
                        spec.environment(), Optional.empty(), Limits.NONE));
        assertThat(await(second, 10).exitCode()).isEqualTo(4);
    }

    @Test
    void withoutRootContainersArePlainProcessGroups() throws Exception {
        Assumptions.assumeTrue(Procs.isRoot(), "playing an unprivileged agent needs root to drop to nobody");
        Path dir = Files.createDirectories(fixture.dir.resolve("nobody"));
        Files.setPosixFilePermissions(fixture.dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        // the agent's classes, and jboss-logging copied out of the (root-only) local repository
        Path logging = dir.resolve("jboss-logging.jar");
        Files.copy(Path.of(org.jboss.logging.Logger.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                logging);
        String classpath = String.join(":", codeSource(ProcessContainerizer.class), codeSource(NonRootProbe.class),
                logging.toString());

        Process probe = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData", "-cp",
                classpath, NonRootProbe.class.getName(), dir.toString()).redirectErrorStream(true).start();
        String out = new String(probe.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(probe.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as(out).isTrue();

        assertThat(probe.exitValue()).as(out).isZero();
        assertThat(out).contains("isolation: none (not root)\n")
                .contains("Containers are not isolated: none (not root). CPU, memory and process limits are not enforced")
                .contains("user switch: cannot run the task as user 'root': the agent does not run as root (it runs as"
                        + " nobody)\n")
                .contains("termination: Termination[exitCode=0, signal=null, killed=false, reason=EXITED,")
                .contains("stdout: bar as 65534\n")
                .contains("usage: ResourceUsage[cpuSeconds=0.0, memoryBytes=0, pids=0]");
    }

    private static String codeSource(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void withoutCgroupsTheIsolationSaysSo() {
        assertThat(fixture.containerizer("none").isolation()).isEqualTo("none (disabled by configuration)");
        assertThatThrownBy(() -> new ProcessContainerizer("docker")).isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean fileContains(Path file, String text) {
        try {
            return Files.exists(file) && Files.readString(file).contains(text);
        } catch (Exception e) {
            return false;
        }
    }

    /** A process and its descendants. */
    private static List<Long> treeOf(long pid) {
        return ProcessHandle.of(pid)
                .map(h -> java.util.stream.Stream.concat(java.util.stream.Stream.of(h), h.descendants())
                        .map(ProcessHandle::pid).toList())
                .orElse(List.of());
    }
}
