package dev.dcosnative.cli.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dcosnative.cli.output.Json;
import dev.dcosnative.cli.store.ClusterConfig;
import dev.dcosnative.cli.store.ConfigStore;
import dev.dcosnative.cli.support.CliRunner;
import dev.dcosnative.cli.support.FakeCluster;
import dev.dcosnative.cli.support.FakeCluster.Answer;

/** {@code task list} and {@code task log} against a scripted master and agent: the sandbox found, the last lines. */
class TaskLogTest {

    static final String SANDBOX = "/var/lib/mesos/slaves/S0/frameworks/F0/executors/web.1/runs/c1";

    @TempDir
    Path home;

    final FakeCluster edge = new FakeCluster();
    final AtomicReference<String> stdout = new AtomicReference<>("");
    CliRunner cli;

    @BeforeEach
    void cluster() {
        cli = new CliRunner(home);
        ClusterConfig cluster = new ConfigStore(cli.dcosDir()).open("c1");
        cluster.set("core.dcos_url", edge.url());
        cluster.save();
        edge.json("GET", "/mesos/master/state", """
                {"slaves":[{"id":"S0","hostname":"10.0.0.2"}],
                 "frameworks":[{"id":"F0","name":"marathon","tasks":[
                   {"id":"web.1","name":"web","state":"TASK_RUNNING","slave_id":"S0","user":"root"},
                   {"id":"web.2","name":"web","state":"TASK_RUNNING","slave_id":"S0","user":"root"}],
                   "completed_tasks":[{"id":"old.1","name":"old","state":"TASK_FINISHED","slave_id":"S0"}]}]}""");
        edge.json("GET", "/agent/S0/state", """
                {"frameworks":[{"id":"F0","executors":[
                  {"id":"web.1","directory":"%s","tasks":[{"id":"web.1"}]},
                  {"id":"web.2","directory":"/elsewhere","tasks":[{"id":"web.2","sandbox_directory":"/w2"}]}],
                  "completed_executors":[]}]}""".formatted(SANDBOX));
        edge.on("GET", "/agent/S0/files/read", r -> {
            Map<String, String> q = query(r.query());
            if (!q.get("path").equals(SANDBOX + "/stdout") && !q.get("path").equals("/w2/stdout")) {
                return Answer.json(404, "");
            }
            byte[] data = (q.get("path").startsWith("/w2") ? "second\n" : stdout.get())
                    .getBytes(StandardCharsets.UTF_8);
            long offset = Long.parseLong(q.get("offset"));
            long length = Long.parseLong(q.get("length"));
            if (offset < 0) {
                return Answer.json(200, "{\"data\":\"\",\"offset\":" + data.length + "}");
            }
            int from = (int) Math.min(offset, data.length);
            int to = (int) (length < 0 ? data.length : Math.min(data.length, offset + length));
            String chunk = new String(data, from, to - from, StandardCharsets.UTF_8);
            return Answer.json(200, Json.MAPPER.createObjectNode().put("data", chunk).put("offset", offset)
                    .toString());
        });
    }

    @AfterEach
    void stop() {
        edge.close();
    }

    static Map<String, String> query(String query) {
        Map<String, String> q = new HashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(kv[0], java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return q;
    }

    @Test
    void theLastLinesOfTheTasksStdoutFromItsSandbox() {
        StringBuilder log = new StringBuilder();
        for (int i = 1; i <= 500; i++) {
            log.append("line ").append(i).append('\n');
        }
        stdout.set(log.toString());
        CliRunner.Result result = cli.run("task", "log", "web.1", "--lines", "3");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("line 498\nline 499\nline 500\n");
        assertThat(cli.run("task", "log", "web.1").out().lines()).hasSize(10).first().isEqualTo("line 491");
    }

    @Test
    void severalMatchingTasksEachUnderAHeader() {
        stdout.set("first\n");
        CliRunner.Result result = cli.run("task", "log", "web");
        assertThat(result.out()).isEqualTo("===> web.1 <===\nfirst\n\n===> web.2 <===\nsecond\n");
    }

    @Test
    void noSuchTaskOrFile() {
        assertThat(cli.run("task", "log", "nope").err())
                .isEqualTo("Error: No task matches 'nope' ('dcos task list --all' shows them)\n");
        assertThat(cli.run("task", "log", "web.1", "stderr").err())
                .isEqualTo("Error: No file " + SANDBOX + "/stderr in the task's sandbox\n");
    }

    @Test
    void taskListShowsEveryFrameworksTasks() {
        assertThat(cli.run("task", "list").out()).isEqualTo("""
                NAME  HOST      USER  STATE    ID     AGENT ID
                web   10.0.0.2  root  RUNNING  web.1  S0
                web   10.0.0.2  root  RUNNING  web.2  S0
                """);
        assertThat(cli.run("task", "list", "--completed").out()).contains("old.1").doesNotContain("web.1");
        assertThat(cli.run("task", "list", "web\\.2").out().lines()).hasSize(2);
    }
}
