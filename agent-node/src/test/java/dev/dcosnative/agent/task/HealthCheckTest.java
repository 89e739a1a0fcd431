package dev.dcosnative.agent.task;

import static dev.dcosnative.agent.task.AgentTasks.eventually;
import static dev.dcosnative.agent.task.AgentTasks.freePort;
import static dev.dcosnative.agent.task.AgentTasks.id;
import static dev.dcosnative.agent.task.AgentTasks.read;
import static dev.dcosnative.agent.task.AgentTasks.sandbox;
import static dev.dcosnative.agent.task.AgentTasks.task;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.HealthCheck;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Health checks run by the agent next to real tasks (tiny python servers, shell commands), judged the Mesos way and
 * reported to the (stand-in) master as TASK_RUNNING updates with {@code healthy} and reason
 * REASON_TASK_HEALTH_CHECK_STATUS_UPDATED; failing ones get the task killed.
 */
@QuarkusTest
@WithTestResource(value = MasterStandIn.class, scope = TestResourceScope.MATCHING_RESOURCES)
class HealthCheckTest {

    private static final TaskStatus.Reason HEALTH = TaskStatus.Reason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED;

    private final AgentTasks tasks = new AgentTasks();

    @AfterEach
    void killLeftovers() throws InterruptedException {
        tasks.killAll();
    }

    private static HealthCheck.Builder check(double gracePeriodSeconds, int consecutiveFailures) {
        return HealthCheck.newBuilder()
                .setDelaySeconds(0)
                .setIntervalSeconds(0.2)
                .setTimeoutSeconds(5)
                .setGracePeriodSeconds(gracePeriodSeconds)
                .setConsecutiveFailures(consecutiveFailures);
    }

    private static HealthCheck.Builder http(int port, String path, double gracePeriodSeconds) {
        return check(gracePeriodSeconds, 3).setType(HealthCheck.Type.HTTP)
                .setHttp(HealthCheck.HTTPCheckInfo.newBuilder().setPort(port).setPath(path));
    }

    private static HealthCheck.Builder command(String command) {
        return HealthCheck.newBuilder().setType(HealthCheck.Type.COMMAND)
                .setCommand(CommandInfo.newBuilder().setValue(command));
    }

    private static String python() {
        Assumptions.assumeTrue(AgentTasks.python().isPresent(), "no python3 to start a tiny server with");
        return AgentTasks.python().get();
    }

    /** A task serving its sandbox over HTTP on 127.0.0.1:$PORT0, logging each request to its stderr. */
    private static TaskInfo.Builder webServer(String id, int port) {
        return task(id, "exec " + python() + " -m http.server $PORT0 --bind 127.0.0.1", port);
    }

    @Test
    void anHttpCheckOfARealServerMakesTheTaskHealthyOnceAndTheStateSaysSo() throws Exception {
        String id = id("http");
        int port = freePort();
        tasks.run(webServer(id, port).setHealthCheck(http(port, "/", 60)).build());

        TaskStatus healthy = tasks.await(id, s -> s.getReason() == HEALTH);

        assertThat(healthy.getState()).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(healthy.hasHealthy()).isTrue();
        assertThat(healthy.getHealthy()).isTrue();
        assertThat(healthy.getTaskId().getValue()).isEqualTo(id);
        // several more checks pass (the server logs each GET): the health is not reported again
        eventually("three health checks", () -> read(sandbox(id).resolve("stderr")).split("\"GET / ").length > 3);
        assertThat(tasks.healthReports(id)).hasSize(1);

        List<Boolean> shown = given().when().get("/state").then().statusCode(200).extract().jsonPath()
                .getList("frameworks.executors.flatten().tasks.flatten().findAll { it.id == '" + id
                        + "' }.statuses.flatten().healthy");
        assertThat(shown).containsExactly(true);
    }

