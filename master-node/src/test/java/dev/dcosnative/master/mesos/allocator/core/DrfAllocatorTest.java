package dev.dcosnative.master.mesos.allocator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.dcosnative.shared.mesos.ResourceBag;
import dev.dcosnative.shared.mesos.Resources;

class DrfAllocatorTest {

    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");
    private static final String PRIVATE = "cpus:4;mem:4096;disk:10000;ports:[31000-31099]";
    private static final Optional<Duration> NO_FILTER = Optional.empty();

    private final DrfAllocator allocator = new DrfAllocator(AllocatorOptions.defaults().withRandom(new Random(7)));

    private static ResourceBag bag(String spec) {
        return ResourceBag.of(Resources.parse(spec, "*"));
    }

    private static ResourceBag bag(String spec, String role) {
        return ResourceBag.of(Resources.parse(spec, role));
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static Map<String, Long> countByFramework(List<Allocation> allocations) {
        return allocations.stream().collect(Collectors.groupingBy(Allocation::frameworkId, Collectors.counting()));
    }

    private void recoverAll(List<Allocation> allocations, Optional<Duration> refuseFor, Instant now) {
        for (Allocation a : allocations) {
            allocator.recover(a.frameworkId(), a.role(), a.agentId(), a.resources(), refuseFor, now);
        }
    }

    @Test
    void twoFrameworksOfOneRoleSplitTwoAgents() {
        allocator.addAgent("agent-1", bag(PRIVATE));
        allocator.addAgent("agent-2", bag(PRIVATE));
        allocator.addFramework("fw-a", Set.of("web"), Set.of());
        allocator.addFramework("fw-b", Set.of("web"), Set.of());

        List<Allocation> offers = allocator.allocate(T0);

        assertThat(offers).hasSize(2);
        assertThat(countByFramework(offers)).containsEntry("fw-a", 1L).containsEntry("fw-b", 1L);
        assertThat(offers).extracting(Allocation::agentId).containsExactlyInAnyOrder("agent-1", "agent-2");
        assertThat(offers).allSatisfy(a -> {
            assertThat(a.role()).isEqualTo("web");
            assertThat(a.resources()).isEqualTo(bag(PRIVATE));
        });
        assertThat(allocator.frameworkShare("fw-a")).isEqualTo(0.5);
        assertThat(allocator.roleShare("web")).isEqualTo(1.0);
        assertThat(allocator.available("agent-1").isEmpty()).isTrue();
        assertThat(allocator.allocate(at(1))).as("nothing left").isEmpty();
    }

    @Test
    void twoRolesSplitFourAgentsEvenly() {
        for (int i = 1; i <= 4; i++) {
            allocator.addAgent("agent-" + i, bag(PRIVATE));
        }
        allocator.addFramework("fw-a", Set.of("analytics"), Set.of());
        allocator.addFramework("fw-b", Set.of("web"), Set.of());

        List<Allocation> offers = allocator.allocate(T0);

        assertThat(countByFramework(offers)).containsEntry("fw-a", 2L).containsEntry("fw-b", 2L);
        assertThat(allocator.roleShare("analytics")).isEqualTo(0.5);
        assertThat(allocator.roleShare("web")).isEqualTo(0.5);
        assertThat(allocator.allocatedToRole("web")).isEqualTo(bag(PRIVATE).plus(bag(PRIVATE)));
    }

    @Test
    void weightsTiltTheSplit() {
        for (int i = 1; i <= 4; i++) {
            allocator.addAgent("agent-" + i, bag(PRIVATE));
        }
        allocator.setWeight("analytics", 3);
        allocator.addFramework("fw-a", Set.of("analytics"), Set.of());
        allocator.addFramework("fw-b", Set.of("web"), Set.of());

        List<Allocation> offers = allocator.allocate(T0);

        assertThat(countByFramework(offers)).containsEntry("fw-a", 3L).containsEntry("fw-b", 1L);
        assertThat(allocator.roleShare("analytics")).isEqualTo(0.25);
        assertThat(allocator.weight("web")).isEqualTo(1);
        assertThatThrownBy(() -> allocator.setWeight("web", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> allocator.setWeight("web", Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDominantResourceDecidesAndGpusDoNotCount() {
        allocator.addAgent("agent-1", bag("cpus:10;mem:1000;gpus:4"));
        allocator.addAgent("agent-2", bag("cpus:10;mem:1000;ports:[1-10]"));
        allocator.addFramework("fw-mem", Set.of("mem-heavy"), Set.of());
        allocator.addFramework("fw-cpu", Set.of("cpu-heavy"), Set.of());
        allocator.addAllocation("fw-mem", "mem-heavy", "agent-1", bag("cpus:1;mem:900;gpus:4"));
        allocator.addAllocation("fw-cpu", "cpu-heavy", "agent-1", bag("cpus:8;mem:50"));

        assertThat(allocator.roleShare("mem-heavy")).isCloseTo(0.45, within(1e-9));
        assertThat(allocator.roleShare("cpu-heavy")).isCloseTo(0.40, within(1e-9));

        List<Allocation> offers = allocator.allocate(T0);

        assertThat(offers).singleElement().satisfies(a -> {
            assertThat(a.frameworkId()).as("the lower dominant share goes first").isEqualTo("fw-cpu");
            assertThat(a.agentId()).isEqualTo("agent-2");
        });
        assertThat(allocator.available("agent-1")).as("no ports: below the minimum").isEqualTo(bag("cpus:1;mem:50"));
    }

    @Test
    void slavePublicResourcesGoOnlyToSlavePublicFrameworks() {
        allocator.addAgent("public", bag("cpus:2;mem:2048;ports:[1-21,23-5050]", "slave_public"));
        allocator.addAgent("mixed", bag("cpus:1;mem:1024;ports:[31000-31009]")
                .plus(bag("cpus:2;mem:2048;ports:[80-80,443-443]", "slave_public")));
        allocator.addFramework("spark", Set.of("*"), Set.of());

        List<Allocation> first = allocator.allocate(T0);

        assertThat(first).singleElement().satisfies(a -> {
            assertThat(a.agentId()).isEqualTo("mixed");
            assertThat(a.resources()).as("only the unreserved part").isEqualTo(bag("cpus:1;mem:1024;ports:[31000-31009]"));
        });

        allocator.addFramework("marathon", Set.of("slave_public"), Set.of());
        List<Allocation> second = allocator.allocate(at(1));

        assertThat(second).hasSize(2).allSatisfy(a -> {
            assertThat(a.frameworkId()).isEqualTo("marathon");
            assertThat(a.role()).isEqualTo("slave_public");
            assertThat(a.resources().roles()).containsExactly("slave_public");
        });
        assertThat(allocator.available("public").isEmpty()).isTrue();
        assertThat(allocator.available("mixed").isEmpty()).isTrue();
    }

    @Test
    void unreservedResourcesOfAPublicAgentGoToWhicheverRoleIsPoorer() {
        allocator.addAgent("mixed", bag("cpus:1;mem:1024;ports:[31000-31009]")
                .plus(bag("cpus:2;mem:2048;ports:[80-80]", "slave_public")));
        allocator.addFramework("spark", Set.of("*"), Set.of());
        allocator.addFramework("marathon", Set.of("slave_public"), Set.of());

        List<Allocation> offers = allocator.allocate(T0);

        // "*" sorts first at equal (zero) shares and takes the unreserved part; slave_public keeps its reservation
        assertThat(offers).hasSize(2);
        assertThat(offers.get(0).frameworkId()).isEqualTo("spark");
        assertThat(offers.get(0).resources()).isEqualTo(bag("cpus:1;mem:1024;ports:[31000-31009]"));
        assertThat(offers.get(1).frameworkId()).isEqualTo("marathon");
        assertThat(offers.get(1).resources()).isEqualTo(bag("cpus:2;mem:2048;ports:[80-80]", "slave_public"));
    }

    @Test
    void suppressedRolesGetNothingUntilRevived() {
        allocator.addAgent("agent-1", bag(PRIVATE));
        allocator.addFramework("fw-a", Set.of("web", "batch"), Set.of("batch"));
        allocator.suppress("fw-a", Set.of("web"));

        assertThat(allocator.allocate(T0)).isEmpty();

        allocator.revive("fw-a", Set.of("batch"));
        assertThat(allocator.allocate(at(1))).singleElement()
                .satisfies(a -> assertThat(a.role()).isEqualTo("batch"));

        allocator.recover("fw-a", "batch", "agent-1", bag(PRIVATE), NO_FILTER, at(2));
        allocator.suppress("fw-a", Set.of());
        assertThat(allocator.allocate(at(3))).as("suppressed for all roles").isEmpty();

        allocator.revive("fw-a", Set.of());
        assertThat(allocator.allocate(at(4))).hasSize(1);
    }

    @Test
    void refusalFiltersExpireAfterRefuseFor() {
        allocator.addAgent("agent-1", bag(PRIVATE));
        allocator.addFramework("fw-a", Set.of("web"), Set.of());
        Allocation offer = allocator.allocate(T0).get(0);

        allocator.recover("fw-a", "web", "agent-1", offer.resources(), Optional.of(Duration.ofSeconds(5)), at(1));

        assertThat(allocator.available("agent-1")).isEqualTo(bag(PRIVATE));
        assertThat(allocator.allocate(at(2))).isEmpty();
        assertThat(allocator.allocate(at(5).plusMillis(999))).isEmpty();
        assertThat(allocator.allocate(at(6))).singleElement()
                .satisfies(a -> assertThat(a.resources()).isEqualTo(bag(PRIVATE)));
    }

    @Test
    void aRefusalFilterDoesNotHoldBackOtherFrameworks() {
        allocator.addAgent("agent-1", bag(PRIVATE));
        allocator.addFramework("fw-a", Set.of("web"), Set.of());
        Allocation offer = allocator.allocate(T0).get(0);
        allocator.recover("fw-a", "web", "agent-1", offer.resources(), Optional.of(Duration.ofSeconds(60)), at(1));

        allocator.addFramework("fw-b", Set.of("web"), Set.of());

        assertThat(allocator.allocate(at(2))).singleElement()
                .satisfies(a -> assertThat(a.frameworkId()).isEqualTo("fw-b"));
    }

    @Test
    void moreFreeResourcesThanRefusedLiftTheFilter() {
        allocator.addAgent("agent-1", bag(PRIVATE));
        allocator.addFramework("fw-a", Set.of("web"), Set.of());
        Allocation offer = allocator.allocate(T0).get(0);
        ResourceBag task = bag("cpus:1;mem:512;ports:[31000-31000]");
        ResourceBag declined = offer.resources().minus(task);
        allocator.recover("fw-a", "web", "agent-1", declined, Optional.of(Duration.ofSeconds(300)), at(1));

        assertThat(allocator.allocate(at(2))).as("what was refused, no more").isEmpty();

        allocator.recover("fw-a", "web", "agent-1", task, NO_FILTER, at(3)); // the task ended
        assertThat(allocator.allocate(at(4))).singleElement()
                .satisfies(a -> assertThat(a.resources()).isEqualTo(bag(PRIVATE)));
    }

    @Test
    void fewerFreeResourcesThanRefusedStayFiltered() {
        allocator.addAgent("agent-1", bag(PRIVATE));
        allocator.addFramework("fw-a", Set.of("web"), Set.of());
        allocator.addFramework("fw-b", Set.of("web"), Set.of());
        allocator.deactivateFramework("fw-b");
        Allocation offer = allocator.allocate(T0).get(0);
        allocator.recover("fw-a", "web", "agent-1", offer.resources(), Optional.of(Duration.ofSeconds(300)), at(1));

        allocator.addAllocation("fw-b", "web", "agent-1", bag("cpus:1;mem:100")); // a task of fw-b reported

        assertThat(allocator.allocate(at(2))).isEmpty();
    }

    @Test
    void reviveClearsRefusalFilters() {
        allocator.addAgent("agent-1", bag(PRIVATE));
        allocator.addFramework("fw-a", Set.of("web"), Set.of());
        Allocation offer = allocator.allocate(T0).get(0);
        allocator.recover("fw-a", "web", "agent-1", offer.resources(), Optional.of(Duration.ofHours(1)), at(1));
        assertThat(allocator.allocate(at(2))).isEmpty();

        allocator.revive("fw-a", Set.of("web"));

        assertThat(allocator.allocate(at(3))).hasSize(1);
    }

    @Test
    void refusalIsCappedAtAYear() {
        allocator.addAgent("agent-1", bag(PRIVATE));
        allocator.addFramework("fw-a", Set.of("web"), Set.of());
        Allocation offer = allocator.allocate(T0).get(0);
        allocator.recover("fw-a", "web", "agent-1", offer.resources(), Optional.of(Duration.ofDays(1000)), T0);

        assertThat(allocator.allocate(T0.plus(DrfAllocator.MAX_REFUSAL).minusSeconds(1))).isEmpty();
        assertThat(allocator.allocate(T0.plus(DrfAllocator.MAX_REFUSAL))).hasSize(1);
    }

    @Test
    void zeroRefusalMeansOfferAgainAtOnce() {
        allocator.addAgent("agent-1", bag(PRIVATE));
        allocator.addFramework("fw-a", Set.of("web"), Set.of());
        Allocation offer = allocator.allocate(T0).get(0);

        allocator.recover("fw-a", "web", "agent-1", offer.resources(), Optional.of(Duration.ZERO), T0);

        assertThat(allocator.allocate(T0)).hasSize(1);
    }

    @Test
    void leftoversBelowTheMinimumAreNotOffered() {
        allocator.addAgent("agent-1", bag("cpus:1;mem:1024;ports:[31000-31099]"));
        allocator.addFramework("fw-a", Set.of("web"), Set.of());
        allocator.addAllocation("fw-a", "web", "agent-1", bag("cpus:0.995;mem:512"));

        assertThat(allocator.available("agent-1").scalar("cpus")).isEqualTo(0.005);
        assertThat(allocator.allocate(T0)).isEmpty();

        allocator.recover("fw-a", "web", "agent-1", bag("cpus:0.005"), NO_FILTER, at(1));
        assertThat(allocator.allocate(at(2))).singleElement()
                .satisfies(a -> assertThat(a.resources()).isEqualTo(bag("cpus:0.01;mem:512;ports:[31000-31099]")));
    }

    @Test
    void anAgentWithoutPortsIsNotOfferedUnderTheDcosMinimum() {
        allocator.addAgent("agent-1", bag("cpus:4;mem:4096"));
        allocator.addFramework("fw-a", Set.of("web"), Set.of());

        assertThat(allocator.allocate(T0)).isEmpty();
    }

    @Test
    void aMultiRoleFrameworkGetsOneAllocationPerRole() {
        allocator.addAgent("agent-1", bag("cpus:1;mem:1024;ports:[31000-31009]")
                .plus(bag("cpus:2;mem:2048;ports:[5000-5001]", "analytics"))
                .plus(bag("cpus:3;mem:3072;ports:[6000-6001]", "web")));
        allocator.addFramework("multi", Set.of("analytics", "web"), Set.of());

        List<Allocation> offers = allocator.allocate(T0);

        assertThat(offers).hasSize(2).allSatisfy(a -> {
            assertThat(a.frameworkId()).isEqualTo("multi");
            assertThat(a.resources().allocatableTo(a.role())).isEqualTo(a.resources());
        });
        Map<String, ResourceBag> byRole = offers.stream()
                .collect(Collectors.toMap(Allocation::role, Allocation::resources));
        assertThat(byRole.get("analytics")).as("analytics sorts first and takes the unreserved part")
                .isEqualTo(bag("cpus:1;mem:1024;ports:[31000-31009]")
                        .plus(bag("cpus:2;mem:2048;ports:[5000-5001]", "analytics")));
        assertThat(byRole.get("web")).isEqualTo(bag("cpus:3;mem:3072;ports:[6000-6001]", "web"));
        assertThat(offers.get(0).resources().toResources(offers.get(0).role()))
                .allSatisfy(r -> assertThat(r.getAllocationInfo().getRole()).isEqualTo(offers.get(0).role()));
        assertThat(allocator.allocated("multi", "agent-1")).isEqualTo(allocator.total("agent-1"));
    }

    @Test
    void recoveringWhatIsNotHeldIsRefusedAndChangesNothing() {
        allocator.addAgent("agent-1", bag(PRIVATE));
        allocator.addFramework("fw-a", Set.of("web", "batch"), Set.of());
        allocator.addAllocation("fw-a", "web", "agent-1", bag("cpus:1;mem:512;ports:[31000-31001]"));

        assertThatThrownBy(() -> allocator.recover("fw-a", "web", "agent-1", bag("cpus:2"), NO_FILTER, T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not hold");
        assertThatThrownBy(() -> allocator.recover("fw-a", "web", "agent-1", bag("ports:[31001-31002]"), NO_FILTER,
                T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> allocator.recover("fw-a", "batch", "agent-1", bag("cpus:1"), NO_FILTER, T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> allocator.recover("fw-x", "web", "agent-1", bag("cpus:1"), NO_FILTER, T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> allocator.recover("fw-a", "web", "agent-x", bag("cpus:1"), NO_FILTER, T0))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(allocator.allocated("fw-a", "agent-1")).isEqualTo(bag("cpus:1;mem:512;ports:[31000-31001]"));
        assertThat(allocator.available("agent-1")).isEqualTo(bag(PRIVATE).minus(allocator.allocated("fw-a", "agent-1")));
    }

    @Test
    void addAllocationChecksAvailabilityAndReservations() {
        allocator.addAgent("agent-1", bag("cpus:1;mem:512").plus(bag("cpus:1;mem:512", "slave_public")));
        allocator.addFramework("fw-a", Set.of("web"), Set.of());

        assertThatThrownBy(() -> allocator.addAllocation("fw-a", "web", "agent-1", bag("cpus:1", "slave_public")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved for another role");
        assertThatThrownBy(() -> allocator.addAllocation("fw-a", "web", "agent-1", bag("cpus:2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not available");
        assertThatThrownBy(() -> allocator.addAllocation("fw-x", "web", "agent-1", bag("cpus:1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> allocator.addAllocation("fw-a", "web", "agent-x", bag("cpus:1")))
                .isInstanceOf(IllegalArgumentException.class);

        allocator.addAllocation("fw-a", "slave_public", "agent-1", bag("cpus:1", "slave_public"));
        assertThat(allocator.allocated("fw-a", "slave_public", "agent-1")).isEqualTo(bag("cpus:1", "slave_public"));
    }

    @Test
    void inactiveAgentsAndFrameworksGetNothing() {
        allocator.addAgent("agent-1", bag(PRIVATE));
        allocator.addAgent("agent-2", bag(PRIVATE));
        allocator.addFramework("fw-a", Set.of("web"), Set.of());
        allocator.addFramework("fw-b", Set.of("web"), Set.of());
        allocator.deactivateAgent("agent-2");
        allocator.deactivateFramework("fw-a");

        assertThat(allocator.allocate(T0)).singleElement().satisfies(a -> {
            assertThat(a.agentId()).isEqualTo("agent-1");
            assertThat(a.frameworkId()).isEqualTo("fw-b");
        });

        allocator.activateAgent("agent-2");
        allocator.activateFramework("fw-a");
        assertThat(allocator.allocate(at(1))).singleElement().satisfies(a -> {
            assertThat(a.agentId()).isEqualTo("agent-2");
            assertThat(a.frameworkId()).isEqualTo("fw-a");
        });
        allocator.deactivateAgent("nobody");
        allocator.deactivateFramework("nobody");
        assertThatThrownBy(() -> allocator.activateAgent("nobody")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void removeFrameworkFreesItsResourcesForOthers() {
        allocator.addAgent("agent-1", bag(PRIVATE));
        allocator.addFramework("fw-a", Set.of("web"), Set.of());
        assertThat(allocator.allocate(T0)).singleElement()
                .satisfies(a -> assertThat(a.frameworkId()).isEqualTo("fw-a"));
        allocator.addFramework("fw-b", Set.of("web"), Set.of());
        assertThat(allocator.allocate(at(1))).isEmpty();

        allocator.removeFramework("fw-a");
        allocator.removeFramework("fw-a");

        assertThat(allocator.available("agent-1")).isEqualTo(bag(PRIVATE));
        assertThat(allocator.roleShare("web")).isZero();
        assertThat(allocator.allocate(at(2))).singleElement()
                .satisfies(a -> assertThat(a.frameworkId()).isEqualTo("fw-b"));
    }

    @Test
    void removeAgentDropsItsAllocationsAndShrinksTheCluster() {
        allocator.addAgent("agent-1", bag(PRIVATE));
        allocator.addAgent("agent-2", bag(PRIVATE));
        allocator.addFramework("fw-a", Set.of("web"), Set.of());
        allocator.addAllocation("fw-a", "web", "agent-1", bag("cpus:2;mem:100"));
        assertThat(allocator.frameworkShare("fw-a")).isEqualTo(0.25);

        allocator.removeAgent("agent-1");
        allocator.removeAgent("agent-1");

        assertThat(allocator.allocated("fw-a", "agent-1").isEmpty()).isTrue();
        assertThat(allocator.frameworkShare("fw-a")).isZero();
        assertThat(allocator.agentIds()).containsExactly("agent-2");
        allocator.addAllocation("fw-a", "web", "agent-2", bag("cpus:2"));
        assertThat(allocator.frameworkShare("fw-a")).as("of one agent now").isEqualTo(0.5);
        assertThatThrownBy(() -> allocator.recover("fw-a", "web", "agent-1", bag("cpus:2"), NO_FILTER, T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void updateAgentKeepsAllocationsAndRefusesToShrinkBelowThem() {
        allocator.addAgent("agent-1", bag(PRIVATE));
        allocator.addFramework("fw-a", Set.of("web"), Set.of());
        allocator.addAllocation("fw-a", "web", "agent-1", bag("cpus:2;mem:1024"));

        allocator.updateAgent("agent-1", bag("cpus:8;mem:8192;ports:[31000-31099]"));

        assertThat(allocator.available("agent-1")).isEqualTo(bag("cpus:6;mem:7168;ports:[31000-31099]"));
        assertThat(allocator.frameworkShare("fw-a")).isEqualTo(0.25);
        assertThatThrownBy(() -> allocator.updateAgent("agent-1", bag("cpus:1;mem:8192")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot hold");
        assertThat(allocator.total("agent-1")).isEqualTo(bag("cpus:8;mem:8192;ports:[31000-31099]"));
    }

    @Test
    void updateFrameworkChangesRolesAndDropsFiltersOfRolesLeft() {
        allocator.addAgent("agent-1", bag(PRIVATE));
        allocator.addFramework("fw-a", Set.of("web"), Set.of());
        Allocation offer = allocator.allocate(T0).get(0);
        allocator.recover("fw-a", "web", "agent-1", offer.resources(), Optional.of(Duration.ofHours(1)), T0);

        allocator.updateFramework("fw-a", Set.of("batch"), Set.of());
        assertThat(allocator.allocate(at(1))).singleElement()
                .satisfies(a -> assertThat(a.role()).isEqualTo("batch"));
        allocator.recover("fw-a", "batch", "agent-1", bag(PRIVATE), NO_FILTER, at(2));

        allocator.updateFramework("fw-a", Set.of("web"), Set.of());
        assertThat(allocator.allocate(at(3))).as("the web filter went with the role").hasSize(1);

        assertThatThrownBy(() -> allocator.updateFramework("fw-a", Set.of("web"), Set.of("batch")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch");
        assertThatThrownBy(() -> allocator.addFramework("fw-a", Set.of("web"), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAgentOrderIsShuffledButReproducible() {
        List<String> first = agentOrder(new Random(3));
        List<String> again = agentOrder(new Random(3));

        assertThat(first).isEqualTo(again);
        assertThat(first).isNotEqualTo(first.stream().sorted().toList());
    }

    private static List<String> agentOrder(Random random) {
        DrfAllocator shuffled = new DrfAllocator(AllocatorOptions.defaults().withRandom(random));
        for (int i = 10; i < 30; i++) {
            shuffled.addAgent("agent-" + i, bag(PRIVATE));
        }
        for (int i = 10; i < 30; i++) {
            shuffled.addFramework("fw-" + i, Set.of("web"), Set.of());
        }
        return shuffled.allocate(T0).stream().map(Allocation::agentId).toList();
    }
}
