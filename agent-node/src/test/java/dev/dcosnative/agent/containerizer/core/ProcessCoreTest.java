package dev.dcosnative.agent.containerizer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.dcosnative.agent.containerizer.Termination;
import dev.dcosnative.agent.containerizer.Termination.Reason;
import dev.dcosnative.agent.containerizer.core.SupervisorScripts.TaskUser;
import dev.dcosnative.agent.containerizer.core.SupervisorScripts.Tools;

/** The containerizer's pure parts: status files, terminations, /proc parsing, checkpoints, scripts. */
class ProcessCoreTest {

    private static final long MB = 1024 * 1024;

    @Test
    void statusLinesAreParsed() {
        assertThat(ExitStatus.parse("exit 3\n")).contains(new ExitStatus.Exited(3));
        assertThat(ExitStatus.parse("signal 9\n")).contains(new ExitStatus.Signaled(9));
        assertThat(ExitStatus.parse("launch-failed cannot join the cgroup x\n"))
                .contains(new ExitStatus.LaunchFailed("cannot join the cgroup x"));
        assertThat(ExitStatus.parse("")).isEmpty();
        assertThat(ExitStatus.parse("exit\n")).isEmpty();
        assertThat(ExitStatus.parse("exit x\n")).isEmpty();
        assertThat(ExitStatus.parse("vanished 3\n")).isEmpty();
    }

    @Test
    void terminationsFollowTheMostSpecificCause() {
        Optional<ExitStatus> exited = Optional.of(new ExitStatus.Exited(3));
        Optional<ExitStatus> sigkill = Optional.of(new ExitStatus.Signaled(9));
        Optional<ExitStatus> sigterm = Optional.of(new ExitStatus.Signaled(15));

        assertThat(Terminations.decide(exited, false, MemoryOutcome.NONE))
                .isEqualTo(new Termination(3, null, false, Reason.EXITED, "Command exited with status 3"));
        assertThat(Terminations.decide(sigterm, false, MemoryOutcome.NONE)).isEqualTo(
                new Termination(null, 15, false, Reason.SIGNALED, "Command terminated by signal 15 (SIGTERM)"));
        assertThat(Terminations.decide(sigterm, true, MemoryOutcome.NONE)).isEqualTo(new Termination(null, 15,
                true, Reason.KILLED, "Container killed: command terminated by signal 15 (SIGTERM)"));
        assertThat(Terminations.decide(exited, true, MemoryOutcome.NONE))
                .isEqualTo(new Termination(3, null, true, Reason.KILLED, "Container killed: command exited with status 3"));
        assertThat(Terminations.decide(sigkill, false, new MemoryOutcome(1, 64 * MB, 64 * MB)))
                .isEqualTo(new Termination(null, 9, false, Reason.MEMORY_LIMIT,
                        "Memory limit exceeded: requested 64MB, maximum usage 64MB"));
        assertThat(Terminations.decide(sigkill, true, new MemoryOutcome(1, 64 * MB, 63 * MB + MB / 2)).message())
                .isEqualTo("Memory limit exceeded: requested 64MB, maximum usage 63.5MB");
        assertThat(Terminations.decide(sigkill, false, new MemoryOutcome(0, 64 * MB, 64 * MB)).reason())
                .isEqualTo(Reason.SIGNALED);
        assertThat(Terminations.decide(Optional.of(new ExitStatus.LaunchFailed("no sandbox")), false,
                new MemoryOutcome(1, 0, 0))).isEqualTo(
                        new Termination(null, null, false, Reason.LAUNCH_FAILED, "Launch failed: no sandbox"));
        Termination lost = Terminations.decide(Optional.empty(), false, MemoryOutcome.NONE);
        assertThat(lost.reason()).isEqualTo(Reason.KILLED);
        assertThat(lost.killed()).isFalse();
        assertThat(lost.message()).contains("supervisor ended without recording");
    }

