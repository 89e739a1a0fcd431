package dev.dcosnative.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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

import dev.dcosnative.it.harness.Await;
import dev.dcosnative.it.harness.Binaries;
import dev.dcosnative.it.harness.Cluster;
import dev.dcosnative.it.harness.ClusterExtension;
import dev.dcosnative.it.harness.Http;

/**
 * The CLI against a real cluster (it/'s harness: a master with its edge and IAM, a private and a public agent on
 * loopback; one cluster for the whole class), the way a user goes: set up and log in, add an app and wait for it,
 * list and show it, scale it, list its tasks, read a task's stdout, restart it in a terminal with a progress bar,
 * remove it — and the failures a user meets (wrong password, unknown app, malformed JSON, a wrong command line, an
 * unreachable cluster, an expired or refused token, no login), each one line on stderr with its exit code. Every
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

    static Path dcosDir;
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
    }

    @Test
    @Order(3)
    void appAddWaitsUntilTheAppRuns(QuarkusMainLauncher dcos) throws IOException {
        Path app = work.resolve("cli-hello.json");
        Files.writeString(app, """
                {"id": "%s", "instances": 1, "cpus": 0.1, "mem": 32, "portDefinitions": [],
                 "cmd": "echo %s; i=0; while true; do i=$((i+1)); echo tick-$i >&2; sleep 0.5; done"}
                """.formatted(APP, GREETING));
        LaunchResult result = dcos.launch("marathon", "app", "add", app.toString());
        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        assertThat(result.getOutput()).startsWith("Created deployment ");
        // not a terminal: plain progress lines, then the end
        // (a new app's deployment is Marathon's two steps: start it with no instances, then scale it)
        assertThat(result.getErrorOutput()).containsPattern("deployment [0-9a-f]{8}: step 2/2: ScaleApplication "
                + APP + " [01]/1").containsPattern("Deployment [0-9a-f-]+ finished in ");
        // it returned only once the instance runs
        assertThat(marathonApp().path("tasksRunning").asInt()).isEqualTo(1);
    }

    @Test
    @Order(4)
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
        assertThat(json(json.getOutput()).findValuesAsText("id")).contains(APP);
    }

    @Test
    @Order(5)
    void scaleThroughUpdate(QuarkusMainLauncher dcos) {
        LaunchResult result = dcos.launch("marathon", "app", "update", APP, "instances=2");
        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        assertThat(result.getOutput()).startsWith("Created deployment ");
        assertThat(marathonApp().path("tasksRunning").asInt()).isEqualTo(2);
        assertThat(dcos.launch("marathon", "app", "list").getOutput()).containsPattern("/cli-hello .* 2/2 ");
    }

    @Test
    @Order(6)
    void taskLists(QuarkusMainLauncher dcos) {
        LaunchResult marathonTasks = dcos.launch("marathon", "task", "list", APP);
        assertThat(marathonTasks.exitCode()).as(marathonTasks.getErrorOutput()).isZero();
        assertThat(marathonTasks.getOutput().lines().filter(l -> l.startsWith(APP + " "))).hasSize(2)
                .allMatch(l -> l.contains("TASK_RUNNING"));
        LaunchResult mesosTasks = dcos.launch("task", "list", "cli-hello");
        assertThat(mesosTasks.exitCode()).as(mesosTasks.getErrorOutput()).isZero();
        assertThat(mesosTasks.getOutput().lines().filter(l -> l.startsWith("cli-hello "))).hasSize(2)
                .allMatch(l -> l.contains(" RUNNING "));
        LaunchResult services = dcos.launch("service", "list");
        assertThat(services.exitCode()).as(services.getErrorOutput()).isZero();
        assertThat(services.getOutput()).containsPattern("marathon .* True +2 ");
        LaunchResult nodes = dcos.launch("node", "list");
        assertThat(nodes.exitCode()).as(nodes.getErrorOutput()).isZero();
        assertThat(nodes.getOutput()).contains("master (leader)").contains("agent (public)");
    }

    @Test
    @Order(7)
    void taskLogShowsTheTasksStdout(QuarkusMainLauncher dcos) {
        LaunchResult tasks = dcos.launch("marathon", "task", "list", APP, "--json");
        String taskId = json(tasks.getOutput()).get(0).path("id").asText();
        LaunchResult log = dcos.launch("task", "log", taskId);
        assertThat(log.exitCode()).as(log.getErrorOutput()).isZero();
        assertThat(log.getOutput()).contains(GREETING);
        // a filter matching both tasks: each one's last line under its own header
        LaunchResult both = dcos.launch("task", "log", "cli-hello", "--lines", "1");
        assertThat(both.exitCode()).as(both.getErrorOutput()).isZero();
        assertThat(both.getOutput().lines().filter(l -> l.startsWith("===> "))).hasSize(2);
        assertThat(both.getOutput().lines().filter(l -> l.contains(GREETING))).hasSize(2);
    }

    @Test
    @Order(8)
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
    @Order(9)
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
    @Order(10)
    void failuresAreOneLineWithTheRightExitCode(QuarkusMainLauncher dcos) throws IOException {
        LaunchResult unknown = dcos.launch("marathon", "app", "show", "/no-such-app");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(oneLine(unknown)).isEqualTo("Error: App '/no-such-app' does not exist");

        Path malformed = work.resolve("malformed.json");
        Files.writeString(malformed, "{\"id\": \"/broken\", \"instances\": 1,, \"cmd\": \"sleep 1\"}");
        LaunchResult bad = dcos.launch("marathon", "app", "add", malformed.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(oneLine(bad)).startsWith("Error: " + malformed + " is not valid JSON: ").contains("(line 1, column");
        // nothing was sent
        assertThat(Http.get(cluster().marathonUrl() + "/v2/apps/broken").statusCode()).isEqualTo(404);

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
    }

    @Test
    @Order(11)
    void removeWaitsUntilTheTasksAreGone(QuarkusMainLauncher dcos) {
        LaunchResult result = dcos.launch("marathon", "app", "remove", APP);
        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        assertThat(marathonApp()).isNull();
        LaunchResult tasks = dcos.launch("task", "list", "cli-hello");
        assertThat(tasks.exitCode()).isZero();
        assertThat(tasks.getOutput().lines().filter(l -> l.startsWith("cli-hello "))).isEmpty();
    }

    @Test
    @Order(12)
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
    @Order(13)
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
