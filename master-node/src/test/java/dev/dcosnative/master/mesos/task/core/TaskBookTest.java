package dev.dcosnative.master.mesos.task.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Task;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import dev.dcosnative.shared.mesos.MesosTime;
import dev.dcosnative.shared.mesos.Resources;

class TaskBookTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final String AWARE = "fw-aware";
    private static final String PLAIN = "fw-plain";
    private static final Predicate<String> PARTITION_AWARE = Set.of(AWARE)::contains;

    private final TaskBook book = new TaskBook(2);

    private static Task task(String frameworkId, String taskId, String agentId) {
        return Task.newBuilder()
                .setName(taskId)
                .setTaskId(TaskID.newBuilder().setValue(taskId))
                .setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId))
                .setAgentId(AgentID.newBuilder().setValue(agentId))
                .setState(TaskState.TASK_STAGING)
                .addAllResources(Resources.parse("cpus:0.1;mem:32", "*"))
                .build();
    }

    /** A status update from the agent, with a uuid to acknowledge. */
    private static TaskStatus agentStatus(String taskId, TaskState state, String uuid) {
        return TaskStatus.newBuilder()
                .setTaskId(TaskID.newBuilder().setValue(taskId))
                .setState(state)
                .setSource(TaskStatus.Source.SOURCE_EXECUTOR)
                .setUuid(ByteString.copyFromUtf8(uuid))
                .setTimestamp(MesosTime.seconds(T0))
                .build();
    }

    /** The task as a re-registering agent reports it. */
    private static Task reported(Task task, TaskState state) {
        TaskStatus status = agentStatus(task.getTaskId().getValue(), state, "agent-" + state).toBuilder()
                .setAgentId(task.getAgentId())
                .build();
        return task.toBuilder().setState(state).addStatuses(status).setStatusUpdateState(state)
                .setStatusUpdateUuid(status.getUuid()).build();
    }

    private Task running(String frameworkId, String taskId, String agentId) {
        book.add(task(frameworkId, taskId, agentId));
        return book.update(frameworkId, agentStatus(taskId, TaskState.TASK_RUNNING, "u-" + taskId))
                .orElseThrow()
                .task();
    }

    // ---------------------------------------------------------------------------------------------- lifecycle

    @Test
    void aTaskGoesFromStagingToFinishedAndIsThenCompleted() {
        book.add(task(PLAIN, "t1", "a1"));
        assertThat(book.live()).extracting(Task::getState).containsExactly(TaskState.TASK_STAGING);
        assertThat(book.exists(PLAIN, "t1")).isTrue();

        TaskBook.Change starting = book.update(PLAIN, agentStatus("t1", TaskState.TASK_STARTING, "u1")).orElseThrow();
        assertThat(starting.terminal()).isFalse();
        assertThat(starting.task().getState()).isEqualTo(TaskState.TASK_STARTING);

        TaskBook.Change runningChange = book.update(PLAIN, agentStatus("t1", TaskState.TASK_RUNNING, "u2"))
                .orElseThrow();
        Task runningTask = runningChange.task();
        assertThat(runningTask.getState()).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(runningTask.getStatusUpdateState()).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(runningTask.getStatusUpdateUuid().toStringUtf8()).isEqualTo("u2");
        assertThat(runningTask.getStatusesList()).extracting(TaskStatus::getState)
                .containsExactly(TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
        assertThat(book.get(PLAIN, "t1")).contains(runningTask);

        TaskBook.Change finished = book.update(PLAIN, agentStatus("t1", TaskState.TASK_FINISHED, "u3"))
                .orElseThrow();
        assertThat(finished.terminal()).isTrue();
        assertThat(finished.update().getState()).isEqualTo(TaskState.TASK_FINISHED);
        assertThat(finished.task().getStatusesList()).extracting(TaskStatus::getState)
                .containsExactly(TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_FINISHED);
        assertThat(book.live()).isEmpty();
        assertThat(book.exists(PLAIN, "t1")).isFalse();
        assertThat(book.get(PLAIN, "t1")).isEmpty();
        assertThat(book.completed()).containsExactly(finished.task());
        assertThat(book.completedOf(PLAIN)).containsExactly(finished.task());
    }

    @Test
    void everyTerminalStateCompletesTheTask() {
        int i = 0;
        for (TaskState state : List.of(TaskState.TASK_FAILED, TaskState.TASK_KILLED, TaskState.TASK_ERROR,
                TaskState.TASK_LOST, TaskState.TASK_DROPPED, TaskState.TASK_GONE, TaskState.TASK_GONE_BY_OPERATOR)) {
            String id = "t" + i++;
            book.add(task("fw-" + id, id, "a1"));
            assertThat(book.update("fw-" + id, agentStatus(id, state, "u")).orElseThrow().terminal()).isTrue();
            assertThat(book.completedOf("fw-" + id)).extracting(Task::getState).containsExactly(state);
        }
        assertThat(book.live()).isEmpty();
    }

    @Test
    void anUpdateWithoutUuidKeepsTheLastUuidToAcknowledge() {
        running(PLAIN, "t1", "a1");

        Task killing = book.update(PLAIN, agentStatus("t1", TaskState.TASK_KILLING, "x").toBuilder().clearUuid()
                .build()).orElseThrow().task();

        assertThat(killing.getState()).isEqualTo(TaskState.TASK_KILLING);
        assertThat(killing.getStatusUpdateUuid().toStringUtf8()).isEqualTo("u-t1");
        assertThat(killing.getStatusesCount()).isEqualTo(2);
    }

    @Test
    void anUpdateNamingAnAgentMovesTheTaskThere() {
        running(PLAIN, "t1", "a1");

        Task moved = book.update(PLAIN, agentStatus("t1", TaskState.TASK_RUNNING, "u").toBuilder()
                .setAgentId(AgentID.newBuilder().setValue("a2")).build()).orElseThrow().task();

        assertThat(moved.getAgentId().getValue()).isEqualTo("a2");
        assertThat(book.onAgent("a2")).containsExactly(moved);
        assertThat(book.onAgent("a1")).isEmpty();
    }

    @Test
    void updatesForUnknownOrCompletedTasksChangeNothing() {
        running(PLAIN, "t1", "a1");
        book.update(PLAIN, agentStatus("t1", TaskState.TASK_FAILED, "u"));
        List<Task> completed = book.completed();

        assertThat(book.update(PLAIN, agentStatus("t1", TaskState.TASK_RUNNING, "again"))).isEmpty();
        assertThat(book.update(PLAIN, agentStatus("t1", TaskState.TASK_FINISHED, "again"))).isEmpty();
        assertThat(book.update(PLAIN, agentStatus("unknown", TaskState.TASK_RUNNING, "u"))).isEmpty();
        assertThat(book.update("other-framework", agentStatus("t1", TaskState.TASK_RUNNING, "u"))).isEmpty();
        assertThat(book.live()).isEmpty();
        assertThat(book.completed()).isEqualTo(completed);
    }

    @Test
    void aTaskIdIsPerFrameworkAndCannotBeAddedTwice() {
        book.add(task(PLAIN, "t1", "a1"));
        book.add(task(AWARE, "t1", "a1"));

        assertThatThrownBy(() -> book.add(task(PLAIN, "t1", "a2"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(book.live()).hasSize(2);
        assertThat(book.exists(AWARE, "t1")).isTrue();
        assertThat(book.exists("fw-other", "t1")).isFalse();
    }

    @Test
    void completedTasksAreBoundedPerFrameworkOldestDroppedFirst() {
        for (String id : List.of("t1", "t2", "t3")) {
            running(PLAIN, id, "a1");
            book.update(PLAIN, agentStatus(id, TaskState.TASK_FINISHED, "f-" + id));
        }
        running(AWARE, "t9", "a1");
        book.update(AWARE, agentStatus("t9", TaskState.TASK_KILLED, "k"));

        assertThat(book.completedOf(PLAIN)).extracting(t -> t.getTaskId().getValue()).containsExactly("t2", "t3");
        assertThat(book.completedOf(AWARE)).extracting(t -> t.getTaskId().getValue()).containsExactly("t9");
        assertThat(book.completed()).hasSize(3);
        assertThat(book.completedOf("nobody")).isEmpty();
    }

    @Test
    void queriesByAgentAndFramework() {
        Task a = running(PLAIN, "t1", "a1");
        Task b = running(PLAIN, "t2", "a2");
        Task c = running(AWARE, "t3", "a1");

        assertThat(book.onAgent("a1")).containsExactly(a, c);
        assertThat(book.ofFramework(PLAIN)).containsExactly(a, b);
        assertThat(book.ofFramework(AWARE)).containsExactly(c);
        assertThat(book.onAgent("a3")).isEmpty();
    }

    // ------------------------------------------------------------------------------------- agent unreachable

    @Test
    void anUnreachableAgentMakesTasksOfPartitionAwareFrameworksUnreachableAndOthersLost() {
        running(AWARE, "t1", "a1");
        running(PLAIN, "t2", "a1");
        Task elsewhere = running(PLAIN, "t3", "a2");

        List<TaskBook.Change> changes = book.agentUnreachable("a1", PARTITION_AWARE, T0.plusSeconds(75));

        assertThat(changes).hasSize(2);
        TaskBook.Change unreachable = changes.get(0);
        assertThat(unreachable.terminal()).isFalse();
        TaskStatus status = unreachable.update();
        assertThat(status.getState()).isEqualTo(TaskState.TASK_UNREACHABLE);
        assertThat(status.getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
        assertThat(status.getReason()).isEqualTo(TaskStatus.Reason.REASON_AGENT_REMOVED);
        assertThat(status.hasUuid()).isFalse();
        assertThat(status.getAgentId().getValue()).isEqualTo("a1");
        assertThat(status.getUnreachableTime().getNanoseconds()).isEqualTo(MesosTime.nanos(T0.plusSeconds(75)));
        assertThat(status.getTimestamp()).isEqualTo(MesosTime.seconds(T0.plusSeconds(75)));
        assertThat(book.unreachable()).containsExactly(unreachable.task());
        assertThat(unreachable.task().getState()).isEqualTo(TaskState.TASK_UNREACHABLE);
        assertThat(unreachable.task().getStatusUpdateUuid().toStringUtf8()).isEqualTo("u-t1");
        assertThat(book.get(AWARE, "t1")).contains(unreachable.task());
        assertThat(book.exists(AWARE, "t1")).isTrue();
        assertThat(book.ofFramework(AWARE)).containsExactly(unreachable.task());

        TaskBook.Change lost = changes.get(1);
        assertThat(lost.terminal()).isTrue();
        assertThat(lost.update().getState()).isEqualTo(TaskState.TASK_LOST);
        assertThat(lost.update().getReason()).isEqualTo(TaskStatus.Reason.REASON_AGENT_REMOVED);
        assertThat(book.completedOf(PLAIN)).containsExactly(lost.task());

        assertThat(book.onAgent("a1")).isEmpty();
        assertThat(book.live()).containsExactly(elsewhere);
    }

    @Test
    void aTaskOfAnUnreachableAgentCannotBeAddedAgain() {
        running(AWARE, "t1", "a1");
        book.agentUnreachable("a1", PARTITION_AWARE, T0);

        assertThatThrownBy(() -> book.add(task(AWARE, "t1", "a2"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUpdateFromTheAgentBringsAnUnreachableTaskBack() {
        running(AWARE, "t1", "a1");
        book.agentUnreachable("a1", PARTITION_AWARE, T0);

        Task back = book.update(AWARE, agentStatus("t1", TaskState.TASK_RUNNING, "late")).orElseThrow().task();

        assertThat(book.unreachable()).isEmpty();
        assertThat(book.live()).containsExactly(back);
    }

    @Test
    void aRemovedAgentsUnreachableTasksAreGone() {
        running(AWARE, "t1", "a1");
        running(AWARE, "t2", "a2");
        book.agentUnreachable("a1", PARTITION_AWARE, T0);
        book.agentUnreachable("a2", PARTITION_AWARE, T0);

        List<TaskBook.Change> gone = book.agentGone("a1", T0.plusSeconds(600));

        assertThat(gone).hasSize(1);
        assertThat(gone.get(0).terminal()).isTrue();
        assertThat(gone.get(0).update().getState()).isEqualTo(TaskState.TASK_GONE);
        assertThat(gone.get(0).update().getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
        assertThat(gone.get(0).update().getReason()).isEqualTo(TaskStatus.Reason.REASON_AGENT_REMOVED);
        assertThat(book.completedOf(AWARE)).extracting(t -> t.getTaskId().getValue()).containsExactly("t1");
        assertThat(book.unreachable()).extracting(t -> t.getTaskId().getValue()).containsExactly("t2");
        assertThat(book.agentGone("a1", T0.plusSeconds(601))).isEmpty();
    }

    // ------------------------------------------------------------------------------------ agent re-registered

    @Test
    void anUnreachableTaskReportedRunningComesBackWithoutUuid() {
        Task before = running(AWARE, "t1", "a1");
        book.agentUnreachable("a1", PARTITION_AWARE, T0);

        TaskBook.Reconciled reconciled = book.agentReregistered("a1",
                List.of(reported(before, TaskState.TASK_RUNNING)), PARTITION_AWARE, T0.plusSeconds(120));

        assertThat(reconciled.changes()).hasSize(1);
        TaskBook.Change change = reconciled.changes().get(0);
        assertThat(change.terminal()).isFalse();
        assertThat(change.update().getState()).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(change.update().getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
        assertThat(change.update().getReason()).isEqualTo(TaskStatus.Reason.REASON_AGENT_REREGISTERED);
        assertThat(change.update().hasUuid()).isFalse();
        assertThat(change.task().getState()).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(reconciled.adopted()).containsExactly(change.task());
        assertThat(book.unreachable()).isEmpty();
        assertThat(book.live()).containsExactly(change.task());
        assertThat(book.onAgent("a1")).containsExactly(change.task());
    }

    @Test
    void aReportedTaskTheMasterDidNotKnowIsAdoptedAsReported() {
        Task unknown = reported(task(AWARE, "t1", "a1"), TaskState.TASK_RUNNING);

        TaskBook.Reconciled reconciled = book.agentReregistered("a1", List.of(unknown), PARTITION_AWARE, T0);

        assertThat(reconciled.changes()).isEmpty();
        assertThat(reconciled.adopted()).containsExactly(unknown);
        assertThat(book.live()).containsExactly(unknown);
    }

    @Test
    void aReportedTaskTheMasterKnowsIsLeftAsItIs() {
        Task known = running(PLAIN, "t1", "a1");

        TaskBook.Reconciled reconciled = book.agentReregistered("a1",
                List.of(reported(known, TaskState.TASK_RUNNING)), PARTITION_AWARE, T0);

        assertThat(reconciled.changes()).isEmpty();
        assertThat(reconciled.adopted()).isEmpty();
        assertThat(book.live()).containsExactly(known);
    }

    @Test
    void aTaskTheAgentDoesNotReportIsDroppedOrLost() {
        running(AWARE, "t1", "a1");
        running(PLAIN, "t2", "a1");
        Task elsewhere = running(PLAIN, "t3", "a2");

        TaskBook.Reconciled reconciled = book.agentReregistered("a1", List.of(), PARTITION_AWARE, T0);

        assertThat(reconciled.adopted()).isEmpty();
        assertThat(reconciled.changes()).extracting(c -> c.update().getState())
                .containsExactly(TaskState.TASK_DROPPED, TaskState.TASK_LOST);
        assertThat(reconciled.changes()).allSatisfy(c -> {
            assertThat(c.terminal()).isTrue();
            assertThat(c.update().getReason()).isEqualTo(TaskStatus.Reason.REASON_AGENT_REREGISTERED);
            assertThat(c.update().getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
            assertThat(c.update().hasUuid()).isFalse();
        });
        assertThat(book.completedOf(AWARE)).extracting(Task::getState).containsExactly(TaskState.TASK_DROPPED);
        assertThat(book.completedOf(PLAIN)).extracting(Task::getState).containsExactly(TaskState.TASK_LOST);
        assertThat(book.live()).containsExactly(elsewhere);
    }

    @Test
    void terminalReportedTasksAreNotTakenBack() {
        Task known = running(PLAIN, "t1", "a1");
        Task unknownFinished = reported(task(PLAIN, "t2", "a1"), TaskState.TASK_FINISHED);

        TaskBook.Reconciled reconciled = book.agentReregistered("a1",
                List.of(reported(known, TaskState.TASK_FAILED), unknownFinished), PARTITION_AWARE, T0);

        // The agent resends the terminal update itself; the master neither adopts the unknown task nor drops the
        // known one.
        assertThat(reconciled.changes()).isEmpty();
        assertThat(reconciled.adopted()).isEmpty();
        assertThat(book.live()).containsExactly(known);
        assertThat(book.completed()).isEmpty();
    }

    @Test
    void anUnreachableTaskTheAgentDoesNotReportIsNotLeftUnreachable() {
        running(AWARE, "t1", "a1");
        book.agentUnreachable("a1", PARTITION_AWARE, T0);

        TaskBook.Reconciled reconciled = book.agentReregistered("a1", List.of(), PARTITION_AWARE,
                T0.plusSeconds(120));

        assertThat(book.unreachable()).isEmpty();
        assertThat(reconciled.changes()).hasSize(1);
        TaskBook.Change change = reconciled.changes().get(0);
        assertThat(change.terminal()).isTrue();
        assertThat(change.update().getState()).isEqualTo(TaskState.TASK_DROPPED);
        assertThat(change.update().getReason()).isEqualTo(TaskStatus.Reason.REASON_AGENT_REREGISTERED);
        assertThat(book.completedOf(AWARE)).extracting(Task::getState).containsExactly(TaskState.TASK_DROPPED);
    }

    @Test
    void aLostTaskReportedRunningComesBackAndTheFrameworkIsTold() {
        Task before = running(PLAIN, "t1", "a1");
        book.agentUnreachable("a1", PARTITION_AWARE, T0);
        assertThat(book.completedOf(PLAIN)).extracting(Task::getState).containsExactly(TaskState.TASK_LOST);

        TaskBook.Reconciled reconciled = book.agentReregistered("a1",
                List.of(reported(before, TaskState.TASK_RUNNING)), PARTITION_AWARE, T0.plusSeconds(120));

        assertThat(reconciled.changes()).hasSize(1);
        TaskBook.Change change = reconciled.changes().get(0);
        assertThat(change.terminal()).isFalse();
        assertThat(change.update().getState()).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(change.update().getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
        assertThat(change.update().getReason()).isEqualTo(TaskStatus.Reason.REASON_AGENT_REREGISTERED);
        assertThat(change.update().hasUuid()).isFalse();
        assertThat(reconciled.adopted()).containsExactly(change.task());
        assertThat(book.live()).containsExactly(change.task());
        assertThat(book.completedOf(PLAIN)).isEmpty();
    }

    // --------------------------------------------------------------------------------------------- frameworks

    @Test
    void removingAFrameworkKillsItsLiveAndUnreachableTasksIntoItsBoundedCompletedOnes() {
        Task live = running(AWARE, "t1", "a1");
        running(AWARE, "t2", "a2");
        running(AWARE, "t3", "a1");
        book.update(AWARE, agentStatus("t3", TaskState.TASK_FINISHED, "f"));
        book.agentUnreachable("a2", PARTITION_AWARE, T0);
        Task other = running(PLAIN, "t1", "a1");

        List<Task> removed = book.removeFramework(AWARE, T0);

        assertThat(removed).extracting(t -> t.getTaskId().getValue()).containsExactlyInAnyOrder("t1", "t2");
        assertThat(removed).allSatisfy(t -> {
            assertThat(t.getState()).isEqualTo(TaskState.TASK_KILLED);
            assertThat(t.getStatuses(t.getStatusesCount() - 1).getReason())
                    .isEqualTo(TaskStatus.Reason.REASON_FRAMEWORK_REMOVED);
        });
        assertThat(removed).extracting(Task::getTaskId).contains(live.getTaskId());
        assertThat(book.live()).containsExactly(other);
        assertThat(book.unreachable()).isEmpty();
        // completed tasks are bounded to 2 per framework here: the oldest, t3, made room
        assertThat(book.completedOf(AWARE)).extracting(t -> t.getTaskId().getValue())
                .containsExactlyInAnyOrder("t1", "t2");
        assertThat(book.removeFramework(AWARE, T0)).isEmpty();
    }

    @Test
    void clearForgetsEverything() {
        running(AWARE, "t1", "a1");
        running(AWARE, "t2", "a2");
        book.agentUnreachable("a2", PARTITION_AWARE, T0);
        book.update(AWARE, agentStatus("t1", TaskState.TASK_FINISHED, "f"));

        book.clear();

        assertThat(book.live()).isEmpty();
        assertThat(book.unreachable()).isEmpty();
        assertThat(book.completed()).isEmpty();
    }

    // ------------------------------------------------------------------------------------------ TaskStatuses

    @Test
    void masterStatusesCarryTheExecutorAndNoUuid() {
        Task task = task(AWARE, "t1", "a1").toBuilder().setExecutorId(ExecutorID.newBuilder().setValue("e1"))
                .build();

        TaskStatus status = TaskStatuses.master(task, TaskState.TASK_LOST, TaskStatus.Reason.REASON_AGENT_REMOVED,
                "gone", T0);

        assertThat(status.getTaskId().getValue()).isEqualTo("t1");
        assertThat(status.getExecutorId().getValue()).isEqualTo("e1");
        assertThat(status.getAgentId().getValue()).isEqualTo("a1");
        assertThat(status.getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
        assertThat(status.getMessage()).isEqualTo("gone");
        assertThat(status.getTimestamp()).isEqualTo(MesosTime.seconds(T0));
        assertThat(status.hasUuid()).isFalse();
        assertThat(TaskStatuses.master(task(AWARE, "t2", "a1"), TaskState.TASK_LOST,
                TaskStatus.Reason.REASON_AGENT_REMOVED, "gone", T0).hasExecutorId()).isFalse();
    }

    @Test
    void theLatestStatusIsTheLastRecordedOneWithoutUuid() {
        Task task = running(AWARE, "t1", "a1");

        TaskStatus latest = TaskStatuses.latest(task, T0.plusSeconds(9));

        assertThat(latest.getState()).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(latest.getSource()).isEqualTo(TaskStatus.Source.SOURCE_EXECUTOR);
        assertThat(latest.getTimestamp()).isEqualTo(MesosTime.seconds(T0));
        assertThat(latest.hasUuid()).isFalse();

        TaskStatus made = TaskStatuses.latest(task(AWARE, "t2", "a1"), T0.plusSeconds(9));
        assertThat(made.getState()).isEqualTo(TaskState.TASK_STAGING);
        assertThat(made.getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
        assertThat(made.getTimestamp()).isEqualTo(MesosTime.seconds(T0.plusSeconds(9)));
    }

    @Test
    void aReconciliationAnswerGivesTheTasksStateFromTheMaster() {
        Task task = running(AWARE, "t1", "a1");

        TaskStatus answer = TaskStatuses.reconciliation(task, T0.plusSeconds(30));

        assertThat(answer.getState()).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(answer.getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
        assertThat(answer.getReason()).isEqualTo(TaskStatus.Reason.REASON_RECONCILIATION);
        assertThat(answer.hasMessage()).isFalse();
        assertThat(answer.hasUuid()).isFalse();
        assertThat(answer.getTimestamp()).isEqualTo(MesosTime.seconds(T0.plusSeconds(30)));
    }
}
