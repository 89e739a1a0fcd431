package dev.dcosnative.agent.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;

import dev.dcosnative.shared.agentapi.AgentEvent;
import dev.dcosnative.shared.mesos.TaskStates;

/**
 * Runs real tasks on the agent under test through its {@link MasterStandIn}, and reads what the agent reported about
 * them. Remembers what it launched so that {@link #killAll()} leaves no process behind.
 */
final class AgentTasks {

    static final Duration WAIT = Duration.ofSeconds(60);

    static final FrameworkInfo FRAMEWORK = FrameworkInfo.newBuilder()
            .setId(FrameworkID.newBuilder().setValue("fw-agent-tasks"))
            .setName("agent-tasks-test")
            .setUser("root")
            .addCapabilities(FrameworkInfo.Capability.newBuilder()
                    .setType(FrameworkInfo.Capability.Type.TASK_KILLING_STATE))
            .build();

    private final Set<String> launched = new LinkedHashSet<>();

    /** A task id no other test uses. */
    static String id(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A shell task with a little cpu and memory and the given ports. */
    static TaskInfo.Builder task(String id, String command, long... ports) {
        TaskInfo.Builder task = TaskInfo.newBuilder()
                .setName(id)
                .setTaskId(TaskID.newBuilder().setValue(id))
                .setAgentId(AgentID.newBuilder().setValue(MasterStandIn.AGENT_ID))
                .addResources(scalar("cpus", 0.1))
                .addResources(scalar("mem", 32))
                .setCommand(CommandInfo.newBuilder().setShell(true).setValue(command));
        if (ports.length > 0) {
            Value.Ranges.Builder ranges = Value.Ranges.newBuilder();
            for (long port : ports) {
                ranges.addRange(Value.Range.newBuilder().setBegin(port).setEnd(port));
            }
            task.addResources(Resource.newBuilder().setName("ports").setType(Value.Type.RANGES).setRanges(ranges));
        }
        return task;
    }

    private static Resource scalar(String name, double value) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value)).build();
    }

    void run(TaskInfo task) {
        launched.add(task.getTaskId().getValue());
        MasterStandIn.current().send(AgentEvent.runTask(FRAMEWORK, task));
    }

    void runGroup(String executorId, TaskInfo... tasks) {
        TaskGroupInfo.Builder group = TaskGroupInfo.newBuilder();
        for (TaskInfo task : tasks) {
            launched.add(task.getTaskId().getValue());
            group.addTasks(task);
        }
        ExecutorInfo executor = ExecutorInfo.newBuilder()
                .setType(ExecutorInfo.Type.DEFAULT)
                .setExecutorId(ExecutorID.newBuilder().setValue(executorId))
                .setFrameworkId(FRAMEWORK.getId())
                .build();
        MasterStandIn.current().send(AgentEvent.runTaskGroup(FRAMEWORK, executor, group.build()));
    }

    void kill(String taskId) {
        MasterStandIn.current().send(AgentEvent.killTask(FRAMEWORK.getId(), TaskID.newBuilder().setValue(taskId)
                .build(), null));
    }

    /** The task's updates so far, in order, each once. */
    List<TaskStatus> updates(String taskId) {
        List<TaskStatus> statuses = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (MasterStandIn.Update update : MasterStandIn.current().updates()) {
            TaskStatus status = update.status();
            if (status.getTaskId().getValue().equals(taskId) && seen.add(status.getUuid())) {
                statuses.add(status);
            }
        }
        return statuses;
    }

    /** The task's health reports so far: TASK_RUNNING updates with reason REASON_TASK_HEALTH_CHECK_STATUS_UPDATED. */
    List<TaskStatus> healthReports(String taskId) {
        return updates(taskId).stream()
                .filter(s -> s.getReason() == TaskStatus.Reason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED)
                .toList();
    }

    /** The first update of the task that matches, waited for. */
    TaskStatus await(String taskId, Predicate<TaskStatus> condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Optional<TaskStatus> match = updates(taskId).stream().filter(condition).findFirst();
            if (match.isPresent()) {
                return match.get();
            }
            assertThat(System.nanoTime()).as("no matching update of %s within %s; got %s", taskId, WAIT,
                    updates(taskId)).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    TaskStatus awaitState(String taskId, TaskState state) throws InterruptedException {
        return await(taskId, s -> s.getState() == state);
    }

    TaskStatus awaitTerminal(String taskId) throws InterruptedException {
        return await(taskId, s -> TaskStates.terminal(s.getState()));
    }

    /** Waits until {@code condition} holds. */
    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("%s within %s", what, WAIT).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The sandbox of a command task (its latest run). */
    static Path sandbox(String taskId) {
        return MasterStandIn.current().workDir().resolve("slaves").resolve(MasterStandIn.AGENT_ID)
                .resolve("frameworks").resolve(FRAMEWORK.getId().getValue()).resolve("executors").resolve(taskId)
                .resolve("runs").resolve("latest");
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** A port nothing listens on right now (on 127.0.0.1). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    /** Kills every task this helper launched that has not ended, and waits until they have. */
    void killAll() throws InterruptedException {
        for (String taskId : launched) {
            if (updates(taskId).stream().noneMatch(s -> TaskStates.terminal(s.getState()))) {
                kill(taskId);
            }
        }
        for (String taskId : launched) {
            awaitTerminal(taskId);
        }
        launched.clear();
    }

    /** The python3 to start tiny servers with, if this machine has one. */
    static Optional<String> python() {
        for (String candidate : List.of("/usr/bin/python3", "/usr/local/bin/python3")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
