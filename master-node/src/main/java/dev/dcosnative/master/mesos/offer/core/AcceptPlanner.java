package dev.dcosnative.master.mesos.offer.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Task;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;

import dev.dcosnative.master.mesos.framework.core.Framework;
import dev.dcosnative.master.mesos.framework.core.FrameworkValidation;
import dev.dcosnative.shared.mesos.MesosTime;
import dev.dcosnative.shared.mesos.ResourceBag;

/**
 * Turns an ACCEPT into an {@link AcceptPlan} with Mesos' rules: the offers must be outstanding, the framework's, and
 * all on one agent (else every task is dropped, REASON_INVALID_OFFERS); each task of a LAUNCH is checked on its own
 * (invalid → TASK_ERROR, REASON_TASK_INVALID) and takes its resources from what is left of the offers, in order; a
 * LAUNCH_GROUP is launched whole or refused whole (REASON_TASK_GROUP_INVALID). Nothing is launched that does not fit.
 */
public final class AcceptPlanner {

    private AcceptPlanner() {
    }

    public static AcceptPlan plan(Framework framework, List<OfferID> offerIds, List<Offer.Operation> operations,
            OfferBook offers, Predicate<String> taskExists, Instant now) {
        List<OutstandingOffer> valid = new ArrayList<>();
        String offerError = null;
        Set<String> seen = new HashSet<>();
        for (OfferID id : offerIds) {
            OutstandingOffer offer = offers.get(id.getValue()).orElse(null);
            if (!seen.add(id.getValue())) {
                offerError = "Duplicate offer " + id.getValue() + " in the offer list";
            } else if (offer == null) {
                offerError = "Offer " + id.getValue() + " is no longer valid";
            } else if (!offer.frameworkId().equals(framework.id())) {
                offerError = "Offer " + id.getValue() + " has invalid framework";
            } else {
                if (!valid.isEmpty() && !valid.get(0).agentId().equals(offer.agentId())) {
                    offerError = "Aggregated offers must belong to one single agent. Offer " + id.getValue()
                            + " uses agent " + offer.agentId() + " and offer " + valid.get(0).id() + " uses agent "
                            + valid.get(0).agentId();
                }
                valid.add(offer);
            }
        }
        if (offerIds.isEmpty()) {
            offerError = "No offers specified";
        }
        String agentId = valid.isEmpty() ? null : valid.get(0).agentId();
        List<TaskStatus> refused = new ArrayList<>();
        if (offerError != null) {
            TaskState lost = framework.partitionAware() ? TaskState.TASK_DROPPED : TaskState.TASK_LOST;
            for (TaskInfo task : tasksOf(operations)) {
                refused.add(status(task, agentId, lost, TaskStatus.Reason.REASON_INVALID_OFFERS,
                        "Task launched with invalid offers: " + offerError, now));
            }
            // The valid offers may be on different agents: each goes back whole on its own agent (offersUsed),
            // nothing is given back as if it were all on one.
            return new AcceptPlan(agentId, List.of(), refused, valid, Map.of(), true);
        }

        Map<String, ResourceBag> remaining = new LinkedHashMap<>();
        for (OutstandingOffer offer : valid) {
            remaining.merge(offer.role(), offer.resources(), ResourceBag::plus);
        }
        List<AcceptPlan.Launch> launches = new ArrayList<>();
        Set<String> newTaskIds = new HashSet<>();
        String defaultRole = valid.get(0).role();
        for (Offer.Operation operation : operations) {
            switch (operation.getType()) {
                case LAUNCH -> {
                    for (TaskInfo task : operation.getLaunch().getTaskInfosList()) {
                        String error = validateTask(task, agentId, taskExists, newTaskIds);
                        String role = roleOf(task.getResourcesList(), defaultRole);
                        ResourceBag needed = error == null ? bag(task.getResourcesList()) : null;
                        if (error == null && task.hasExecutor()) {
                            error = "Tasks with a custom executor are not supported; use a command or LAUNCH_GROUP";
                        }
                        if (error == null && !remaining.containsKey(role)) {
                            error = notOffered(role);
                        }
                        if (error == null && !remaining.getOrDefault(role, ResourceBag.empty()).contains(needed)) {
                            error = "Task uses more resources " + needed + " than available "
                                    + remaining.getOrDefault(role, ResourceBag.empty());
                        }
                        if (error != null) {
                            refused.add(status(task, agentId, TaskState.TASK_ERROR,
                                    TaskStatus.Reason.REASON_TASK_INVALID, error, now));
                            continue;
                        }
                        newTaskIds.add(task.getTaskId().getValue());
                        remaining.put(role, remaining.get(role).minus(needed));
                        TaskInfo stamped = stamped(task, role);
                        launches.add(new AcceptPlan.Launch(role, List.of(record(framework, stamped, null, agentId)),
                                stamped, null, null, needed));
                    }
                }
                case LAUNCH_GROUP -> {
                    ExecutorInfo executor = operation.getLaunchGroup().getExecutor();
                    TaskGroupInfo group = operation.getLaunchGroup().getTaskGroup();
                    String role = roleOf(executor.getResourcesList(), defaultRole);
                    String error = validateGroup(framework, executor, group, agentId, taskExists, newTaskIds);
                    ResourceBag needed = null;
                    if (error == null && !remaining.containsKey(role)) {
                        error = notOffered(role);
                    }
                    if (error == null) {
                        needed = bag(executor.getResourcesList());
                        for (TaskInfo task : group.getTasksList()) {
                            needed = needed.plus(bag(task.getResourcesList()));
                        }
                        if (!remaining.getOrDefault(role, ResourceBag.empty()).contains(needed)) {
                            error = "Task group uses more resources " + needed + " than available "
                                    + remaining.getOrDefault(role, ResourceBag.empty());
                        }
                    }
                    if (error != null) {
                        for (TaskInfo task : group.getTasksList()) {
                            refused.add(status(task, agentId, TaskState.TASK_ERROR,
                                    TaskStatus.Reason.REASON_TASK_GROUP_INVALID, error, now));
                        }
                        continue;
                    }
                    List<Task> records = new ArrayList<>();
                    TaskGroupInfo.Builder stampedGroup = TaskGroupInfo.newBuilder();
                    for (TaskInfo task : group.getTasksList()) {
                        newTaskIds.add(task.getTaskId().getValue());
                        TaskInfo stamped = stamped(task, role);
                        stampedGroup.addTasks(stamped);
                        records.add(record(framework, stamped, executor, agentId));
                    }
                    ExecutorInfo stampedExecutor = executor.toBuilder()
                            .setFrameworkId(framework.info().getId())
                            .clearResources()
                            .addAllResources(ResourceBag.of(executor.getResourcesList()).toResources(role))
                            .build();
                    remaining.put(role, remaining.get(role).minus(needed));
                    launches.add(new AcceptPlan.Launch(role, records, null, stampedExecutor, stampedGroup.build(),
                            needed));
                }
                default -> {
                    // RESERVE, CREATE, ... are not supported yet: they consume nothing and the resources go back.
                }
            }
        }
        return new AcceptPlan(agentId, launches, refused, valid, remaining, false);
    }

