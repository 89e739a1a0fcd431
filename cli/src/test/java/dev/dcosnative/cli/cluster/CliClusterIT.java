package dev.dcosnative.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

import dev.dcosnative.cli.support.CliRunner;
import dev.dcosnative.it.harness.Await;
import dev.dcosnative.it.harness.Binaries;
import dev.dcosnative.it.harness.Cluster;
import dev.dcosnative.it.harness.ClusterExtension;
import dev.dcosnative.it.harness.Http;

/**
 * The CLI against a real cluster (it/'s harness: a master with its edge and IAM, a private and a public agent on
 * loopback; one cluster for the whole class), the way a user goes: set up and log in (also as a service account with
 * its key), add an app and wait for it, list and show it, scale it, list its tasks, read a task's stdout, restart it
 * in a terminal with a progress bar, remove it — and the failures a user meets (wrong password, unknown app, malformed
 * JSON, Marathon's validation, an app locked by a deployment that cannot finish and one another change took over, a
 * component that does not run yet, a wrong command line, an unreachable cluster, an expired or refused token, no
 * login), each one line on stderr with its exit code. Every
 * command runs in-process through Quarkus' launcher, except the terminal ones, which run bin/dcos in a pseudo-terminal
 * ({@code script}) as a user would.
 */
@QuarkusMainTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliClusterIT {

    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension(() -> Cluster.builder("cli").build());

    static final String APP = "/cli-hello";
    static final String GREETING = "hello-from-a-cli-task";
    static final String ROBOT = "cli-robot";
    /** The greeting, then line 1 to line 500 on stdout, then tick-n on stderr every half second. */
    static final String CMD = "echo " + GREETING + "; i=1; while [ $i -le 500 ]; do echo line $i; i=$((i+1)); "
            + "done; i=0; while true; do i=$((i+1)); echo tick-$i >&2; sleep 0.5; done";
    /** An app whose deployment cannot finish: no agent has a terabyte of memory. */
    static final String STUCK = "/cli-stuck";

    static Path dcosDir;
    /** The app's tasks before {@code app restart} replaced them. */
    static List<String> beforeRestart = List.of();
    static Path work;

    @BeforeAll
    static void configDir() throws IOException {
        work = Path.of(System.getProperty("dcos.it.output", "target")).resolve("cli-it").toAbsolutePath();
        deleteRecursively(work);
        dcosDir = Files.createDirectories(work.resolve("dcos-dir"));
        // the CLI reads DCOS_* from system properties first: the in-process launches get their own config dir
        System.setProperty("DCOS_DIR", dcosDir.toString());
    }

    @AfterAll
    static void clear() {
        System.clearProperty("DCOS_DIR");
    }

    static Cluster cluster() {
        return CLUSTER.cluster();
    }

    /** The app as Marathon has it, asked through the edge by the harness (not the CLI); null when there is none. */
    static JsonNode marathonApp() {
        HttpResponse<byte[]> response = Http.get(cluster().marathonUrl() + "/v2/apps" + APP);
        return response.statusCode() == 200 ? Http.json(response).path("app") : null;
    }

    /** A failure's stderr: exactly one line, no stack trace. */
    static String oneLine(LaunchResult result) {
        String err = result.getErrorOutput();
        assertThat(err).as("stderr").doesNotContain("\n").doesNotContain("Exception").doesNotContain("\tat ");
        return err;
    }

    @Test
    @Order(1)
    void setupChecksTheClusterLogsInAndAttachesIt(QuarkusMainLauncher dcos) throws IOException {
        LaunchResult result = dcos.launch("cluster", "setup", cluster().edgeUrl(), "--username", Cluster.SUPERUSER,
                "--password", Cluster.SUPERUSER_PASSWORD);
        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        assertThat(result.getOutput()).contains("Set up cluster cli").contains("DC/OS 2.2")
                .contains("Logged in as " + Cluster.SUPERUSER);

        Path clusterDir;
        try (Stream<Path> dirs = Files.list(dcosDir.resolve("clusters"))) {
            clusterDir = dirs.findFirst().orElseThrow();
        }
        Path toml = clusterDir.resolve("dcos.toml");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(toml))).isEqualTo("rw-------");
        assertThat(Files.readString(toml)).contains("dcos_url = \"" + cluster().edgeUrl() + "\"")
                .contains("dcos_acs_token = \"ey");
        assertThat(clusterDir.resolve("attached")).exists();
        // under the cluster's id, as the edge's /metadata says it
        assertThat(clusterDir.getFileName().toString()).isEqualTo(Http.json(Http.get(cluster().edgeUrl()
                + "/metadata")).path("CLUSTER_ID").asText("?"));
        assertThat(Files.readString(toml)).contains("name = \"cli\"");
        assertThat(dcos.launch("config", "show").getOutput()).contains("core.dcos_acs_token  *******");

        LaunchResult list = dcos.launch("cluster", "list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.getOutput()).contains("cli*").contains("AVAILABLE").contains(cluster().edgeUrl());
        LaunchResult providers = dcos.launch("auth", "list-providers");
        assertThat(providers.exitCode()).as(providers.getErrorOutput()).isZero();
        assertThat(providers.getOutput()).contains("dcos-users");
    }

    @Test
    @Order(2)
    void aWrongPasswordIsOneLineAndExitCodeOne(QuarkusMainLauncher dcos) {
        LaunchResult result = dcos.launch("auth", "login", "--username", Cluster.SUPERUSER, "--password", "wrong");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(oneLine(result)).startsWith("Error: Login failed for '" + Cluster.SUPERUSER + "': ");
        // the earlier login still holds
        assertThat(dcos.launch("marathon", "app", "list").exitCode()).isZero();

        // at setup: the IAM's words, and nothing kept
        Path elsewhere = work.resolve("dcos-dir-wrong-password");
        LaunchResult setup = inDcosDir(elsewhere, () -> dcos.launch("cluster", "setup", cluster().edgeUrl(),
                "--username", Cluster.SUPERUSER, "--password", "wrong"));
        assertThat(setup.exitCode()).isEqualTo(1);
        assertThat(oneLine(setup)).isEqualTo("Error: Login failed for '" + Cluster.SUPERUSER + "': The login "
                + "credentials are invalid. Check the uid and the password (or service login token).");
        assertThat(elsewhere.resolve("clusters")).doesNotExist();
    }

    @Test
    @Order(3)
    void aServiceAccountLogsInWithItsPrivateKey(QuarkusMainLauncher dcos) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Base64.Encoder pem = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        String publicKey = "-----BEGIN PUBLIC KEY-----\n" + pem.encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        // the account, made by the superuser through the edge as 'dcos security org service-accounts create' does
        String account = Http.JSON.createObjectNode().put("description", "CLI test robot").put("public_key",
                publicKey).toString();
        HttpResponse<byte[]> created = Http.send(HttpRequest.newBuilder(URI.create(cluster().edgeUrl()
                + "/acs/api/v1/users/" + ROBOT)).header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString(account)).timeout(Duration.ofSeconds(10)).build());
        assertThat(created.statusCode()).as(Http.text(created)).isEqualTo(201);
        Path key = work.resolve("robot.pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + pem.encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");

        Path robotDir = work.resolve("dcos-dir-robot");
        LaunchResult setup = inDcosDir(robotDir, () -> dcos.launch("cluster", "setup", cluster().edgeUrl(),
                "--username", ROBOT, "--private-key", key.toString()));
        assertThat(setup.exitCode()).as(setup.getErrorOutput()).isZero();
        assertThat(setup.getOutput()).contains("Logged in as " + ROBOT);
        String token = inDcosDir(robotDir, () -> dcos.launch("config", "show", "core.dcos_acs_token")).getOutput()
                .strip();
        JsonNode claims = Http.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims.path("uid").asText()).isEqualTo(ROBOT);
        // the edge verifies the token as the robot's (a 401 otherwise) and refuses it what it was not granted
        LaunchResult list = inDcosDir(robotDir, () -> dcos.launch("marathon", "app", "list"));
        assertThat(list.exitCode()).isEqualTo(1);
        assertThat(oneLine(list)).contains("User '" + ROBOT + "' is not allowed to access this resource");

        // a key the account does not have: refused by the IAM
        KeyPair other = generator.generateKeyPair();
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + pem.encodeToString(other.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        LaunchResult refused = inDcosDir(robotDir, () -> dcos.launch("auth", "login", "--username", ROBOT,
                "--private-key", key.toString()));
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(oneLine(refused)).startsWith("Error: Login failed for '" + ROBOT + "': ");
    }

    /** Runs {@code launch} with the CLI's config in {@code dir} instead of the class's. */
    static LaunchResult inDcosDir(Path dir, java.util.function.Supplier<LaunchResult> launch) {
        System.setProperty("DCOS_DIR", dir.toString());
        try {
            return launch.get();
        } finally {
            System.setProperty("DCOS_DIR", dcosDir.toString());
        }
    }

    @Test
    @Order(4)
    void appAddWaitsUntilTheAppRuns(QuarkusMainLauncher dcos) throws IOException {
        Path app = work.resolve("cli-hello.json");
        Files.writeString(app, """
                {"id": "%s", "instances": 1, "cpus": 0.1, "mem": 32, "portDefinitions": [],
                 "labels": {"written-by": "cli-it"},
                 "cmd": "%s"}
                """.formatted(APP, CMD));
        LaunchResult result = dcos.launch("marathon", "app", "add", app.toString());
        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        assertThat(result.getOutput()).matches("Created deployment [0-9a-f-]+\\s*");
        // not a terminal: plain progress lines, then the end
        // (a new app's deployment is Marathon's two steps: start it with no instances, then scale it)
        assertThat(result.getErrorOutput()).containsPattern("deployment [0-9a-f]{8}: step 2/2: ScaleApplication "
                + APP + " [01]/1").containsPattern("Deployment [0-9a-f-]+ finished in ");
        // it returned only once the instance runs
        JsonNode created = marathonApp();
        assertThat(created.path("tasksRunning").asInt()).isEqualTo(1);
        // the document went as written
        assertThat(created.path("cmd").asText()).isEqualTo(CMD);
        assertThat(created.path("mem").asDouble()).isEqualTo(32.0);
        assertThat(created.path("labels").path("written-by").asText()).isEqualTo("cli-it");
    }

    @Test
    @Order(5)
    void appListAndShow(QuarkusMainLauncher dcos) {
        LaunchResult list = dcos.launch("marathon", "app", "list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.getOutput()).startsWith("ID").containsPattern("/cli-hello +32 +0\\.1 +1/1 ");
        LaunchResult show = dcos.launch("marathon", "app", "show", APP);
        assertThat(show.exitCode()).isZero();
        JsonNode app = json(show.getOutput());
        assertThat(app.path("id").asText()).isEqualTo(APP);
        assertThat(app.path("instances").asInt()).isEqualTo(1);
        assertThat(app.path("tasks")).hasSize(1);
        LaunchResult json = dcos.launch("marathon", "app", "list", "--json");
        // Marathon's document, pretty-printed
        assertThat(json.getOutput()).startsWith("[\n  {\n    \"id\": \"" + APP + "\",");
        assertThat(json(json.getOutput()).findValuesAsText("id")).contains(APP);
        assertThat(dcos.launch("marathon", "app", "list", "-q").getOutput().strip()).isEqualTo(APP);
    }

    @Test
    @Order(6)
    void scaleThroughUpdate(QuarkusMainLauncher dcos) {
        LaunchResult result = dcos.launch("marathon", "app", "update", APP, "instances=2");
        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        assertThat(result.getOutput()).startsWith("Created deployment ");
        assertThat(marathonApp().path("tasksRunning").asInt()).isEqualTo(2);
        assertThat(dcos.launch("marathon", "app", "list").getOutput()).containsPattern("/cli-hello .* 2/2 ");
    }

    @Test
    @Order(8)
    void taskLists(QuarkusMainLauncher dcos) {
        LaunchResult marathonTasks = dcos.launch("marathon", "task", "list", APP);
        assertThat(marathonTasks.exitCode()).as(marathonTasks.getErrorOutput()).isZero();
        assertThat(marathonTasks.getOutput().lines().filter(l -> l.startsWith(APP + " "))).hasSize(2)
                .allMatch(l -> l.contains("TASK_RUNNING"));
        LaunchResult mesosTasks = dcos.launch("task", "list", "cli-hello");
        assertThat(mesosTasks.exitCode()).as(mesosTasks.getErrorOutput()).isZero();
        assertThat(mesosTasks.getOutput().lines().filter(l -> l.startsWith("cli-hello "))).hasSize(2)
                .allMatch(l -> l.matches("cli-hello +127\\.\\d+\\.\\d+\\.\\d+ +\\S+ +RUNNING +cli-hello\\.\\S+ +\\S+"));
        assertThat(mesosTasks.getOutput().lines().findFirst()).hasValueSatisfying(header -> assertThat(header)
                .matches("NAME +HOST +USER +STATE +ID +AGENT ID"));
        // the filter is a regular expression over the ids
        String oneId = json(dcos.launch("marathon", "task", "list", APP, "--json").getOutput()).get(0).path("id").asText();
        LaunchResult one = dcos.launch("task", "list", oneId.replace(".", "\\."));
        assertThat(one.getOutput().lines().filter(l -> l.startsWith("cli-hello "))).singleElement()
                .satisfies(l -> assertThat(l).contains(oneId));
        LaunchResult services = dcos.launch("service", "list");
        assertThat(services.exitCode()).as(services.getErrorOutput()).isZero();
        assertThat(services.getOutput()).containsPattern("marathon .* True +2 ");
        LaunchResult nodes = dcos.launch("node", "list");
        assertThat(nodes.exitCode()).as(nodes.getErrorOutput()).isZero();
        assertThat(nodes.getOutput()).contains("master (leader)").contains("agent (public)");
    }

    @Test
    @Order(9)
    void taskLogShowsTheLastLinesOfTheTasksStdout(QuarkusMainLauncher dcos) {
        List<String> ids = json(dcos.launch("marathon", "task", "list", APP, "--json").getOutput()).findValuesAsText("id")
                .stream()
                .filter(id -> id.startsWith("cli-hello.")).sorted().toList();
        assertThat(ids).hasSize(2);
        beforeRestart = ids;
        String taskId = ids.get(0);
        // the task writes its 500 lines at once, then only to stderr
        Await.until("line 500 in the stdout of " + taskId, Duration.ofSeconds(20),
                () -> dcos.launch("task", "log", taskId, "--lines", "1").getOutput().strip().equals("line 500"));
        LaunchResult log = dcos.launch("task", "log", taskId, "--lines", "3");
        assertThat(log.exitCode()).as(log.getErrorOutput()).isZero();
        assertThat(log.getOutput().strip()).isEqualTo("line 498\nline 499\nline 500");
        assertThat(dcos.launch("task", "log", taskId).getOutput().strip().lines()).hasSize(10).first()
                .isEqualTo("line 491");
        assertThat(dcos.launch("task", "log", taskId, "--lines", "501").getOutput().lines()).contains(GREETING);
        // a filter matching both tasks: each one's last line under its own header
        Await.until("line 500 in the stdout of " + ids.get(1), Duration.ofSeconds(20),
                () -> dcos.launch("task", "log", ids.get(1), "--lines", "1").getOutput().strip().equals("line 500"));
        LaunchResult both = dcos.launch("task", "log", "cli-hello", "--lines", "1");
        assertThat(both.exitCode()).as(both.getErrorOutput()).isZero();
        List<String> order = both.getOutput().lines().filter(l -> l.startsWith("===> ")).map(l -> l.substring(5, l
                .length() - 5)).toList();
        assertThat(order).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(both.getOutput().strip()).isEqualTo("===> " + order.get(0) + " <===\nline 500\n\n===> " + order
                .get(1) + " <===\nline 500");

        LaunchResult none = dcos.launch("task", "log", "no-such-task");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(oneLine(none)).isEqualTo("Error: No task matches 'no-such-task' ('dcos task list --all' shows "
                + "them)");
        LaunchResult noFile = dcos.launch("task", "log", taskId, "no-such-file");
        assertThat(noFile.exitCode()).isEqualTo(1);
        assertThat(oneLine(noFile)).matches("Error: No file /\\S+/no-such-file in the task's sandbox");
    }

    @Test
    @Order(10)
    void taskLogFollowStreamsWhatTheTaskWrites(QuarkusMainLauncher dcos) throws Exception {
        LaunchResult tasks = dcos.launch("marathon", "task", "list", APP, "--json");
        String taskId = json(tasks.getOutput()).get(0).path("id").asText();
        // the task writes tick-<n> to stderr every half second; --follow must bring the next ones as they come
        ProcessBuilder builder = new ProcessBuilder(Binaries.root().resolve("bin/dcos").toString(), "task", "log",
                "--follow", "--lines", "1", taskId, "stderr").redirectErrorStream(true);
        builder.environment().put("DCOS_DIR", dcosDir.toString());
        Process follow = builder.start();
        List<Integer> ticks = new CopyOnWriteArrayList<>();
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(follow.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null;) {
                    if (line.matches("tick-\\d+")) {
                        arrivals.add(System.nanoTime());
                        ticks.add(Integer.parseInt(line.substring(5)));
                    }
                }
            } catch (IOException e) {
                // the process was ended
            }
        }, "task-log-follow");
        reader.start();
        List<Integer> seen;
        List<Long> when;
        try {
            Await.until("three ticks through task log --follow", Duration.ofSeconds(20), () -> ticks.size() >= 3);
            seen = List.copyOf(ticks);
            when = List.copyOf(arrivals);
        } finally {
            follow.destroy();
            follow.waitFor(10, TimeUnit.SECONDS);
        }
        // the last line at first, then each new one once, in order, as the task wrote it (not all at once)
        assertThat(Duration.ofNanos(when.get(when.size() - 1) - when.get(0))).isGreaterThan(Duration.ofMillis(500));
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i)).as("ticks %s", seen).isEqualTo(seen.get(i - 1) + 1);
        }
    }

    @Test
    @Order(11)
    void restartInATerminalShowsAProgressBar() throws Exception {
        String output = inATerminal("marathon app restart " + APP);
        assertThat(output).contains("Created deployment ")
                // the bar, redrawn in place with a carriage return and an erase-line, up to a full bar
                .contains("\r\033[2K[").containsPattern("\\[#*-*\\] +\\d+% deployment [0-9a-f]{8} step 1/1")
                .contains("[##############################] 100% deployment ")
                .containsPattern("Deployment [0-9a-f-]+ finished in ");
        assertThat(output).doesNotContain("Error");
        Await.until("the restarted tasks", Duration.ofSeconds(30), CliClusterIT::marathonApp,
                app -> app.path("tasksRunning").asInt() == 2);

        // help on a terminal: the launcher script, the usage, exit 0
        // (picocli colours it on a terminal)
        String help = inATerminal("marathon app add --help").replaceAll("\033\\[[0-9;]*m", "");
        assertThat(help).contains("Usage: dcos marathon app add").contains("--no-wait");
    }

    @Test
    @Order(12)
    void theReplacedTasksAreListedAsCompleted(QuarkusMainLauncher dcos) {
        assertThat(beforeRestart).hasSize(2);
        LaunchResult completed = dcos.launch("task", "list", "--completed", "cli-hello");
        assertThat(completed.exitCode()).as(completed.getErrorOutput()).isZero();
        List<String> rows = completed.getOutput().lines().filter(l -> l.startsWith("cli-hello ")).toList();
        assertThat(rows).hasSize(2).allMatch(l -> l.contains(" KILLED "));
        assertThat(String.join("\n", rows)).contains(beforeRestart);
        LaunchResult running = dcos.launch("task", "list", "cli-hello");
        assertThat(running.getOutput().lines().filter(l -> l.startsWith("cli-hello "))).hasSize(2)
                .noneMatch(l -> beforeRestart.stream().anyMatch(l::contains));
    }

    @Test
    @Order(13)
    void failuresAreOneLineWithTheRightExitCode(QuarkusMainLauncher dcos) throws IOException {
        LaunchResult unknown = dcos.launch("marathon", "app", "show", "/no-such-app");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(oneLine(unknown)).isEqualTo("Error: App '/no-such-app' does not exist");

        Path malformed = work.resolve("malformed.json");
        Files.writeString(malformed, "{\"id\": \"/broken\", \"instances\": 1,, \"cmd\": \"sleep 1\"}");
        LaunchResult bad = dcos.launch("marathon", "app", "add", malformed.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(oneLine(bad)).startsWith("Error: " + malformed + " is not valid JSON: ").contains("(line 1, column");
        Files.writeString(malformed, "{\"id\": \"/broken\", \"instances\": \"two\", \"cmd\": \"sleep 100\"}");
        assertThat(oneLine(dcos.launch("marathon", "app", "add", malformed.toString()))).isEqualTo("Error: "
                + malformed + " is not a valid app definition: /instances: error.expected.jsnumber");
        Files.writeString(malformed, "{\"cmd\": \"sleep 100\"}");
        assertThat(oneLine(dcos.launch("marathon", "app", "add", malformed.toString()))).isEqualTo("Error: "
                + malformed + " is not a valid app definition: it has no \"id\"");
        // from standard input (which Quarkus' launcher cannot give): the CLI in-process with the same config
        CliRunner.Result stdin = new CliRunner(work).env("DCOS_DIR", dcosDir.toString()).stdin("[1, 2")
                .run("marathon", "app", "add");
        assertThat(stdin.exitCode()).isEqualTo(1);
        assertThat(stdin.err()).startsWith("Error: standard input is not valid JSON: ");
        // nothing was sent
        assertThat(Http.get(cluster().marathonUrl() + "/v2/apps/broken").statusCode()).isEqualTo(404);
        assertThat(Http.json(Http.get(cluster().marathonUrl() + "/v2/apps")).path("apps").findValuesAsText("id"))
                .containsExactly(APP);

        // Marathon's validation: the message and the details on one line
        LaunchResult invalid = dcos.launch("marathon", "app", "update", APP, "instances=-1");
        assertThat(invalid.exitCode()).isEqualTo(1);
        assertThat(oneLine(invalid)).isEqualTo("Error: Object is not valid (/instances: got -1, expected 0 or more)");

        // a component that does not run on this cluster: the edge says so, the CLI passes it on
        LaunchResult nodeLog = dcos.launch("node", "log", "--leader");
        assertThat(nodeLog.exitCode()).isEqualTo(1);
        assertThat(oneLine(nodeLog)).isEqualTo("Error: Cannot read the node's log: dcos-log does not run on this "
                + "cluster yet");

        // the token goes as DC/OS sends it ('Authorization: token=...'): the edge lets the request through
        LaunchResult about = dcos.launch("marathon", "about");
        assertThat(about.exitCode()).as(about.getErrorOutput()).isZero();
        assertThat(json(about.getOutput()).path("name").asText()).isEqualTo("marathon");

        LaunchResult usage = dcos.launch("marathon", "app", "add", "a.json", "b.json");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(oneLine(usage)).startsWith("Error: Unmatched argument").endsWith(
                "(see 'dcos marathon app add --help')");

        System.setProperty("DCOS_URL", "http://127.0.0.1:1");
        try {
            LaunchResult unreachable = dcos.launch("marathon", "app", "list");
            assertThat(unreachable.exitCode()).isEqualTo(1);
            assertThat(oneLine(unreachable)).isEqualTo("Error: Cannot reach http://127.0.0.1:1: connection refused");
        } finally {
            System.clearProperty("DCOS_URL");
        }
        // the configured cluster moved away: named in the message; -v adds the stack trace
        assertThat(dcos.launch("config", "set", "core.dcos_url", "http://127.0.0.1:1").exitCode()).isZero();
        try {
            LaunchResult unreachable = dcos.launch("marathon", "app", "list");
            assertThat(unreachable.exitCode()).isEqualTo(1);
            assertThat(oneLine(unreachable)).isEqualTo("Error: Cannot reach cli at http://127.0.0.1:1: connection "
                    + "refused");
            LaunchResult verbose = dcos.launch("marathon", "app", "list", "-v");
            assertThat(verbose.exitCode()).isEqualTo(1);
            assertThat(verbose.getErrorOutput()).startsWith("Error: Cannot reach cli at http://127.0.0.1:1")
                    .contains("\tat dev.dcosnative.cli.http.");
        } finally {
            dcos.launch("config", "set", "core.dcos_url", cluster().edgeUrl());
        }
        assertThat(dcos.launch("marathon", "app", "list").exitCode()).isZero();
    }

    @Test
    @Order(14)
    void aDeploymentThatCannotFinishLocksTheApp(QuarkusMainLauncher dcos) throws Exception {
        Path stuck = work.resolve("cli-stuck.json");
        Files.writeString(stuck, """
                {"id": "%s", "instances": 1, "cpus": 0.1, "mem": 1048576, "portDefinitions": [], "cmd": "sleep 1000"}
                """.formatted(STUCK));
        // --no-wait: back once the deployment started, which goes on
        LaunchResult add = dcos.launch("marathon", "app", "add", stuck.toString(), "--no-wait");
        assertThat(add.exitCode()).as(add.getErrorOutput()).isZero();
        assertThat(add.getOutput()).matches("Created deployment [0-9a-f-]+\\s*");
        assertThat(add.getErrorOutput()).isEmpty();
        String first = add.getOutput().strip().substring("Created deployment ".length());
        assertThat(deploymentsOf(STUCK)).containsExactly(first);

        // the table: its deployment and the launch queue's wait
        Await.until("the app waiting in the launch queue", Duration.ofSeconds(20),
                () -> dcos.launch("marathon", "app", "list").getOutput(),
                table -> table.lines().anyMatch(l -> l.startsWith(STUCK + " ") && l.contains(" True ")));
        assertThat(dcos.launch("marathon", "app", "list").getOutput().lines().filter(l -> l.startsWith(STUCK + " ")))
                .singleElement().satisfies(l -> assertThat(l).matches(
                        "/cli-stuck +1048576 +0\\.1 +0/1 +--- +\\w+ +True +N/A +sleep 1000"));
        assertThat(dcos.launch("marathon", "app", "list", "-q").getOutput().lines()).containsExactlyInAnyOrder(APP,
                STUCK);

        // Marathon's 409, with the deployment that holds the app
        String locked = "Error: App is locked by one or more deployments. Override with the option '?force=true'. "
                + "View details at '/v2/deployments/<DEPLOYMENT_ID>'. (deployment " + first + ")";
        LaunchResult update = dcos.launch("marathon", "app", "update", STUCK, "instances=2");
        assertThat(update.exitCode()).isEqualTo(1);
        assertThat(oneLine(update)).isEqualTo(locked);
        LaunchResult restart = dcos.launch("marathon", "app", "restart", STUCK);
        assertThat(restart.exitCode()).isEqualTo(1);
        assertThat(oneLine(restart)).isEqualTo(locked);

        // forced, the CLI follows its own deployment; someone else forces another change meanwhile: the CLI's
        // deployment ends without finishing, and the CLI says which one took over
        CompletableFuture<String> other = CompletableFuture.supplyAsync(() -> {
            List<String> ours;
            try {
                ours = Await.until("the CLI's forced deployment", Duration.ofSeconds(30), () -> deploymentsOf(
                        STUCK), ids -> !ids.isEmpty() && !ids.contains(first));
            } catch (RuntimeException | AssertionError e) {
                // end the CLI's wait rather than the build's: the app goes, and its deployment with it
                Http.send(HttpRequest.newBuilder(URI.create(cluster().marathonUrl() + "/v2/apps" + STUCK
                        + "?force=true")).DELETE().timeout(Duration.ofSeconds(10)).build());
                throw e;
            }
            HttpResponse<byte[]> forced = Http.send(HttpRequest.newBuilder(URI.create(cluster().marathonUrl()
                    + "/v2/apps" + STUCK + "?force=true")).header("Content-Type", "application/json")
                    .PUT(BodyPublishers.ofString("{\"instances\": 3}")).timeout(Duration.ofSeconds(10)).build());
            assertThat(forced.statusCode()).as(Http.text(forced)).isEqualTo(200);
            String id = Http.json(forced).path("deploymentId").asText();
            assertThat(id).isNotIn(ours);
            return id;
        });
        LaunchResult forced = dcos.launch("marathon", "app", "update", STUCK, "instances=2", "--force");
        String taking = other.get(30, TimeUnit.SECONDS);
        assertThat(forced.exitCode()).isEqualTo(1);
        assertThat(forced.getOutput()).matches("Created deployment [0-9a-f-]+\\s*");
        String second = forced.getOutput().strip().substring("Created deployment ".length());
        assertThat(forced.getErrorOutput()).endsWith("Error: Deployment " + second + " did not finish: deployment "
                + taking + " now works on " + STUCK + " (a rollback or a forced change)");

        LaunchResult remove = dcos.launch("marathon", "app", "remove", STUCK, "--force");
        assertThat(remove.exitCode()).as(remove.getErrorOutput()).isZero();
        assertThat(Http.get(cluster().marathonUrl() + "/v2/apps" + STUCK).statusCode()).isEqualTo(404);
        assertThat(deploymentsOf(STUCK)).isEmpty();
    }

    /** The ids of the deployments working on {@code app}, asked by the harness. */
    static List<String> deploymentsOf(String app) {
        List<String> ids = new java.util.ArrayList<>();
        for (JsonNode deployment : Http.json(Http.get(cluster().marathonUrl() + "/v2/deployments"))) {
            for (JsonNode affected : deployment.path("affectedApps")) {
                if (affected.asText().equals(app)) {
                    ids.add(deployment.path("id").asText());
                }
            }
        }
        return ids;
    }

    @Test
    @Order(15)
    void removeWaitsUntilTheTasksAreGone(QuarkusMainLauncher dcos) {
        LaunchResult result = dcos.launch("marathon", "app", "remove", APP);
        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        assertThat(marathonApp()).isNull();
        LaunchResult tasks = dcos.launch("task", "list", "cli-hello");
        assertThat(tasks.exitCode()).isZero();
        assertThat(tasks.getOutput().lines().filter(l -> l.startsWith("cli-hello "))).isEmpty();
    }

    @Test
    @Order(16)
    void anExpiredOrRefusedTokenSaysHowToLogInAgain(QuarkusMainLauncher dcos) {
        String good = dcos.launch("config", "show", "core.dcos_acs_token").getOutput().strip();
        assertThat(good).startsWith("ey");
        try {
            // a token that expired an hour ago: the edge refuses it, the CLI reads its exp and says so
            String expired = unsignedToken(Instant.now().minusSeconds(3600));
            assertThat(dcos.launch("config", "set", "core.dcos_acs_token", expired).exitCode()).isZero();
            LaunchResult result = dcos.launch("marathon", "app", "list");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(oneLine(result)).matches("Error: Your login to cli expired at \\d{4}-\\d\\d-\\d\\d "
                    + "\\d\\d:\\d\\d:\\d\\d .+: log in again with 'dcos auth login'");

            // one that has not expired but was not signed by the cluster: refused, in the edge's words
            assertThat(dcos.launch("config", "set", "core.dcos_acs_token", unsignedToken(Instant.now().plusSeconds(
                    3600))).exitCode()).isZero();
            LaunchResult refused = dcos.launch("marathon", "app", "list");
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(oneLine(refused)).startsWith("Error: cli did not accept your login token").endsWith(
                    ": log in again with 'dcos auth login'");
        } finally {
            dcos.launch("config", "set", "core.dcos_acs_token", good);
        }
        assertThat(dcos.launch("marathon", "app", "list").exitCode()).isZero();
    }

    @Test
    @Order(17)
    void anOpenIdConnectLoginGoesThroughTheBrowserAndTheTokenItShows(QuarkusMainLauncher dcos) throws Exception {
        String providerId = "cli-sso";
        String email = "oidc-user@example.com";
        String stranger = "oidc-stranger@example.com";
        try (OidcBrowser browser = new OidcBrowser()) {
            // the provider and its user, as a superuser configures them through the edge
            HttpResponse<byte[]> configured = Http.send(HttpRequest.newBuilder(URI.create(cluster().edgeUrl()
                    + "/acs/api/v1/auth/oidc/providers/" + providerId)).header("Content-Type", "application/json")
                    .PUT(BodyPublishers.ofString(browser.providerJson("CLI test SSO", cluster().edgeUrl())))
                    .timeout(Duration.ofSeconds(10)).build());
            assertThat(configured.statusCode()).as(Http.text(configured)).isEqualTo(201);
            HttpResponse<byte[]> invited = Http.send(HttpRequest.newBuilder(URI.create(cluster().edgeUrl()
                    + "/acs/api/v1/users/" + email)).header("Content-Type", "application/json")
                    .PUT(BodyPublishers.ofString("{\"provider_type\":\"oidc\",\"provider_id\":\"" + providerId
                            + "\"}"))
                    .timeout(Duration.ofSeconds(10)).build());
            assertThat(invited.statusCode()).as(Http.text(invited)).isEqualTo(201);
            assertThat(dcos.launch("auth", "list-providers").getOutput()).containsPattern(providerId
                    + " +oidc-authorization-code-flow +CLI test SSO");

            // the CLI prints the URL and waits for the token; the test is the user's browser meanwhile, and pastes
            // what the cluster's page shows (the CLI in-process, as for standard input above)
            PipedOutputStream typing = new PipedOutputStream();
            CliRunner cli = new CliRunner(work).env("DCOS_DIR", dcosDir.toString()).stdin(new PipedInputStream(
                    typing));
            CompletableFuture<CliRunner.Result> running = CompletableFuture.supplyAsync(() -> cli.run("auth",
                    "login", "--provider", providerId));
            String url;
            try {
                url = Await.until("the login URL the CLI prints", Duration.ofSeconds(30), () -> cli.errSoFar().lines()
                        .map(String::strip).filter(l -> l.startsWith("http")).findFirst(), Optional::isPresent).get();
                assertThat(url).isEqualTo(cluster().edgeUrl() + "/acs/api/v1/auth/login?oidc-provider=" + providerId
                        + "&target=dcos:authenticationresponse:html");
                HttpResponse<String> page = browser.login(url, email);
                assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
                String idToken = OidcBrowser.shownToken(page.body()).orElseThrow();
                assertThat(claims(idToken).path("email").asText()).isEqualTo(email);
                typing.write((idToken + "\n").getBytes(StandardCharsets.UTF_8));
            } finally {
                // whatever happened, the CLI's wait ends
                typing.close();
            }
            CliRunner.Result login = running.get(60, TimeUnit.SECONDS);
            assertThat(login.exitCode()).as(login.toString()).isZero();
            assertThat(login.err()).startsWith("Log in with CLI test SSO: open this URL in a browser, then paste the "
                    + "token it shows.");
            assertThat(login.out()).startsWith("Logged in to cli as " + email + " (until ");
            String token = dcos.launch("config", "show", "core.dcos_acs_token").getOutput().strip();
            assertThat(claims(token).path("uid").asText()).isEqualTo(email);
            // the edge takes the token as that user's, who was granted nothing: refused in the user's name
            LaunchResult list = dcos.launch("marathon", "app", "list");
            assertThat(list.exitCode()).isEqualTo(1);
            assertThat(oneLine(list)).contains("User '" + email + "' is not allowed to access this resource");

            // someone the superuser did not invite: the cluster's page shows no token, and the ID token the provider
            // gives them is refused with the IAM's words on one line; the earlier login holds
            HttpResponse<String> refusedPage = browser.login(url, stranger);
            assertThat(refusedPage.statusCode()).isEqualTo(403);
            assertThat(refusedPage.body()).contains("ERR_USER_NOT_INVITED");
            assertThat(OidcBrowser.shownToken(refusedPage.body())).isEmpty();
            CliRunner.Result refused = new CliRunner(work).env("DCOS_DIR", dcosDir.toString()).stdin(browser.idToken(
                    stranger) + "\n").run("auth", "login", "--provider", providerId);
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.out()).isEmpty();
            assertThat(refused.err()).startsWith("Log in with CLI test SSO: ").endsWith("\n\nError: Login failed: "
                    + "User `" + stranger + "` may not log in through OIDC provider `" + providerId + "`: a superuser "
                    + "must first add the user (PUT /acs/api/v1/users/" + stranger + " with provider_type `oidc` and "
                    + "provider_id `" + providerId + "`).\n");
            assertThat(dcos.launch("config", "show", "core.dcos_acs_token").getOutput().strip()).isEqualTo(token);
        } finally {
            // the superuser again, for the tests after this one
            LaunchResult again = dcos.launch("auth", "login", "--username", Cluster.SUPERUSER, "--password",
                    Cluster.SUPERUSER_PASSWORD);
            assertThat(again.exitCode()).as(again.getErrorOutput()).isZero();
        }
        assertThat(dcos.launch("marathon", "app", "list").exitCode()).isZero();
    }

    /** A JWT's claims (its signature unchecked). */
    static JsonNode claims(String jwt) {
        return json(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    @Test
    @Order(18)
    void afterLogoutTheCliSaysHowToLogIn(QuarkusMainLauncher dcos) throws Exception {
        assertThat(dcos.launch("auth", "logout").exitCode()).isZero();
        LaunchResult result = dcos.launch("marathon", "app", "list");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(oneLine(result)).isEqualTo("Error: Not logged in to cli: run 'dcos auth login'");
        // what the real edge answers without a token: the challenge auth login falls back on when a cluster lists no
        // login providers
        HttpResponse<Void> challenge = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cluster()
                .edgeUrl() + "/pkgpanda/active.buildinfo.full.json")).method("HEAD", BodyPublishers.noBody()).build(),
                BodyHandlers.discarding());
        assertThat(challenge.statusCode()).isEqualTo(401);
        assertThat(challenge.headers().firstValue("WWW-Authenticate")).contains("oauthjwt");
        System.setProperty("DCOS_PASSWORD", Cluster.SUPERUSER_PASSWORD);
        try {
            LaunchResult login = dcos.launch("auth", "login", "--username", Cluster.SUPERUSER);
            assertThat(login.exitCode()).as(login.getErrorOutput()).isZero();
        } finally {
            System.clearProperty("DCOS_PASSWORD");
        }
        LaunchResult list = dcos.launch("marathon", "app", "list");
        assertThat(list.exitCode()).as(list.getErrorOutput()).isZero();
        assertThat(list.getOutput()).doesNotContain(APP);
    }

    /** Runs bin/dcos with the given arguments in a pseudo-terminal, as a user types it; returns what the terminal showed. */
    static String inATerminal(String arguments) throws IOException, InterruptedException {
        Path dcosScript = Binaries.root().resolve("bin/dcos");
        ProcessBuilder pty = new ProcessBuilder("script", "-qfec", dcosScript + " " + arguments, "/dev/null")
                .redirectErrorStream(true);
        Map<String, String> env = pty.environment();
        env.put("DCOS_DIR", dcosDir.toString());
        env.put("TERM", "xterm");
        env.put("COLUMNS", "120");
        Process process = pty.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println("$ dcos " + arguments + "\n" + output.replace("\033", "\\e").replace("\r", "\\r"));
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    /** A JWT of the superuser with the given expiry and a signature no cluster made. */
    static String unsignedToken(Instant exp) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"uid\":\"" + Cluster.SUPERUSER + "\",\"exp\":" + exp.getEpochSecond()
                + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + "." + b64.encodeToString("not-a-signature".getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode json(String text) {
        try {
            return Http.JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
