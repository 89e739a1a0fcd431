package dev.dcosnative.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.it.harness.Await;
import dev.dcosnative.it.harness.Cluster;
import dev.dcosnative.it.harness.ClusterExtension;
import dev.dcosnative.it.harness.Http;
import dev.dcosnative.it.harness.OperatorClient;
import dev.dcosnative.it.harness.SchedulerClient;
import dev.dcosnative.it.harness.Tasks;
import dev.dcosnative.shared.mesos.Resources;

/**
 * A framework written against the v1 scheduler API runs real tasks: offers from both agents, launches, the task state
 * sequence, kills, memory limits, task groups, the files API, reconciliation, and Mesos' answers to bad calls.
 */
@Tag("cluster")
class SchedulerApiIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension(() -> Cluster.builder("scheduler").build());

    private static Cluster.Node privateAgent() {
        return CLUSTER.cluster().agent("agent-1");
    }

    private static Cluster.Node publicAgent() {
        return CLUSTER.cluster().agent("public-agent-1");
    }

    private static SchedulerClient subscribe(String name, boolean protobuf, String... roles) {
        return SchedulerClient.subscribe(CLUSTER.cluster().masterUrl(), Tasks.framework(name, roles), protobuf);
    }

    private static Offer privateOffer(SchedulerClient framework) {
        return framework.awaitOffer(WAIT, o -> o.getHostname().equals(privateAgent().ip()));
    }

    private static String sandboxOf(Cluster.Node agent, String taskId) {
        JsonNode state = Http.json(Http.get(agent.url() + "/state"));
        for (JsonNode framework : state.path("frameworks")) {
            for (JsonNode executor : framework.path("executors")) {
                for (String list : List.of("tasks", "completed_tasks")) {
                    for (JsonNode task : executor.path(list)) {
                        if (task.path("id").asText().equals(taskId)) {
                            return task.path("sandbox_directory").asText();
                        }
                    }
                }
            }
        }
        throw new AssertionError("task " + taskId + " is not in " + agent.name() + "'s /state: " + state);
    }

    private static String encode(String path) {
        return URLEncoder.encode(path, StandardCharsets.UTF_8);
    }

    @Test
    void aTaskRunsToCompletionAndItsOutputIsReadThroughTheFilesApi() {
        try (SchedulerClient framework = subscribe("echo", false, "*")) {
            Offer offer = privateOffer(framework);
            assertThat(offer.getAllocationInfo().getRole()).isEqualTo("*");
            assertThat(Tasks.names(offer)).contains("cpus", "mem", "disk", "ports");
            TaskInfo task = Tasks.command("echo-1", offer,
                    "echo hello from $MESOS_TASK_ID on $HOST port $PORT0; echo oops >&2", 0.1, 32, 1);

            framework.launch(offer.getId(), List.of(task));

            List<TaskStatus> updates = framework.updatesUntil("echo-1", WAIT,
                    s -> s.getState() == TaskState.TASK_FINISHED || s.getState() == TaskState.TASK_FAILED);
            assertThat(updates).extracting(TaskStatus::getState)
                    .containsExactly(TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_FINISHED);
            assertThat(updates).allSatisfy(s -> assertThat(s.getUuid().size()).isEqualTo(16));
            assertThat(updates.get(2).getAgentId()).isEqualTo(offer.getAgentId());

            String sandbox = sandboxOf(privateAgent(), "echo-1");
            assertThat(sandbox).contains("/slaves/" + offer.getAgentId().getValue() + "/frameworks/"
                    + framework.frameworkId().getValue() + "/executors/echo-1/runs/");
            String expected = "hello from echo-1 on " + privateAgent().ip() + " port " + Tasks.firstPort(offer) + "\n";
            for (String base : List.of(CLUSTER.cluster().masterUrl(), privateAgent().url())) {
                JsonNode read = Http.json(Http.get(base + "/files/read?offset=0&path=" + encode(sandbox + "/stdout")));
                assertThat(read.path("data").asText()).isEqualTo(expected);
                assertThat(read.path("offset").asLong()).isZero();
                JsonNode tail = Http.json(Http.get(base + "/files/read?path=" + encode(sandbox + "/stderr")));
                assertThat(tail.path("offset").asLong()).isEqualTo("oops\n".length());
                JsonNode browse = Http.json(Http.get(base + "/files/browse?path=" + encode(sandbox)));
                assertThat(browse.findValuesAsText("path")).contains(sandbox + "/stdout", sandbox + "/stderr");
                HttpResponse<byte[]> download = Http.get(base + "/files/download?path=" + encode(sandbox + "/stdout"));
                assertThat(download.statusCode()).isEqualTo(200);
                assertThat(Http.text(download)).isEqualTo(expected);
            }
            String virtual = "/frameworks/" + framework.frameworkId().getValue() + "/executors/echo-1/runs/latest/stdout";
            assertThat(Http.json(Http.get(privateAgent().url() + "/files/read?offset=0&path=" + encode(virtual)))
                    .path("data").asText()).isEqualTo(expected);

            assertThat(Http.get(privateAgent().url() + "/files/read?offset=0&path=/etc/passwd").statusCode())
                    .isEqualTo(404);
            assertThat(Http
                    .get(privateAgent().url() + "/files/read?offset=0&path="
                            + encode(sandbox + "/../../../../../../../../../../../../etc/passwd"))
                    .statusCode()).isEqualTo(404);
            assertThat(Http.get(CLUSTER.cluster().masterUrl() + "/files/read?offset=0&path=/etc/passwd").statusCode())
                    .isEqualTo(404);
            assertThat(Http.get(privateAgent().url() + "/files/read").statusCode()).isEqualTo(400);
            assertThat(Http.get(privateAgent().url() + "/files/read?offset=x&path=" + encode(sandbox + "/stdout"))
                    .statusCode()).isEqualTo(400);
        }
    }

    @Test
    void aTaskRunsAsItsUser() {
        try (SchedulerClient framework = subscribe("users", false, "*")) {
            Offer offer = privateOffer(framework);
            TaskInfo task = Tasks.command("as-nobody", offer, "id -un", 0.1, 16, 0);
            framework.launch(offer.getId(), List.of(task.toBuilder()
                    .setCommand(task.getCommand().toBuilder().setUser("nobody"))
                    .build()));
            framework.awaitUpdate("as-nobody", WAIT, s -> s.getState() == TaskState.TASK_FINISHED);
            String sandbox = sandboxOf(privateAgent(), "as-nobody");
            assertThat(Http.json(Http.get(privateAgent().url() + "/files/read?offset=0&path="
                    + encode(sandbox + "/stdout"))).path("data").asText()).isEqualTo("nobody\n");
        }
    }

    @Test
    void aKilledTaskGoesKillingThenKilled() {
        try (SchedulerClient framework = subscribe("killer", false, "*")) {
            Offer offer = privateOffer(framework);
            framework.launch(offer.getId(), List.of(Tasks.command("sleeper", offer, "sleep 600", 0.1, 16, 0)));
            framework.updatesUntil("sleeper", WAIT, s -> s.getState() == TaskState.TASK_RUNNING);

            framework.kill("sleeper", offer.getAgentId());

            List<TaskStatus> updates = framework.updatesUntil("sleeper", WAIT,
                    s -> s.getState() == TaskState.TASK_KILLED);
            assertThat(updates).extracting(TaskStatus::getState)
                    .containsExactly(TaskState.TASK_KILLING, TaskState.TASK_KILLED);
        }
    }

    @Test
    void aTaskOverItsMemoryLimitFailsWithTheMemoryReason() {
        try (SchedulerClient framework = subscribe("hog", false, "*")) {
            Offer offer = privateOffer(framework);
            framework.launch(offer.getId(), List.of(Tasks.command("hog", offer,
                    "head -c 300000000 /dev/zero | tail -n 1 > /dev/null", 0.1, 32, 0)));

            TaskStatus end = framework.awaitUpdate("hog", Duration.ofSeconds(60),
                    s -> s.getState() == TaskState.TASK_FAILED || s.getState() == TaskState.TASK_FINISHED);

            assertThat(end.getState()).isEqualTo(TaskState.TASK_FAILED);
            assertThat(end.getReason()).isEqualTo(TaskStatus.Reason.REASON_CONTAINER_LIMITATION_MEMORY);
            assertThat(end.getMessage()).containsIgnoringCase("memory");
        }
    }

    @Test
    void publicRoleTasksLandOnThePublicAgentOnly() {
        try (SchedulerClient privateOnly = subscribe("private-only", false, "*");
                SchedulerClient publicToo = subscribe("public", true, "slave_public")) {
            Offer publicOffer = publicToo.awaitOffer(WAIT, o -> o.getHostname().equals(publicAgent().ip()));
            assertThat(publicOffer.getAllocationInfo().getRole()).isEqualTo("slave_public");
            assertThat(Tasks.reservation(publicOffer)).isEqualTo("slave_public");
            publicToo.launch(publicOffer.getId(), List.of(Tasks.command("on-public", publicOffer, "sleep 600", 0.1,
                    16, 1)));
            TaskStatus running = publicToo.awaitUpdate("on-public", WAIT,
                    s -> s.getState() == TaskState.TASK_RUNNING);
            assertThat(running.getAgentId()).isEqualTo(publicOffer.getAgentId());

            // a framework without the public role is offered the private agent and never the public one
            for (int i = 0; i < 3; i++) {
                Event offers = privateOnly.await("OFFERS", WAIT, e -> e.getType() == Event.Type.OFFERS);
                for (Offer offer : offers.getOffers().getOffersList()) {
                    assertThat(offer.getHostname()).isEqualTo(privateAgent().ip());
                    assertThat(offer.getResourcesList()).allSatisfy(r -> assertThat(Resources.roleOf(r)).isEqualTo(
                            "*"));
                    privateOnly.decline(offer.getId(), 0);
                }
            }
            publicToo.kill("on-public", publicOffer.getAgentId());
            publicToo.awaitUpdate("on-public", WAIT, s -> s.getState() == TaskState.TASK_KILLED);
        }
    }

    @Test
    void aTaskGroupRunsTogetherAndEndsTogether() {
        try (SchedulerClient framework = subscribe("group", true, "*")) {
            Offer offer = privateOffer(framework);
            TaskInfo a = Tasks.command("group-a", offer, "sleep 600", 0.1, 16, 0);
            TaskInfo b = Tasks.command("group-b", offer, "sleep 600", 0.1, 16, 0);
            ExecutorInfo executor = ExecutorInfo.newBuilder()
                    .setType(ExecutorInfo.Type.DEFAULT)
                    .setExecutorId(ExecutorID.newBuilder().setValue("group-executor"))
                    .addAllResources(List.of(Tasks.command("x", offer, "x", 0.1, 32, 0).getResources(0),
                            Tasks.command("x", offer, "x", 0.1, 32, 0).getResources(1)))
                    .build();
            framework.send(Call.newBuilder()
                    .setType(Call.Type.ACCEPT)
                    .setAccept(Call.Accept.newBuilder()
                            .addOfferIds(offer.getId())
                            .addOperations(Offer.Operation.newBuilder()
                                    .setType(Offer.Operation.Type.LAUNCH_GROUP)
                                    .setLaunchGroup(Offer.Operation.LaunchGroup.newBuilder()
                                            .setExecutor(executor)
                                            .setTaskGroup(TaskGroupInfo.newBuilder().addTasks(a).addTasks(b))))
                            .setFilters(Filters.newBuilder().setRefuseSeconds(0))));
            framework.awaitUpdate("group-a", WAIT, s -> s.getState() == TaskState.TASK_RUNNING);
            framework.awaitUpdate("group-b", WAIT, s -> s.getState() == TaskState.TASK_RUNNING);

            framework.kill("group-a", offer.getAgentId());

            framework.awaitUpdate("group-a", WAIT, s -> s.getState() == TaskState.TASK_KILLED);
            framework.awaitUpdate("group-b", WAIT, s -> s.getState() == TaskState.TASK_KILLED);
            // with the group's last task, its executor's resources come back too: the whole agent is offered again
            framework.awaitOffer(WAIT, o -> o.getHostname().equals(privateAgent().ip())
                    && Tasks.scalar(o, "cpus") == 2.0 && Tasks.scalar(o, "mem") == 2048.0);
        }
    }

    @Test
    void stateEndpointsShowFrameworksTasksAndUsedResources() {
        try (SchedulerClient framework = subscribe("state", false, "*")) {
            Offer offer = privateOffer(framework);
            framework.launch(offer.getId(), List.of(Tasks.command("visible", offer, "sleep 600", 0.25, 64, 0)));
            framework.awaitUpdate("visible", WAIT, s -> s.getState() == TaskState.TASK_RUNNING);
            OperatorClient operator = CLUSTER.cluster().operator();
            String id = framework.frameworkId().getValue();

            JsonNode tasks = operator.call("{\"type\":\"GET_TASKS\"}").path("get_tasks").path("tasks");
            JsonNode visible = null;
            for (JsonNode task : tasks) {
                if (task.path("task_id").path("value").asText().equals("visible")) {
                    visible = task;
                }
            }
            assertThat(visible).isNotNull();
            assertThat(visible.path("state").asText()).isEqualTo("TASK_RUNNING");
            assertThat(visible.path("framework_id").path("value").asText()).isEqualTo(id);

            JsonNode frameworks = operator.call("{\"type\":\"GET_FRAMEWORKS\"}").path("get_frameworks")
                    .path("frameworks");
            JsonNode mine = null;
            for (JsonNode f : frameworks) {
                if (f.path("framework_info").path("id").path("value").asText().equals(id)) {
                    mine = f;
                }
            }
            assertThat(mine).isNotNull();
            assertThat(mine.path("active").asBoolean()).isTrue();
            assertThat(mine.path("allocated_resources").toString()).contains("\"cpus\"");

            JsonNode state = Http.json(Http.get(CLUSTER.cluster().masterUrl() + "/master/state"));
            JsonNode legacy = null;
            for (JsonNode f : state.path("frameworks")) {
                if (f.path("id").asText().equals(id)) {
                    legacy = f;
                }
            }
            assertThat(legacy).isNotNull();
            assertThat(legacy.path("tasks").get(0).path("state").asText()).isEqualTo("TASK_RUNNING");
            assertThat(legacy.path("tasks").get(0).path("slave_id").asText()).isEqualTo(
                    offer.getAgentId().getValue());
            assertThat(legacy.path("used_resources").path("cpus").asDouble()).isEqualTo(0.25);
            for (JsonNode slave : state.path("slaves")) {
                if (slave.path("id").asText().equals(offer.getAgentId().getValue())) {
                    assertThat(slave.path("used_resources").path("cpus").asDouble()).isGreaterThanOrEqualTo(0.25);
                }
            }
            JsonNode summary = Http.json(Http.get(CLUSTER.cluster().masterUrl() + "/master/state-summary"));
            assertThat(summary.path("frameworks").toString()).contains("\"TASK_RUNNING\":1");

            framework.teardown();
            Await.until("the torn down framework among the completed ones", WAIT,
                    () -> Http.json(Http.get(CLUSTER.cluster().masterUrl() + "/master/frameworks"))
                            .path("completed_frameworks").toString().contains(id));
            Await.until("the task gone from the master", WAIT, () -> !operator.call("{\"type\":\"GET_TASKS\"}")
                    .path("get_tasks").path("tasks").toString().contains("\"visible\""));
            OperatorClient agent = new OperatorClient(privateAgent().url());
            Await.until("the task killed by the agent", WAIT, () -> !agent.call("{\"type\":\"GET_TASKS\"}")
                    .path("get_tasks").path("launched_tasks").toString().contains("\"visible\""));
        }
    }

    @Test
    void reconciliationAnswersForKnownAndUnknownTasks() {
        try (SchedulerClient framework = subscribe("reconcile", false, "*")) {
            Offer offer = privateOffer(framework);
            framework.launch(offer.getId(), List.of(Tasks.command("known", offer, "sleep 600", 0.1, 16, 0)));
            framework.awaitUpdate("known", WAIT, s -> s.getState() == TaskState.TASK_RUNNING);

            framework.reconcile(List.of());
            TaskStatus implicit = framework.awaitUpdate("known", WAIT,
                    s -> s.getReason() == TaskStatus.Reason.REASON_RECONCILIATION);
            assertThat(implicit.getState()).isEqualTo(TaskState.TASK_RUNNING);
            assertThat(implicit.hasUuid()).isFalse();

            framework.reconcile(List.of(Call.Reconcile.Task.newBuilder()
                    .setTaskId(TaskID.newBuilder().setValue("never-launched"))
                    .build()));
            TaskStatus unknown = framework.awaitUpdate("never-launched", WAIT, s -> true);
            assertThat(unknown.getState()).isEqualTo(TaskState.TASK_UNKNOWN);
            framework.kill("known", offer.getAgentId());
            framework.awaitUpdate("known", WAIT, s -> s.getState() == TaskState.TASK_KILLED);
        }
    }

    @Test
    void badCallsGetMesosAnswersAndLaunchNothing() {
        try (SchedulerClient framework = subscribe("careless", false, "*")) {
            Call teardown = Call.newBuilder()
                    .setType(Call.Type.TEARDOWN)
                    .setFrameworkId(framework.frameworkId())
                    .build();
            HttpResponse<byte[]> noStream = framework.call(teardown, null);
            assertThat(noStream.statusCode()).isEqualTo(400);
            assertThat(Http.text(noStream)).isEqualTo(
                    "All non-subscribe calls should include the 'Mesos-Stream-Id' header");
            HttpResponse<byte[]> wrongStream = framework.call(teardown, "not-my-stream");
            assertThat(wrongStream.statusCode()).isEqualTo(400);
            assertThat(Http.text(wrongStream)).contains("didn't match the stream ID");
            HttpResponse<byte[]> unknown = framework.call(teardown.toBuilder()
                    .setFrameworkId(framework.frameworkId().toBuilder().setValue("nobody"))
                    .build());
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(Http.text(unknown)).isEqualTo("Framework cannot be found");
            HttpResponse<byte[]> noFrameworkId = framework.call(Call.newBuilder().setType(Call.Type.REVIVE).build());
            assertThat(noFrameworkId.statusCode()).isEqualTo(400);
            assertThat(Http.text(noFrameworkId)).contains("Expecting 'framework_id' to be present");
            HttpResponse<byte[]> subscribeWithStream = Http.post(CLUSTER.cluster().masterUrl() + "/api/v1/scheduler",
                    OperatorClient.JSON, ("{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":"
                            + "{\"user\":\"root\",\"name\":\"x\"}}}").getBytes(),
                    "Mesos-Stream-Id", "x");
            assertThat(subscribeWithStream.statusCode()).isEqualTo(400);

            Offer offer = privateOffer(framework);
            double cpus = Tasks.scalar(offer, "cpus");
            framework.launch(offer.getId(), List.of(Tasks.command("too-big", offer, "sleep 1", cpus + 1, 16, 0)));
            TaskStatus tooBig = framework.awaitUpdate("too-big", WAIT, s -> true);
            assertThat(tooBig.getState()).isEqualTo(TaskState.TASK_ERROR);
            assertThat(tooBig.getReason()).isEqualTo(TaskStatus.Reason.REASON_TASK_INVALID);
            assertThat(tooBig.getMessage()).contains("more resources");

            framework.launch(offer.getId(), List.of(Tasks.command("stale-offer", offer, "sleep 1", 0.1, 16, 0)));
            TaskStatus stale = framework.awaitUpdate("stale-offer", WAIT, s -> true);
            assertThat(stale.getState()).isEqualTo(TaskState.TASK_DROPPED);
            assertThat(stale.getReason()).isEqualTo(TaskStatus.Reason.REASON_INVALID_OFFERS);

            Offer next = privateOffer(framework);
            TaskInfo good = Tasks.command("dup", next, "sleep 600", 0.1, 16, 0);
            ExecutorInfo executor = ExecutorInfo.newBuilder()
                    .setType(ExecutorInfo.Type.DEFAULT)
                    .setExecutorId(ExecutorID.newBuilder().setValue("bad-group"))
                    .build();
            framework.send(Call.newBuilder()
                    .setType(Call.Type.ACCEPT)
                    .setAccept(Call.Accept.newBuilder()
                            .addOfferIds(next.getId())
                            .addOperations(Offer.Operation.newBuilder()
                                    .setType(Offer.Operation.Type.LAUNCH_GROUP)
                                    .setLaunchGroup(Offer.Operation.LaunchGroup.newBuilder()
                                            .setExecutor(executor)
                                            .setTaskGroup(TaskGroupInfo.newBuilder().addTasks(good).addTasks(good))))
                            .setFilters(Filters.newBuilder().setRefuseSeconds(0))));
            TaskStatus groupError = framework.awaitUpdate("dup", WAIT, s -> true);
            assertThat(groupError.getState()).isEqualTo(TaskState.TASK_ERROR);
            assertThat(groupError.getReason()).isEqualTo(TaskStatus.Reason.REASON_TASK_GROUP_INVALID);

            JsonNode tasks = CLUSTER.cluster().operator().call("{\"type\":\"GET_TASKS\"}").path("get_tasks");
            assertThat(tasks.toString()).doesNotContain("\"too-big\"").doesNotContain("\"stale-offer\"")
                    .doesNotContain("\"dup\"");
        }
        FrameworkInfo invalid = Tasks.framework("invalid", "*").toBuilder()
                .clearCapabilities()
                .build();
        try {
            SchedulerClient.subscribe(CLUSTER.cluster().masterUrl(), invalid, false).close();
            throw new IllegalStateException("a framework with roles but no MULTI_ROLE was admitted");
        } catch (AssertionError expected) {
            assertThat(expected.getMessage()).contains("MULTI_ROLE");
        }
    }

    @Test
    void frameworksSpeakingProtobufRunTasksToo() {
        try (SchedulerClient framework = subscribe("binary", true, "*")) {
            Offer offer = privateOffer(framework);
            framework.launch(offer.getId(), List.of(TaskInfo.newBuilder(Tasks.command("proto-1", offer, "true", 0.1,
                    16, 0)).setCommand(CommandInfo.newBuilder().setShell(false).setValue("/bin/true")).build()));
            framework.awaitUpdate("proto-1", WAIT, s -> s.getState() == TaskState.TASK_FINISHED);
        }
    }
}
