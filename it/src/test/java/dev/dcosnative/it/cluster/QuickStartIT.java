package dev.dcosnative.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.it.harness.Binaries;
import dev.dcosnative.it.harness.Http;
import dev.dcosnative.it.harness.OperatorClient;

/**
 * The README's quick start, as a user runs it: {@code bin/dcos-up} starts a working cluster and prints
 * {@code DCOS_URL}, a second call does not start a second cluster, {@code bin/dcos-down} stops it. Run on addresses
 * of its own so it never meets a developer's quick-start cluster.
 */
@Tag("cluster")
class QuickStartIT {

    private record Run(int exit, String out, String err) {
    }

    private static final String SUBNET = "127." + (20 + ProcessHandle.current().pid() % 200) + ".250.";
    private final Path dir = Path.of(System.getProperty("dcos.it.output", "target"), "quickstart");
    private final Map<String, String> env = Map.of("DCOS_UP_DIR", dir.toString(), "DCOS_UP_MASTER_IP", SUBNET + "1",
            "DCOS_UP_AGENT_IP", SUBNET + "2", "DCOS_UP_PUBLIC_AGENT_IP", SUBNET + "3");

    private Run run(String script) {
        try {
            ProcessBuilder builder = new ProcessBuilder(Binaries.root().resolve("bin").resolve(script).toString());
            builder.environment().putAll(env);
            Path out = Files.createTempFile("quickstart", ".out");
            Path err = Files.createTempFile("quickstart", ".err");
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(script + " did not return within 300 s");
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<Long> pids() throws IOException {
        List<Long> pids = new ArrayList<>();
        for (String node : List.of("master", "agent", "agent-public")) {
            Path file = dir.resolve(node + ".pid");
            if (Files.exists(file)) {
                pids.add(Long.parseLong(Files.readString(file).trim()));
            }
        }
        return pids;
    }

    @Test
    void dcosUpStartsAWorkingClusterOnceAndDcosDownStopsIt() throws IOException {
        try {
            Run up = run("dcos-up");
            assertThat(up.exit()).as(up.err()).isZero();
            String edge = "http://" + SUBNET + "1";
            List<String> printed = up.out().lines().toList();
            assertThat(printed).hasSize(3);
            assertThat(printed.get(0)).isEqualTo("DCOS_URL=" + edge);
            assertThat(printed.get(1)).isEqualTo("DCOS_USERNAME=bootstrapuser");
            assertThat(printed.get(2)).startsWith("DCOS_PASSWORD=").hasSizeGreaterThan("DCOS_PASSWORD=".length() + 12);
            String password = printed.get(2).substring("DCOS_PASSWORD=".length());
            assertThat(up.err()).as("the password is printed once, on stdout, never logged").doesNotContain(password);

            // the edge is the door: nothing without a token, everything with the printed credentials
            HttpResponse<byte[]> anonymous = Http.post(edge + "/mesos/api/v1", "application/json",
                    "{\"type\":\"GET_AGENTS\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(anonymous.statusCode()).isEqualTo(401);
            HttpResponse<byte[]> login = Http.post(edge + "/acs/api/v1/auth/login", "application/json",
                    ("{\"uid\":\"bootstrapuser\",\"password\":\"" + password + "\"}")
                            .getBytes(StandardCharsets.UTF_8));
            assertThat(login.statusCode()).as(Http.text(login)).isEqualTo(200);
            Http.authorize(SUBNET + "1", Http.json(login).path("token").asText());

            JsonNode agents = new OperatorClient(edge + "/mesos").getAgents();
            assertThat(agents.path("get_agents").path("agents")).hasSize(2);
            assertThat(agents.toString()).contains("\"hostname\":\"" + SUBNET + "2\"")
                    .contains("\"hostname\":\"" + SUBNET + "3\"")
                    .contains("slave_public");
            List<Long> pids = pids();
            assertThat(pids).hasSize(3).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isPresent());

            Run again = run("dcos-up");
            assertThat(again.exit()).isZero();
            assertThat(again.err()).contains("already running");
            assertThat(again.out().lines().toList()).as("the same credentials again").isEqualTo(printed);
            assertThat(pids()).isEqualTo(pids);

            Run down = run("dcos-down");
            assertThat(down.exit()).isZero();
            assertThat(down.err()).contains("stopped master");
            assertThat(pids).noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
            assertThat(pids()).as("pid files are removed").isEmpty();
        } finally {
            Http.forget(SUBNET + "1");
            run("dcos-down");
        }
    }
}
