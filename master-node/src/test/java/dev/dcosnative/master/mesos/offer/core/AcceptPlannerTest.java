package dev.dcosnative.master.mesos.offer.core;

import static dev.dcosnative.master.mesos.offer.core.OfferBookTest.offer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Task;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import org.junit.jupiter.api.Test;

import dev.dcosnative.master.mesos.framework.core.Framework;
import dev.dcosnative.shared.mesos.ResourceBag;
import dev.dcosnative.shared.mesos.Resources;

class AcceptPlannerTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Instant NOW = T0.plusSeconds(3);
    private static final String OFFERED = "cpus:2;mem:1024;ports:[31000-31010]";

    private final OfferBook offers = new OfferBook();
    private final Framework framework = framework("f1", false);
    private final Framework aware = framework("f2", true);

    private static Framework framework(String id, boolean partitionAware) {
        FrameworkInfo.Builder info = FrameworkInfo.newBuilder()
                .setUser("nobody")
                .setName(id)
                .setId(FrameworkID.newBuilder().setValue(id));
        if (partitionAware) {
            info.addCapabilities(FrameworkInfo.Capability.newBuilder()
                    .setType(FrameworkInfo.Capability.Type.PARTITION_AWARE));
        }
        return new Framework(info.build(), "stream-" + id, T0, null, null, Set.of(), false);
    }

    private static ResourceBag bag(String resources) {
        return ResourceBag.of(Resources.parse(resources, "*"));
    }

    private OutstandingOffer add(String id, String frameworkId, String agentId, String role, String resources) {
        OutstandingOffer offer = offer(id, frameworkId, agentId, role, resources, T0);
        offers.add(offer);
        return offer;
    }

    private static TaskInfo.Builder task(String id, String agentId, String resources) {
        return TaskInfo.newBuilder()
                .setName("task " + id)
                .setTaskId(TaskID.newBuilder().setValue(id))
                .setAgentId(AgentID.newBuilder().setValue(agentId))
                .addAllResources(Resources.parse(resources, "*"))
                .setCommand(CommandInfo.newBuilder().setValue("sleep 100"));
    }

    private static Offer.Operation launch(TaskInfo.Builder... tasks) {
        Offer.Operation.Launch.Builder launch = Offer.Operation.Launch.newBuilder();
        Arrays.stream(tasks).forEach(launch::addTaskInfos);
        return Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH).setLaunch(launch).build();
    }

    private static ExecutorInfo.Builder executor(String resources) {
        return ExecutorInfo.newBuilder()
                .setType(ExecutorInfo.Type.DEFAULT)
                .setExecutorId(ExecutorID.newBuilder().setValue("default-executor"))
                .addAllResources(Resources.parse(resources, "*"));
    }

    private static Offer.Operation launchGroup(ExecutorInfo.Builder executor, TaskInfo.Builder... tasks) {
        TaskGroupInfo.Builder group = TaskGroupInfo.newBuilder();
        Arrays.stream(tasks).forEach(group::addTasks);
        return Offer.Operation.newBuilder()
                .setType(Offer.Operation.Type.LAUNCH_GROUP)
                .setLaunchGroup(Offer.Operation.LaunchGroup.newBuilder().setExecutor(executor).setTaskGroup(group))
                .build();
    }

    private AcceptPlan plan(Framework who, List<String> offerIds, Offer.Operation... operations) {
        return plan(who, offerIds, id -> false, operations);
    }

    private AcceptPlan plan(Framework who, List<String> offerIds, Predicate<String> taskExists,
            Offer.Operation... operations) {
        List<OfferID> ids = offerIds.stream().map(id -> OfferID.newBuilder().setValue(id).build()).toList();
        return AcceptPlanner.plan(who, ids, List.of(operations), offers, taskExists, NOW);
    }

    private static void refusedWith(AcceptPlan plan, TaskState state, TaskStatus.Reason reason, String message,
            String... taskIds) {
        assertThat(plan.refused()).extracting(s -> s.getTaskId().getValue()).containsExactly(taskIds);
        assertThat(plan.refused()).allSatisfy(status -> {
            assertThat(status.getState()).isEqualTo(state);
            assertThat(status.getReason()).isEqualTo(reason);
            assertThat(status.getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
            assertThat(status.getMessage()).contains(message);
            assertThat(status.hasUuid()).isFalse();
        });
    }

    private static boolean allocatedTo(List<Resource> resources, String role) {
        return !resources.isEmpty()
                && resources.stream().allMatch(r -> r.getAllocationInfo().getRole().equals(role));
    }

    // ------------------------------------------------------------------------------------------------- LAUNCH

    @Test
    void aValidLaunchConsumesExactlyTheTasksResources() {
        OutstandingOffer o1 = add("o1", "f1", "a1", "*", OFFERED);

        AcceptPlan plan = plan(framework, List.of("o1"), launch(task("t1", "a1", "cpus:0.5;mem:128;ports:[31000-31001]")));

        assertThat(plan.invalidOffers()).isFalse();
        assertThat(plan.agentId()).isEqualTo("a1");
        assertThat(plan.refused()).isEmpty();
        assertThat(plan.offersUsed()).containsExactly(o1);
        assertThat(plan.launches()).hasSize(1);
        AcceptPlan.Launch launch = plan.launches().get(0);
        assertThat(launch.isGroup()).isFalse();
        assertThat(launch.role()).isEqualTo("*");
        assertThat(launch.resources()).isEqualTo(bag("cpus:0.5;mem:128;ports:[31000-31001]"));
        assertThat(plan.unused()).containsOnlyKeys("*");
        assertThat(plan.unused().get("*")).isEqualTo(bag("cpus:1.5;mem:896;ports:[31002-31010]"));
        assertThat(launch.resources().plus(plan.unused().get("*"))).isEqualTo(o1.resources());
    }

    @Test
    void theLaunchedTaskAndItsRecordCarryTheAllocationRole() {
        add("o1", "f1", "a1", "slave_public", OFFERED);

        AcceptPlan plan = plan(framework, List.of("o1"), launch(task("t1", "a1", "cpus:1;mem:64")));

        AcceptPlan.Launch launch = plan.launches().get(0);
        assertThat(launch.role()).isEqualTo("slave_public");
        assertThat(allocatedTo(launch.task().getResourcesList(), "slave_public")).isTrue();
        assertThat(launch.task().getTaskId().getValue()).isEqualTo("t1");
        assertThat(launch.task().getCommand().getValue()).isEqualTo("sleep 100");
        assertThat(launch.executor()).isNull();
        assertThat(launch.group()).isNull();
        assertThat(plan.unused()).containsOnlyKeys("slave_public");

        Task record = launch.tasks().get(0);
        assertThat(record.getTaskId().getValue()).isEqualTo("t1");
        assertThat(record.getName()).isEqualTo("task t1");
        assertThat(record.getFrameworkId().getValue()).isEqualTo("f1");
        assertThat(record.getAgentId().getValue()).isEqualTo("a1");
        assertThat(record.getState()).isEqualTo(TaskState.TASK_STAGING);
        assertThat(record.getUser()).isEqualTo("nobody");
        assertThat(record.hasExecutorId()).isFalse();
        assertThat(record.getResourcesList()).isEqualTo(launch.task().getResourcesList());
    }

    @Test
    void theCommandUserWinsOverTheFrameworkUser() {
        add("o1", "f1", "a1", "*", OFFERED);

        AcceptPlan plan = plan(framework, List.of("o1"), launch(task("t1", "a1", "cpus:1")
                .setCommand(CommandInfo.newBuilder().setValue("id").setUser("core"))));

        assertThat(plan.launches().get(0).tasks().get(0).getUser()).isEqualTo("core");
    }

    @Test
    void aTaskThatNoLongerFitsIsRefusedAndTheOthersLaunch() {
        add("o1", "f1", "a1", "*", OFFERED);

        AcceptPlan plan = plan(framework, List.of("o1"), launch(task("t1", "a1", "cpus:1.5;mem:512"),
                task("t2", "a1", "cpus:1;mem:128"), task("t3", "a1", "cpus:0.5;mem:512")));

        assertThat(plan.launches()).extracting(l -> l.task().getTaskId().getValue()).containsExactly("t1", "t3");
        refusedWith(plan, TaskState.TASK_ERROR, TaskStatus.Reason.REASON_TASK_INVALID, "more resources", "t2");
        assertThat(plan.refused().get(0).getAgentId().getValue()).isEqualTo("a1");
        assertThat(plan.refused().get(0).getTimestamp()).isEqualTo(NOW.getEpochSecond());
        assertThat(plan.unused().get("*")).isEqualTo(bag("ports:[31000-31010]"));
        assertThat(plan.invalidOffers()).isFalse();
    }

    @Test
    void portsAreConsumedExactly() {
        add("o1", "f1", "a1", "*", OFFERED);

        AcceptPlan plan = plan(framework, List.of("o1"), launch(task("t1", "a1", "cpus:0.1;ports:[31005-31005]"),
                task("t2", "a1", "cpus:0.1;ports:[31005-31006]"), task("t3", "a1", "cpus:0.1;ports:[32000-32000]"),
                task("t4", "a1", "cpus:0.1;ports:[31000-31000,31010-31010]")));

        assertThat(plan.launches()).extracting(l -> l.task().getTaskId().getValue()).containsExactly("t1", "t4");
        refusedWith(plan, TaskState.TASK_ERROR, TaskStatus.Reason.REASON_TASK_INVALID, "more resources", "t2",
                "t3");
        assertThat(plan.unused().get("*")).isEqualTo(bag("cpus:1.8;mem:1024;ports:[31001-31004,31006-31009]"));
    }

    @Test
    void offersOnOneAgentAreAggregated() {
        add("o1", "f1", "a1", "*", "cpus:1;mem:512;ports:[31000-31000]");
        add("o2", "f1", "a1", "*", "cpus:1;mem:512;ports:[31001-31001]");

        AcceptPlan plan = plan(framework, List.of("o1", "o2"), launch(task("t1", "a1",
                "cpus:1.5;mem:1000;ports:[31000-31001]")));

        assertThat(plan.launches()).hasSize(1);
        assertThat(plan.offersUsed()).extracting(OutstandingOffer::id).containsExactly("o1", "o2");
        assertThat(plan.unused().get("*")).isEqualTo(bag("cpus:0.5;mem:24"));
    }

    @Test
    void offersForTwoRolesOnOneAgentKeepTheirRolesApart() {
        add("o1", "f1", "a1", "*", "cpus:1;mem:512");
        add("o2", "f1", "a1", "eng", "cpus:1;mem:512");

        TaskInfo.Builder forEng = task("t1", "a1", "cpus:1;mem:256").clearResources()
                .addAllResources(bag("cpus:1;mem:256").toResources("eng"));
        AcceptPlan plan = plan(framework, List.of("o1", "o2"), launch(forEng, task("t2", "a1", "cpus:1.5")));

        assertThat(plan.launches()).extracting(AcceptPlan.Launch::role).containsExactly("eng");
        refusedWith(plan, TaskState.TASK_ERROR, TaskStatus.Reason.REASON_TASK_INVALID, "more resources", "t2");
        assertThat(plan.unused()).containsOnlyKeys("*", "eng");
        assertThat(plan.unused().get("*")).isEqualTo(bag("cpus:1;mem:512"));
        assertThat(plan.unused().get("eng")).isEqualTo(bag("mem:256"));
    }

    @Test
    void aDuplicateTaskIdIsRefused() {
        add("o1", "f1", "a1", "*", OFFERED);

        AcceptPlan plan = plan(framework, List.of("o1"), "running"::equals, launch(task("running", "a1", "cpus:0.1"),
                task("t1", "a1", "cpus:0.1"), task("t1", "a1", "cpus:0.1")));

        assertThat(plan.launches()).extracting(l -> l.task().getTaskId().getValue()).containsExactly("t1");
        refusedWith(plan, TaskState.TASK_ERROR, TaskStatus.Reason.REASON_TASK_INVALID, "Task has duplicate ID",
                "running", "t1");
        assertThat(plan.unused().get("*")).isEqualTo(bag("cpus:1.9;mem:1024;ports:[31000-31010]"));
    }

    @Test
    void aDuplicateIdAcrossLaunchOperationsIsRefused() {
        add("o1", "f1", "a1", "*", OFFERED);

        AcceptPlan plan = plan(framework, List.of("o1"), launch(task("t1", "a1", "cpus:0.1")),
                launch(task("t1", "a1", "cpus:0.1")));

        assertThat(plan.launches()).hasSize(1);
        refusedWith(plan, TaskState.TASK_ERROR, TaskStatus.Reason.REASON_TASK_INVALID, "Task has duplicate ID",
                "t1");
    }

    @Test
    void aTaskForAnotherAgentIsRefused() {
        add("o1", "f1", "a1", "*", OFFERED);

        AcceptPlan plan = plan(framework, List.of("o1"), launch(task("t1", "a2", "cpus:0.1")));

        assertThat(plan.launches()).isEmpty();
        refusedWith(plan, TaskState.TASK_ERROR, TaskStatus.Reason.REASON_TASK_INVALID,
                "Task uses invalid agent: a2", "t1");
        assertThat(plan.unused().get("*")).isEqualTo(bag(OFFERED));
    }

    @Test
    void aTaskNeedsACommandOrAnExecutorButNotBoth() {
        add("o1", "f1", "a1", "*", OFFERED);
        TaskInfo.Builder both = task("both", "a1", "cpus:0.1").setExecutor(executor("cpus:0.1"));
        TaskInfo.Builder neither = task("neither", "a1", "cpus:0.1").clearCommand();

        AcceptPlan plan = plan(framework, List.of("o1"), launch(both, neither));

        assertThat(plan.launches()).isEmpty();
        refusedWith(plan, TaskState.TASK_ERROR, TaskStatus.Reason.REASON_TASK_INVALID,
                "Task should have at least one (but not both) of CommandInfo or ExecutorInfo present", "both",
                "neither");
    }

    @Test
    void aTaskWithACustomExecutorIsRefused() {
        add("o1", "f1", "a1", "*", OFFERED);
        TaskInfo.Builder custom = task("t1", "a1", "cpus:0.1").clearCommand()
                .setExecutor(executor("cpus:0.1").setType(ExecutorInfo.Type.CUSTOM)
                        .setCommand(CommandInfo.newBuilder().setValue("./my-executor")));

        AcceptPlan plan = plan(framework, List.of("o1"), launch(custom));

        assertThat(plan.launches()).isEmpty();
        refusedWith(plan, TaskState.TASK_ERROR, TaskStatus.Reason.REASON_TASK_INVALID, "custom executor", "t1");
    }

    @Test
    void tasksWithInvalidIdsOrResourcesAreRefused() {
        add("o1", "f1", "a1", "*", OFFERED);
        TaskInfo.Builder badId = task("a/b", "a1", "cpus:0.1");
        TaskInfo.Builder noResources = task("empty", "a1", "cpus:0.1").clearResources();
        TaskInfo.Builder negative = task("negative", "a1", "cpus:0.1").clearResources()
                .addResources(Resource.newBuilder().setName("cpus").setType(Value.Type.SCALAR)
                        .setScalar(Value.Scalar.newBuilder().setValue(-1)));
        TaskInfo.Builder emptyRange = task("range", "a1", "cpus:0.1").addResources(Resource.newBuilder()
                .setName("ports").setType(Value.Type.RANGES).setRanges(Value.Ranges.newBuilder()
                        .addRange(Value.Range.newBuilder().setBegin(31005).setEnd(31000))));

        AcceptPlan plan = plan(framework, List.of("o1"), launch(badId, noResources, negative, emptyRange));

        assertThat(plan.launches()).isEmpty();
        assertThat(plan.refused()).extracting(TaskStatus::getMessage).containsExactly(
                "'TaskID' is invalid: 'a/b'", "Task uses no resources",
                "Invalid resources: cpus must be a non-negative number", "Invalid resources: empty range in ports");
        assertThat(plan.unused().get("*")).isEqualTo(bag(OFFERED));
    }

    @Test
    void aTaskWithResourcesOfARoleNotOfferedIsRefused() {
        add("o1", "f1", "a1", "*", OFFERED);
        TaskInfo.Builder otherRole = task("t1", "a1", "cpus:1").clearResources()
                .addAllResources(bag("cpus:1").toResources("eng"));
        TaskInfo.Builder zeroOtherRole = task("t2", "a1", "cpus:1").clearResources()
                .addAllResources(Resources.parse("cpus:0", "*").stream()
                        .map(r -> r.toBuilder().setAllocationInfo(Resource.AllocationInfo.newBuilder()
                                .setRole("eng")).build())
                        .toList());

        AcceptPlan plan = plan(framework, List.of("o1"), launch(otherRole, zeroOtherRole));

        assertThat(plan.launches()).isEmpty();
        refusedWith(plan, TaskState.TASK_ERROR, TaskStatus.Reason.REASON_TASK_INVALID,
                "allocated to role 'eng', for which none of the offers was made", "t1", "t2");
        assertThat(plan.unused()).containsOnlyKeys("*");
        assertThat(plan.unused().get("*")).isEqualTo(bag(OFFERED));
    }

    @Test
    void unsupportedOperationsConsumeNothing() {
        OutstandingOffer o1 = add("o1", "f1", "a1", "*", OFFERED);
        Offer.Operation reserve = Offer.Operation.newBuilder()
                .setType(Offer.Operation.Type.RESERVE)
                .setReserve(Offer.Operation.Reserve.newBuilder().addAllResources(bag("cpus:1").toResources("*")))
                .build();

        AcceptPlan plan = plan(framework, List.of("o1"), reserve);

        assertThat(plan.launches()).isEmpty();
        assertThat(plan.refused()).isEmpty();
        assertThat(plan.invalidOffers()).isFalse();
        assertThat(plan.offersUsed()).containsExactly(o1);
        assertThat(plan.unused().get("*")).isEqualTo(o1.resources());
    }

    @Test
    void aDeclineIsAnAcceptWithoutOperations() {
        OutstandingOffer o1 = add("o1", "f1", "a1", "*", OFFERED);

        AcceptPlan plan = plan(framework, List.of("o1"));

        assertThat(plan.invalidOffers()).isFalse();
        assertThat(plan.offersUsed()).containsExactly(o1);
        assertThat(plan.unused()).containsEntry("*", o1.resources());
    }

    // ------------------------------------------------------------------------------------------ invalid offers

    @Test
    void anUnknownOfferDropsEveryTaskOfAPartitionAwareFramework() {
        OutstandingOffer valid = add("o1", "f2", "a1", "*", OFFERED);

        AcceptPlan plan = plan(aware, List.of("o1", "gone"), launch(task("t1", "a1", "cpus:0.1"),
                task("t2", "a1", "cpus:0.1")),
                launchGroup(executor("cpus:0.1"), task("g1", "a1", "cpus:0.1")));

        assertThat(plan.invalidOffers()).isTrue();
        assertThat(plan.launches()).isEmpty();
        refusedWith(plan, TaskState.TASK_DROPPED, TaskStatus.Reason.REASON_INVALID_OFFERS,
                "Offer gone is no longer valid", "t1", "t2", "g1");
        assertThat(plan.refused().get(0).getAgentId().getValue()).isEqualTo("a1");
        assertThat(plan.offersUsed()).containsExactly(valid);
        assertThat(plan.agentId()).isEqualTo("a1");
    }

    @Test
    void anotherFrameworksOfferLosesEveryTaskAndIsLeftAlone() {
        add("o1", "f2", "a1", "*", OFFERED);

        AcceptPlan plan = plan(framework, List.of("o1"), launch(task("t1", "a1", "cpus:0.1")));

        assertThat(plan.invalidOffers()).isTrue();
        refusedWith(plan, TaskState.TASK_LOST, TaskStatus.Reason.REASON_INVALID_OFFERS,
                "Offer o1 has invalid framework", "t1");
        assertThat(plan.refused().get(0).hasAgentId()).isFalse();
        assertThat(plan.offersUsed()).isEmpty();
        assertThat(plan.unused()).isEmpty();
        assertThat(plan.agentId()).isNull();
    }

    @Test
    void offersOnTwoAgentsAreInvalidAndEachGoesBackWhole() {
        OutstandingOffer o1 = add("o1", "f1", "a1", "*", OFFERED);
        OutstandingOffer o2 = add("o2", "f1", "a2", "*", "cpus:4;mem:4096");

        AcceptPlan plan = plan(framework, List.of("o1", "o2"), launch(task("t1", "a1", "cpus:0.1")));

        assertThat(plan.invalidOffers()).isTrue();
        refusedWith(plan, TaskState.TASK_LOST, TaskStatus.Reason.REASON_INVALID_OFFERS,
                "Aggregated offers must belong to one single agent", "t1");
        assertThat(plan.offersUsed()).containsExactly(o1, o2);
        // Each offer goes back on its own agent: nothing may be given back merged as if it were on one agent.
        assertThat(plan.unused()).isEmpty();
    }

    @Test
    void aDuplicateOfferIdIsInvalid() {
        OutstandingOffer o1 = add("o1", "f1", "a1", "*", OFFERED);

        AcceptPlan plan = plan(framework, List.of("o1", "o1"), launch(task("t1", "a1", "cpus:0.1")));

        assertThat(plan.invalidOffers()).isTrue();
        refusedWith(plan, TaskState.TASK_LOST, TaskStatus.Reason.REASON_INVALID_OFFERS,
                "Duplicate offer o1 in the offer list", "t1");
        assertThat(plan.offersUsed()).containsExactly(o1);
        assertThat(plan.unused()).isEmpty();
    }

    @Test
    void noOffersIsInvalid() {
        add("o1", "f1", "a1", "*", OFFERED);

        AcceptPlan plan = plan(aware, List.of(), launch(task("t1", "a1", "cpus:0.1")));

        assertThat(plan.invalidOffers()).isTrue();
        refusedWith(plan, TaskState.TASK_DROPPED, TaskStatus.Reason.REASON_INVALID_OFFERS, "No offers specified",
                "t1");
        assertThat(plan.offersUsed()).isEmpty();
        assertThat(plan.unused()).isEmpty();
    }

    // ------------------------------------------------------------------------------------------- LAUNCH_GROUP

    @Test
    void aTaskGroupIsLaunchedWholeWithItsExecutor() {
        add("o1", "f1", "a1", "slave_public", OFFERED);

        AcceptPlan plan = plan(framework, List.of("o1"), launchGroup(executor("cpus:0.1;mem:32"),
                task("g1", "a1", "cpus:0.5;mem:128;ports:[31000-31000]"), task("g2", "a1", "cpus:0.5;mem:128")));

        assertThat(plan.refused()).isEmpty();
        assertThat(plan.launches()).hasSize(1);
        AcceptPlan.Launch launch = plan.launches().get(0);
        assertThat(launch.isGroup()).isTrue();
        assertThat(launch.task()).isNull();
        assertThat(launch.role()).isEqualTo("slave_public");
        assertThat(launch.resources()).isEqualTo(bag("cpus:1.1;mem:288;ports:[31000-31000]"));
        assertThat(plan.unused().get("slave_public")).isEqualTo(bag("cpus:0.9;mem:736;ports:[31001-31010]"));

        ExecutorInfo executor = launch.executor();
        assertThat(executor.getFrameworkId().getValue()).isEqualTo("f1");
        assertThat(executor.getExecutorId().getValue()).isEqualTo("default-executor");
        assertThat(allocatedTo(executor.getResourcesList(), "slave_public")).isTrue();
        assertThat(ResourceBag.of(executor.getResourcesList())).isEqualTo(bag("cpus:0.1;mem:32"));

        assertThat(launch.group().getTasksList()).extracting(t -> t.getTaskId().getValue()).containsExactly("g1",
                "g2");
        assertThat(launch.group().getTasksList())
                .allSatisfy(t -> assertThat(allocatedTo(t.getResourcesList(), "slave_public")).isTrue());
        assertThat(launch.tasks()).extracting(t -> t.getTaskId().getValue()).containsExactly("g1", "g2");
        assertThat(launch.tasks()).allSatisfy(t -> {
            assertThat(t.getExecutorId().getValue()).isEqualTo("default-executor");
            assertThat(t.getState()).isEqualTo(TaskState.TASK_STAGING);
            assertThat(t.getAgentId().getValue()).isEqualTo("a1");
        });
    }

    @Test
    void aTaskGroupAndCommandTasksShareTheOffer() {
        add("o1", "f1", "a1", "*", OFFERED);

        AcceptPlan plan = plan(framework, List.of("o1"), launch(task("t1", "a1", "cpus:1")),
                launchGroup(executor("cpus:0.1"), task("g1", "a1", "cpus:0.5")),
                launch(task("g1", "a1", "cpus:0.1"), task("t2", "a1", "cpus:1")));

        assertThat(plan.launches()).hasSize(2);
        assertThat(plan.refused()).extracting(s -> s.getTaskId().getValue()).containsExactly("g1", "t2");
        assertThat(plan.refused()).extracting(TaskStatus::getMessage)
                .satisfiesExactly(m -> assertThat(m).contains("duplicate ID"),
                        m -> assertThat(m).contains("more resources"));
        assertThat(plan.unused().get("*")).isEqualTo(bag("cpus:0.4;mem:1024;ports:[31000-31010]"));
    }

    @Test
    void anInvalidTaskGroupIsRefusedWhole() {
        assertGroupRefused(launchGroup(executor("cpus:0.1").setType(ExecutorInfo.Type.CUSTOM),
                task("g1", "a1", "cpus:0.1"), task("g2", "a1", "cpus:0.1")),
                "'ExecutorInfo.type' must be 'DEFAULT'", "g1", "g2");
        assertGroupRefused(launchGroup(executor("cpus:0.1")), "", new String[0]);
        assertGroupRefused(launchGroup(executor("cpus:0.1"), task("g1", "a1", "cpus:0.1"),
                task("g2", "a1", "cpus:0.1").setExecutor(executor("cpus:0.1"))),
                "should not have 'ExecutorInfo' set", "g1", "g2");
        assertGroupRefused(launchGroup(executor("cpus:0.1"), task("g1", "a1", "cpus:0.1"),
                task("g2", "a1", "cpus:0.1").clearCommand()), "should have 'CommandInfo' set", "g1", "g2");
        assertGroupRefused(launchGroup(executor("cpus:0.1"), task("g1", "a1", "cpus:0.1"),
                task("g1", "a1", "cpus:0.1")), "Task has duplicate ID: g1", "g1", "g1");
        assertGroupRefused(launchGroup(executor("cpus:0.1"), task("g1", "a1", "cpus:1"),
                task("g2", "a1", "cpus:1")), "Task group uses more resources", "g1", "g2");
        assertGroupRefused(launchGroup(executor("cpus:0.1"), task("g1", "a1", "cpus:0.1"),
                task("g2", "a2", "cpus:0.1")), "Task 'g2' is invalid: Task uses invalid agent", "g1", "g2");
        assertGroupRefused(launchGroup(executor("cpus:0.1").clearResources()
                .addAllResources(bag("cpus:0.1").toResources("eng")), task("g1", "a1", "cpus:0.1")),
                "allocated to role 'eng'", "g1");
        assertGroupRefused(launchGroup(executor("cpus:0.1").setFrameworkId(FrameworkID.newBuilder().setValue("f9")),
                task("g1", "a1", "cpus:0.1")), "ExecutorInfo has an invalid FrameworkID", "g1");
    }

    private void assertGroupRefused(Offer.Operation group, String message, String... taskIds) {
        offers.clear();
        add("o1", "f1", "a1", "*", OFFERED);

        AcceptPlan plan = plan(framework, List.of("o1"), group);

        assertThat(plan.launches()).isEmpty();
        assertThat(plan.invalidOffers()).isFalse();
        refusedWith(plan, TaskState.TASK_ERROR, TaskStatus.Reason.REASON_TASK_GROUP_INVALID, message, taskIds);
        assertThat(plan.unused().get("*")).isEqualTo(bag(OFFERED));
    }
}
