package dev.dcosnative.master.mesos.offer.core;

import java.util.List;
import java.util.Map;

import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Task;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskStatus;

import dev.dcosnative.shared.mesos.ResourceBag;

/**
 * What an ACCEPT amounts to, decided before anything happens: the launches to make (each a command task or a whole
 * task group, never part of one), the status updates for the tasks refused, the offers consumed, and per role the
 * offered resources left unused on {@code agentId} (to give back to the allocator with the call's refusal filter).
 * When the offers were invalid nothing is launched and {@code unused} is empty: every valid offer in
 * {@code offersUsed} goes back whole on its own agent, without a filter, as Mesos does (they need not all be on one
 * agent).
 */
public record AcceptPlan(String agentId, List<Launch> launches, List<TaskStatus> refused,
        List<OutstandingOffer> offersUsed, Map<String, ResourceBag> unused, boolean invalidOffers) {

    public AcceptPlan {
        launches = List.copyOf(launches);
        refused = List.copyOf(refused);
        offersUsed = List.copyOf(offersUsed);
        unused = Map.copyOf(unused);
    }

    /** One launch: a command task, or a task group with its executor; {@code tasks} are the master's records. */
    public record Launch(String role, List<Task> tasks, TaskInfo task, ExecutorInfo executor, TaskGroupInfo group,
            ResourceBag resources) {

        public boolean isGroup() {
            return group != null;
        }
    }
}