    @Test
    void signalsHaveNames() {
        assertThat(Signals.name(9)).isEqualTo("SIGKILL");
        assertThat(Signals.name(15)).isEqualTo("SIGTERM");
        assertThat(Signals.name(36)).isEqualTo("SIGRTMIN+2");
        assertThat(Signals.name(99)).isEqualTo("signal 99");
    }

    @Test
    void procStatIsReadFromAfterTheCommandName() {
        String line = "4242 (my (odd) cmd) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10";

        assertThat(ProcStat.parse(line)).isEqualTo(new ProcStat(4242, 'S', 1, 4242, 987654));
        assertThat(ProcStat.parse(line.replace(" S ", " Z ")).running()).isFalse();
        assertThatThrownBy(() -> ProcStat.parse("garbage")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void checkpointsRoundTrip() {
        Checkpoint launching = new Checkpoint("c1", Checkpoint.CGROUPS_V1, "/sys/fs/cgroup", "dcos/c1", true, 64 * MB,
                "boot-1", 0, 0, 0, 0);
        Checkpoint started = launching.started(100, 5000, 101, 5001);

        assertThat(Checkpoint.parse(launching.render())).isEqualTo(launching);
        assertThat(Checkpoint.parse(started.render())).isEqualTo(started);
        assertThat(started.render()).contains("task_pid=101\n");
        assertThatThrownBy(() -> Checkpoint.parse("container_id=c1\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the checkpoint has no isolation");
    }

    @Test
    void containerIdsAreSafeNames() {
        assertThat(ContainerIds.problem("2b7c8a4e-0f1d-4c39-9a55-5c0e5b9f1c2d")).isNull();
        assertThat(ContainerIds.problem("app.web_1")).isNull();
        assertThat(ContainerIds.problem("..")).isNotNull();
        assertThat(ContainerIds.problem("a/b")).isNotNull();
        assertThat(ContainerIds.problem("")).isNotNull();
        assertThat(ContainerIds.problem(null)).isNotNull();
    }

    @Test
    void quotedWordsSurviveTheShell() throws Exception {
        List<String> words = List.of("plain", "two words", "it's", "$HOME `id` \"q\" \\ *", "line\nbreak", "");
        StringBuilder script = new StringBuilder("printf '<%s>'");
        words.forEach(w -> script.append(' ').append(SupervisorScripts.quote(w)));

        assertThat(sh(script.toString())).isEqualTo("<plain><two words><it's><$HOME `id` \"q\" \\ *><line\nbreak><>");
    }

    @Test
    void theTaskScriptJoinsItsCgroupsThenExecsTheCommandWithExactlyItsEnvironment() throws Exception {
        Tools tools = new Tools("/bin/sh", "/usr/bin/setsid", "/usr/bin/setpriv", "/usr/bin/env");
        String script = SupervisorScripts.task("c1", "/run/c1", "/sandbox/c1",
                List.of("/sys/fs/cgroup/memory/dcos/c1/cgroup.procs"), Optional.of(new TaskUser(65534, 65534)),
                Map.of("B", "2", "A", "it's"), List.of("/bin/sh", "-c", "echo $A"), tools);

        assertThat(script).contains("echo $$ > '/sys/fs/cgroup/memory/dcos/c1/cgroup.procs' || fail")
                .contains("echo $$ > '/run/c1'/task.pid")
                .endsWith("exec '/usr/bin/setpriv' --reuid=65534 --regid=65534 --init-groups -- '/usr/bin/env' -i --"
                        + " 'A=it'\\''s' 'B=2' '/bin/sh' '-c' 'echo $A'\n");
        assertThat(script.indexOf("cgroup.procs")).isLessThan(script.indexOf("task.pid"));
        assertThat(sh("sh -n <<'EOF'\n" + script + "EOF\n")).isEmpty();
        assertThat(sh("sh -n <<'EOF'\n" + SupervisorScripts.supervisor("c1", "/run/c1", tools) + "EOF\n")).isEmpty();
    }

    private static String sh(String script) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }
}
