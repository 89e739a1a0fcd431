package dev.dcosnative.agent.task;

import static dev.dcosnative.agent.task.AgentTasks.id;
import static dev.dcosnative.agent.task.AgentTasks.read;
import static dev.dcosnative.agent.task.AgentTasks.sandbox;
import static dev.dcosnative.agent.task.AgentTasks.task;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The agent fetches a task's {@code CommandInfo.uris} into its sandbox before launching it, as Mesos' fetcher does:
 * real files, archives and an HTTP server on 127.0.0.1, real tasks that use what was fetched.
 */
@QuarkusTest
@WithTestResource(value = MasterStandIn.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TaskFetchTest {

    private final AgentTasks tasks = new AgentTasks();
    private final CountDownLatch release = new CountDownLatch(1);
    private Path dir;
    private HttpServer server;

    @BeforeEach
    void setUp() throws Exception {
        // readable by any user: tasks may fetch from here as nobody
        dir = Files.createTempDirectory("task-fetch-test-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.writeString(dir.resolve("a.txt"), "A\n");
        Files.writeString(dir.resolve("b.txt"), "B\n");
        Files.writeString(dir.resolve("tool.sh"), "#!/bin/sh\necho tool-ran\n");
        Path content = Files.createDirectories(dir.resolve("content/bundle"));
        Files.writeString(content.resolve("inside.txt"), "IN\n");
        tar(dir.resolve("bundle.tar.gz"), dir.resolve("content"), "bundle");
    }

    @AfterEach
    void tearDown() throws Exception {
        release.countDown();
        try {
            tasks.killAll();
        } finally {
            if (server != null) {
                server.stop(0);
            }
            try (Stream<Path> tree = Files.walk(dir)) {
                tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void tar(Path archive, Path from, String what) throws Exception {
        Process tar = new ProcessBuilder("tar", "-czf", archive.toString(), "-C", from.toString(), what)
                .redirectErrorStream(true).start();
        assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as(new String(tar.getInputStream().readAllBytes())).isZero();
    }

    private static CommandInfo.URI.Builder uri(String value) {
        return CommandInfo.URI.newBuilder().setValue(value);
    }

    private static TaskInfo withUris(TaskInfo.Builder task, CommandInfo.URI.Builder... uris) {
        for (CommandInfo.URI.Builder uri : uris) {
            task.getCommandBuilder().addUris(uri);
        }
        return task.build();
    }

    /** An HTTP server on 127.0.0.1 with the test's files under /dist, a redirect at /latest, a stall at /stall. */
    private String serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "task-fetch-test-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/dist/", exchange -> {
            Path file = dir.resolve(exchange.getRequestURI().getPath().substring("/dist/".length()));
            respond(exchange, Files.exists(file) ? 200 : 404, Files.exists(file) ? Files.readAllBytes(file)
                    : new byte[0]);
        });
        server.createContext("/latest", exchange -> {
            exchange.getResponseHeaders().add("Location", "/dist/bundle.tar.gz");
            respond(exchange, 302, new byte[0]);
        });
        server.createContext("/stall", exchange -> {
            exchange.sendResponseHeaders(200, 1 << 20);
            exchange.getResponseBody().write(new byte[100]);
            exchange.getResponseBody().flush();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void pathsFileUrisArchivesAndExecutablesAreInTheSandboxBeforeTheTaskRuns() throws Exception {
        String id = id("fetch-local");
        tasks.run(withUris(task(id, "cat a.txt conf/renamed.txt bundle/inside.txt && ./tool.sh"),
                uri(dir.resolve("a.txt").toUri().toString()),
                uri(dir.resolve("b.txt").toString()).setOutputFile("conf/renamed.txt"),
                uri(dir.resolve("bundle.tar.gz").toString()),
                uri("file://" + dir.resolve("tool.sh")).setExecutable(true)));

        TaskStatus finished = tasks.awaitTerminal(id);

        assertThat(finished.getState()).as(finished.getMessage()).isEqualTo(TaskState.TASK_FINISHED);
        Path sandbox = sandbox(id);
        assertThat(read(sandbox.resolve("stdout"))).isEqualTo("A\nB\nIN\ntool-ran\n");
        assertThat(sandbox.resolve("bundle.tar.gz")).exists();
        assertThat(Files.getPosixFilePermissions(sandbox.resolve("tool.sh"))).contains(
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
        assertThat(Files.getPosixFilePermissions(sandbox.resolve("a.txt")))
                .doesNotContain(PosixFilePermission.OWNER_EXECUTE);
        assertThat(read(sandbox.resolve("stderr")))
                .contains("Fetched '" + dir.resolve("a.txt").toUri() + "' to '")
                .contains("Extracted '")
                .contains("Successfully fetched all URIs into '");
    }

    @Test
    void anHttpDownloadFollowsItsRedirectAndNeverLogsCredentials() throws Exception {
        String base = serve();
        String id = id("fetch-http");
        tasks.run(withUris(task(id, "cat bundle/inside.txt"),
                uri(base.replace("http://", "http://builder:t0ps3cret@") + "/latest").setOutputFile("app.tgz")));

        TaskStatus finished = tasks.awaitTerminal(id);

        assertThat(finished.getState()).as(finished.getMessage()).isEqualTo(TaskState.TASK_FINISHED);
        assertThat(read(sandbox(id).resolve("stdout"))).isEqualTo("IN\n");
        assertThat(sandbox(id).resolve("app.tgz")).exists();
        assertThat(read(sandbox(id).resolve("stderr"))).contains("Fetched '" + base + "/latest'")
                .doesNotContain("t0ps3cret");
    }

    @Test
    void aUriThatCannotBeFetchedFailsTheTaskAsALaunchFailure() throws Exception {
        String id = id("fetch-missing");
        String missing = "file://" + dir.resolve("no-such-file.tgz");
        tasks.run(withUris(task(id, "echo should-not-run"), uri(missing)));

        TaskStatus failed = tasks.awaitTerminal(id);

        assertThat(failed.getState()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(failed.getReason()).isEqualTo(TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED);
        assertThat(failed.getMessage()).contains("Failed to fetch all URIs for container '")
                .contains("Failed to fetch '" + missing + "'")
                .contains("No such file or directory");
        assertThat(tasks.updates(id)).extracting(TaskStatus::getState).containsExactly(TaskState.TASK_STARTING,
                TaskState.TASK_FAILED);
        assertThat(read(sandbox(id).resolve("stdout"))).doesNotContain("should-not-run");
    }

    @Test
    void anHttpErrorFailsTheTaskNamingTheUrl() throws Exception {
        String base = serve();
        String id = id("fetch-404");
        tasks.run(withUris(task(id, "true"), uri(base + "/dist/absent.zip")));

        TaskStatus failed = tasks.awaitTerminal(id);

        assertThat(failed.getState()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(failed.getReason()).isEqualTo(TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED);
        assertThat(failed.getMessage()).contains(base + "/dist/absent.zip").contains("HTTP return code 404");
    }

    @Test
    void theTasksUserOwnsWhatIsFetchedAndCannotFetchWhatItCannotRead() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "switching users needs root");
        String id = id("fetch-nobody");
        TaskInfo.Builder task = task(id, "test -O a.txt && test -O bundle/inside.txt && test -O bundle.tar.gz");
        task.getCommandBuilder().setUser("nobody");
        tasks.run(withUris(task, uri(dir.resolve("a.txt").toString()), uri(dir.resolve("bundle.tar.gz").toString())));

        TaskStatus finished = tasks.awaitTerminal(id);

        assertThat(finished.getState()).as(finished.getMessage()).isEqualTo(TaskState.TASK_FINISHED);
        assertThat(Files.getAttribute(sandbox(id).resolve("bundle/inside.txt"), "unix:uid")).isEqualTo(65534);

        Path secret = Files.writeString(dir.resolve("root-only.txt"), "secret\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        String denied = id("fetch-denied");
        TaskInfo.Builder nosy = task(denied, "cat root-only.txt");
        nosy.getCommandBuilder().setUser("nobody");
        tasks.run(withUris(nosy, uri(secret.toString())));

        TaskStatus failed = tasks.awaitTerminal(denied);

        assertThat(failed.getState()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(failed.getMessage()).contains("Permission denied");
    }

    @Test
    void aKillDuringTheFetchEndsTheTaskBeforeItIsLaunched() throws Exception {
        String base = serve();
        String id = id("fetch-killed");
        tasks.run(withUris(task(id, "echo should-not-run"), uri(base + "/stall").setOutputFile("big.bin")));
        AgentTasks.eventually("the download to start", () -> read(sandbox(id).resolve("stderr"))
                .contains("Downloading resource from"));

        tasks.kill(id);
        TaskStatus killed = tasks.awaitTerminal(id);

        assertThat(killed.getState()).isEqualTo(TaskState.TASK_KILLED);
        assertThat(tasks.updates(id)).extracting(TaskStatus::getState).doesNotContain(TaskState.TASK_RUNNING);
        assertThat(read(sandbox(id).resolve("stdout"))).doesNotContain("should-not-run");
        String log = new String(Files.readAllBytes(sandbox(id).resolve("stderr")), StandardCharsets.UTF_8);
        AgentTasks.eventually("the fetch to stop", () -> read(sandbox(id).resolve("stderr")).contains("cancelled"));
        assertThat(log).doesNotContain("Successfully fetched");
    }
}