    private static String notOffered(String role) {
        return "Resources are allocated to role '" + role + "', for which none of the offers was made";
    }

    private static List<TaskInfo> tasksOf(List<Offer.Operation> operations) {
        List<TaskInfo> tasks = new ArrayList<>();
        for (Offer.Operation operation : operations) {
            if (operation.getType() == Offer.Operation.Type.LAUNCH) {
                tasks.addAll(operation.getLaunch().getTaskInfosList());
            } else if (operation.getType() == Offer.Operation.Type.LAUNCH_GROUP) {
                tasks.addAll(operation.getLaunchGroup().getTaskGroup().getTasksList());
            }
        }
        return tasks;
    }

    private static String validateTask(TaskInfo task, String agentId, Predicate<String> taskExists,
            Set<String> newTaskIds) {
        String id = task.getTaskId().getValue();
        if (!FrameworkValidation.validId(id)) {
            return "'TaskID' is invalid: '" + id + "'";
        }
        if (taskExists.test(id) || newTaskIds.contains(id)) {
            return "Task has duplicate ID: " + id;
        }
        if (!task.getAgentId().getValue().equals(agentId)) {
            return "Task uses invalid agent: " + task.getAgentId().getValue();
        }
        if (task.hasExecutor() == task.hasCommand()) {
            return "Task should have at least one (but not both) of CommandInfo or ExecutorInfo present";
        }
        if (task.getResourcesCount() == 0) {
            return "Task uses no resources";
        }
        String resources = validateResources(task.getResourcesList());
        if (resources != null) {
            return resources;
        }
        if (task.hasKillPolicy() && task.getKillPolicy().hasGracePeriod()
                && task.getKillPolicy().getGracePeriod().getNanoseconds() < 0) {
            return "Task's 'kill_policy.grace_period' must be non-negative";
        }
        return null;
    }