    @Test
    void anHttpCheckOfAPortNobodyListensOnKillsTheTaskAfterItsConsecutiveFailures() throws Exception {
        String id = id("http-refused");
        int unused = freePort();
        tasks.run(task(id, "sleep 600").setHealthCheck(http(unused, "/health", 0).setConsecutiveFailures(2)).build());

        TaskStatus killed = tasks.awaitState(id, TaskState.TASK_KILLED);

        assertThat(killed.hasHealthy()).isTrue();
        assertThat(killed.getHealthy()).isFalse();
        List<TaskStatus> reports = tasks.healthReports(id);
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).getState()).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(reports.get(0).getHealthy()).isFalse();
        assertThat(reports.get(0).getMessage()).contains("GET http://127.0.0.1:" + unused + "/health failed");
        TaskStatus killing = tasks.awaitState(id, TaskState.TASK_KILLING);
        assertThat(killing.getHealthy()).isFalse();
        assertThat(tasks.updates(id)).extracting(TaskStatus::getState).containsExactly(TaskState.TASK_STARTING,
                TaskState.TASK_RUNNING, TaskState.TASK_RUNNING, TaskState.TASK_KILLING, TaskState.TASK_KILLED);
    }

    @Test
    void aTcpCheckConnectsToTheTask() throws Exception {
        String id = id("tcp");
        int port = freePort();
        tasks.run(webServer(id, port).setHealthCheck(check(30, 3).setType(HealthCheck.Type.TCP)
                .setTcp(HealthCheck.TCPCheckInfo.newBuilder().setPort(port))).build());

        assertThat(tasks.await(id, s -> s.getReason() == HEALTH).getHealthy()).isTrue();
    }

    @Test
    void anHttpsCheckDoesNotVerifyTheCertificate() throws Exception {
        String python = python();
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "no openssl to make a certificate");
        String id = id("https");
        int port = freePort();
        String server = """
                /usr/bin/openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 1 \
                  -subj /CN=self-signed 2>/dev/null || exit 3
                exec %s -c '
                import http.server, ssl, sys
                s = http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), http.server.SimpleHTTPRequestHandler)
                c = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
                c.load_cert_chain("cert.pem", "key.pem")
                s.socket = c.wrap_socket(s.socket, server_side=True)
                s.serve_forever()
                ' $PORT0
                """.formatted(python);
        HealthCheck.Builder https = check(60, 3).setType(HealthCheck.Type.HTTP)
                .setHttp(HealthCheck.HTTPCheckInfo.newBuilder().setScheme("https").setPort(port).setPath("/"));
        tasks.run(task(id, server, port).setHealthCheck(https).build());

        assertThat(tasks.await(id, s -> s.getReason() == HEALTH).getHealthy()).isTrue();
    }

    @Test
    void aCommandCheckRunsInTheSandboxWithTheTasksEnvironmentAndUser() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        String id = id("command");
        String user = root ? "nobody" : System.getProperty("user.name");
        CommandInfo.Builder taskCommand = CommandInfo.newBuilder().setValue("touch ready; exec sleep 600")
                .setUser(user)
                .setEnvironment(Environment.newBuilder().addVariables(Environment.Variable.newBuilder()
                        .setName("FOO").setValue("bar")));
        HealthCheck.Builder health = command("[ \"$FOO\" = bar ] && [ \"$CHECK\" = 1 ] && [ -f ready ]"
                + " && [ \"$MESOS_TASK_ID\" = " + id + " ] && [ \"$(id -un)\" = " + user + " ]"
                + " && echo checked-as-$(id -un)");
        health.getCommandBuilder().setEnvironment(Environment.newBuilder().addVariables(Environment.Variable
                .newBuilder().setName("CHECK").setValue("1")));
        tasks.run(task(id, "").setCommand(taskCommand).setHealthCheck(health.mergeFrom(check(30, 3).build()))
                .build());

        TaskStatus healthy = tasks.await(id, s -> s.getReason() == HEALTH);

        assertThat(healthy.getHealthy()).isTrue();
        // the check's output goes to the task's stderr, as Mesos has it
        eventually("the check's output in stderr", () -> read(sandbox(id).resolve("stderr"))
                .contains("checked-as-" + user));
    }

    @Test
    void healthIsReportedOnEveryChangeOnlyAndZeroConsecutiveFailuresNeverKill() throws Exception {
        String id = id("flapping");
        tasks.run(task(id, "exec sleep 600").setHealthCheck(command("test -f healthy").mergeFrom(check(0, 0)
                .build())).build());
        Path flag = sandbox(id).resolve("healthy");

        tasks.await(id, s -> s.getReason() == HEALTH && !s.getHealthy());
        Files.writeString(flag, "yes");
        eventually("healthy again", () -> tasks.healthReports(id).size() == 2);
        Files.delete(flag);
        eventually("unhealthy again", () -> tasks.healthReports(id).size() == 3);

        assertThat(tasks.healthReports(id)).extracting(TaskStatus::getHealthy).containsExactly(false, true, false);
        assertThat(tasks.updates(id)).extracting(TaskStatus::getState).doesNotContain(TaskState.TASK_KILLING,
                TaskState.TASK_KILLED);
    }

    @Test
    void failuresInTheGracePeriodAreIgnoredUntilTheTaskIsHealthy() throws Exception {
        String id = id("grace");
        // each check leaves a line, then fails until the test lets it pass
        tasks.run(task(id, "exec sleep 600").setHealthCheck(command("echo >> checks; test -f ok")
                .mergeFrom(check(600, 1).build())).build());
        Path sandbox = sandbox(id);

        eventually("three failed checks", () -> read(sandbox.resolve("checks")).length() >= 3);
        assertThat(tasks.healthReports(id)).isEmpty();
        assertThat(tasks.updates(id)).extracting(TaskStatus::getState).containsExactly(TaskState.TASK_STARTING,
                TaskState.TASK_RUNNING);

        Files.writeString(sandbox.resolve("ok"), "");
        TaskStatus healthy = tasks.await(id, s -> s.getReason() == HEALTH);

        assertThat(healthy.getHealthy()).isTrue();
        assertThat(tasks.healthReports(id)).hasSize(1);
    }

    @Test
    void eachTaskOfAGroupIsCheckedOnItsOwn() throws Exception {
        String executor = id("group");
        String good = id("group-good");
        String bad = id("group-bad");
        // the bad one turns unhealthy once the test puts a file in the executor's sandbox (../.. from its own)
        tasks.runGroup(executor,
                task(good, "exec sleep 600").setHealthCheck(command("true").mergeFrom(check(0, 1).build())).build(),
                task(bad, "exec sleep 600").setHealthCheck(command("test ! -f ../../fail").mergeFrom(check(0, 1)
                        .build())).build());

        assertThat(tasks.await(good, s -> s.getReason() == HEALTH).getHealthy()).isTrue();
        assertThat(tasks.await(bad, s -> s.getReason() == HEALTH).getHealthy()).isTrue();
        Files.writeString(sandbox(executor).resolve("fail"), "");
        TaskStatus badEnd = tasks.awaitState(bad, TaskState.TASK_KILLED);
        TaskStatus goodEnd = tasks.awaitTerminal(good);

        assertThat(badEnd.getHealthy()).isFalse();
        assertThat(tasks.healthReports(bad)).extracting(TaskStatus::getHealthy).containsExactly(true, false);
        // the healthy sibling goes down with the group, as Mesos' default executor has it, but not as unhealthy
        assertThat(goodEnd.getState()).isEqualTo(TaskState.TASK_KILLED);
        assertThat(goodEnd.hasHealthy()).isFalse();
        assertThat(tasks.healthReports(good)).extracting(TaskStatus::getHealthy).containsExactly(true);
    }
}
