package dev.dcosnative.shared.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.Test;

class TaskStatesTest {

    @Test
    void theTerminalStatesAreThoseMesosNames() {
        Set<TaskState> terminal = EnumSet.noneOf(TaskState.class);
        Arrays.stream(TaskState.values()).filter(TaskStates::terminal).forEach(terminal::add);

        assertThat(terminal).containsExactlyInAnyOrder(TaskState.TASK_FINISHED, TaskState.TASK_FAILED,
                TaskState.TASK_KILLED, TaskState.TASK_ERROR, TaskState.TASK_LOST, TaskState.TASK_DROPPED,
                TaskState.TASK_GONE, TaskState.TASK_GONE_BY_OPERATOR);
    }

    @Test
    void liveAndUncertainStatesAreNotTerminal() {
        for (TaskState state : new TaskState[] { TaskState.TASK_STAGING, TaskState.TASK_STARTING,
                TaskState.TASK_RUNNING, TaskState.TASK_KILLING, TaskState.TASK_UNREACHABLE,
                TaskState.TASK_UNKNOWN }) {
            assertThat(TaskStates.terminal(state)).as(state.name()).isFalse();
        }
    }
}