    private static String validateGroup(Framework framework, ExecutorInfo executor, TaskGroupInfo group,
            String agentId, Predicate<String> taskExists, Set<String> newTaskIds) {
        if (executor.getType() != ExecutorInfo.Type.DEFAULT) {
            return "'ExecutorInfo.type' must be 'DEFAULT' for a task group";
        }
        if (!FrameworkValidation.validId(executor.getExecutorId().getValue())) {
            return "'ExecutorInfo.executor_id' is invalid";
        }
        if (executor.hasFrameworkId() && !executor.getFrameworkId().getValue().equals(framework.id())) {
            return "ExecutorInfo has an invalid FrameworkID";
        }
        if (group.getTasksCount() == 0) {
            return "Task group is empty";
        }
        String resources = validateResources(executor.getResourcesList());
        if (resources != null) {
            return resources;
        }
        Set<String> groupIds = new HashSet<>();
        for (TaskInfo task : group.getTasksList()) {
            if (task.hasExecutor()) {
                return "Task '" + task.getTaskId().getValue() + "' should not have 'ExecutorInfo' set";
            }
            if (!task.hasCommand()) {
                return "Task '" + task.getTaskId().getValue() + "' should have 'CommandInfo' set";
            }
            String error = validateTask(task, agentId, taskExists, newTaskIds);
            if (error == null && !groupIds.add(task.getTaskId().getValue())) {
                error = "Task has duplicate ID: " + task.getTaskId().getValue();
            }
            if (error != null) {
                return "Task '" + task.getTaskId().getValue() + "' is invalid: " + error;
            }
        }
        return null;
    }

    private static String validateResources(List<Resource> resources) {
        for (Resource resource : resources) {
            if (resource.getName().isEmpty()) {
                return "Invalid resources: empty resource name";
            }
            if (resource.getType() == Value.Type.SCALAR && !(resource.getScalar().getValue() >= 0)) {
                return "Invalid resources: " + resource.getName() + " must be a non-negative number";
            }
            if (resource.getType() == Value.Type.RANGES) {
                for (Value.Range range : resource.getRanges().getRangeList()) {
                    if (range.getBegin() > range.getEnd()) {
                        return "Invalid resources: empty range in " + resource.getName();
                    }
                }
            }
        }
        try {
            ResourceBag.of(resources);
        } catch (IllegalArgumentException e) {
            return "Invalid resources: " + e.getMessage();
        }
        return null;
    }

    private static ResourceBag bag(List<Resource> resources) {
        return ResourceBag.of(resources);
    }

    private static String roleOf(List<Resource> resources, String fallback) {
        for (Resource resource : resources) {
            if (resource.hasAllocationInfo() && resource.getAllocationInfo().hasRole()) {
                return resource.getAllocationInfo().getRole();
            }
        }
        return fallback;
    }

    /** The task as the agent gets it: its resources carry the role they were allocated for, as Mesos does. */
    private static TaskInfo stamped(TaskInfo task, String role) {
        return task.toBuilder().clearResources().addAllResources(ResourceBag.of(task.getResourcesList())
                .toResources(role)).build();
    }

    /** The master's record of a task. */
    private static Task record(Framework framework, TaskInfo info, ExecutorInfo executor, String agentId) {
        Task.Builder task = Task.newBuilder()
                .setName(info.getName())
                .setTaskId(info.getTaskId())
                .setFrameworkId(framework.info().getId())
                .setAgentId(AgentID.newBuilder().setValue(agentId))
                .setState(TaskState.TASK_STAGING)
                .addAllResources(info.getResourcesList())
                .setUser(info.getCommand().hasUser() ? info.getCommand().getUser() : framework.info().getUser());
        if (executor != null) {
            task.setExecutorId(executor.getExecutorId());
        }
        if (info.hasLabels()) {
            task.setLabels(info.getLabels());
        }
        if (info.hasDiscovery()) {
            task.setDiscovery(info.getDiscovery());
        }
        if (info.hasContainer()) {
            task.setContainer(info.getContainer());
        }
        if (info.hasHealthCheck()) {
            task.setHealthCheck(info.getHealthCheck());
        }
        if (info.hasKillPolicy()) {
            task.setKillPolicy(info.getKillPolicy());
        }
        return task.build();
    }

    private static TaskStatus status(TaskInfo task, String agentId, TaskState state, TaskStatus.Reason reason,
            String message, Instant now) {
        TaskStatus.Builder status = TaskStatus.newBuilder()
                .setTaskId(task.getTaskId())
                .setState(state)
                .setSource(TaskStatus.Source.SOURCE_MASTER)
                .setReason(reason)
                .setMessage(message)
                .setTimestamp(MesosTime.seconds(now));
        if (agentId != null) {
            status.setAgentId(AgentID.newBuilder().setValue(agentId));
        }
        return status.build();
    }
}
