package dev.dcosnative.master.mesos.state.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.Task;

import dev.dcosnative.master.mesos.agent.core.Agent;
import dev.dcosnative.master.mesos.agent.core.AgentStatus;
import dev.dcosnative.master.mesos.framework.core.Framework;
import dev.dcosnative.master.mesos.offer.core.OutstandingOffer;
import dev.dcosnative.shared.mesos.ResourceBag;

/**
 * A consistent view of the master's state, taken on the master actor, from which every state endpoint (v1 operator
 * calls and the legacy JSON endpoints) renders its answer.
 *
 * @param self this master
 * @param leader the leading master, possibly this one, or null
 * @param electedTime when this master was elected, or null when it does not lead
 * @param flags the master's configuration under Mesos flag names
 * @param tasks live tasks (staging to killing); {@code unreachableTasks} those on unreachable agents
 */
public record MasterSnapshot(MasterInfo self, MasterInfo leader, Instant startTime, Instant electedTime,
        String cluster, Map<String, String> flags, List<Agent> agents, List<Framework> frameworks,
        List<Framework> completedFrameworks, List<Task> tasks, List<Task> unreachableTasks, List<Task> completedTasks,
        List<OutstandingOffer> offers) {

    public MasterSnapshot {
        flags = Map.copyOf(flags);
        agents = List.copyOf(agents);
        frameworks = List.copyOf(frameworks);
        completedFrameworks = List.copyOf(completedFrameworks);
        tasks = List.copyOf(tasks);
        unreachableTasks = List.copyOf(unreachableTasks);
        completedTasks = List.copyOf(completedTasks);
        offers = List.copyOf(offers);
    }

    /** A snapshot of a master without frameworks, tasks or offers (standby, or nothing subscribed yet). */
    public static MasterSnapshot ofAgents(MasterInfo self, MasterInfo leader, Instant startTime, Instant electedTime,
            String cluster, Map<String, String> flags, List<Agent> agents) {
        return new MasterSnapshot(self, leader, startTime, electedTime, cluster, flags, agents, List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of());
    }

    public List<Agent> withStatus(AgentStatus status) {
        return agents.stream().filter(a -> a.status() == status).toList();
    }

    /** Resources used by live tasks on the agent. */
    public ResourceBag usedOn(String agentId) {
        ResourceBag used = ResourceBag.empty();
        for (Task task : tasks) {
            if (task.getAgentId().getValue().equals(agentId)) {
                used = used.plus(ResourceBag.of(task.getResourcesList()));
            }
        }
        return used;
    }

    /** Resources offered and not yet answered on the agent. */
    public ResourceBag offeredOn(String agentId) {
        ResourceBag offered = ResourceBag.empty();
        for (OutstandingOffer offer : offers) {
            if (offer.agentId().equals(agentId)) {
                offered = offered.plus(offer.resources());
            }
        }
        return offered;
    }

    /** Resources used by the framework's live tasks. */
    public ResourceBag usedBy(String frameworkId) {
        ResourceBag used = ResourceBag.empty();
        for (Task task : tasks) {
            if (task.getFrameworkId().getValue().equals(frameworkId)) {
                used = used.plus(ResourceBag.of(task.getResourcesList()));
            }
        }
        return used;
    }

    public List<OutstandingOffer> offersOf(String frameworkId) {
        return offers.stream().filter(o -> o.frameworkId().equals(frameworkId)).toList();
    }

    public ResourceBag offeredTo(String frameworkId) {
        ResourceBag offered = ResourceBag.empty();
        for (OutstandingOffer offer : offersOf(frameworkId)) {
            offered = offered.plus(offer.resources());
        }
        return offered;
    }

    public List<Task> tasksOf(String frameworkId, List<Task> from) {
        return from.stream().filter(t -> t.getFrameworkId().getValue().equals(frameworkId)).toList();
    }
}
