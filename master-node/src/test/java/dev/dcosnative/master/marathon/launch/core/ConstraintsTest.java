package dev.dcosnative.master.marathon.launch.core;

import static dev.dcosnative.master.marathon.launch.core.Fixtures.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.dcosnative.master.marathon.instance.core.AgentPlacement;
import dev.dcosnative.shared.marathon.Constraint;

class ConstraintsTest {

    private static AgentPlacement rack(String host, String rack) {
        return agent(host, Map.of("rack", rack));
    }

    private static boolean meets(AgentPlacement candidate, String field, String op, String value,
            AgentPlacement... placed) {
        return Constraints.meets(candidate, Constraint.of(field, op, value), List.of(placed));
    }

    @Test
    void uniqueHostnameAllowsOneInstancePerHost() {
        assertThat(meets(agent("a"), "hostname", "UNIQUE", null)).isTrue();
        assertThat(meets(agent("a"), "hostname", "UNIQUE", null, agent("a"))).isFalse();
        assertThat(meets(agent("b"), "hostname", "UNIQUE", null, agent("a"))).isTrue();
        assertThat(meets(agent("a"), "@hostname", "UNIQUE", null, agent("a"))).isFalse();
    }

    @Test
    void uniqueAttributeIgnoresPlacedInstancesWithoutTheAttribute() {
        assertThat(meets(rack("a", "r1"), "rack", "UNIQUE", null, rack("b", "r1"))).isFalse();
        assertThat(meets(rack("a", "r1"), "rack", "UNIQUE", null, agent("b"), rack("c", "r2"))).isTrue();
    }

    @Test
    void clusterWithValueWantsExactlyThatValue() {
        assertThat(meets(rack("a", "r1"), "rack", "CLUSTER", "r1")).isTrue();
        assertThat(meets(rack("a", "r2"), "rack", "CLUSTER", "r1")).isFalse();
        assertThat(meets(agent("a"), "hostname", "CLUSTER", "a")).isTrue();
    }

    @Test
    void clusterWithoutValueFollowsTheFirstPlacement() {
        assertThat(meets(rack("a", "r2"), "rack", "CLUSTER", null)).isTrue();
        assertThat(meets(rack("a", "r2"), "rack", "CLUSTER", null, rack("b", "r2"), rack("c", "r2"))).isTrue();
        assertThat(meets(rack("a", "r1"), "rack", "CLUSTER", null, rack("b", "r2"))).isFalse();
        assertThat(meets(agent("b"), "hostname", "CLUSTER", null, agent("a"))).isFalse();
    }

    @Test
    void groupByPlacesOnlyWhereTheGroupIsSmallest() {
        AgentPlacement[] placed = { rack("a", "r1"), rack("b", "r1"), rack("c", "r2") };
        assertThat(meets(rack("d", "r1"), "rack", "GROUP_BY", null, placed)).isFalse();
        assertThat(meets(rack("d", "r2"), "rack", "GROUP_BY", null, placed)).isTrue();
        assertThat(meets(rack("d", "r3"), "rack", "GROUP_BY", null, placed)).as("a new value").isTrue();
    }

    @Test
    void groupByWithExpectedCountSpreadsOverThatManyValuesFirst() {
        AgentPlacement[] two = { rack("a", "r1"), rack("b", "r2") };
        assertThat(meets(rack("c", "r1"), "rack", "GROUP_BY", "3", two)).isFalse();
        assertThat(meets(rack("c", "r2"), "rack", "GROUP_BY", "3", two)).isFalse();
        assertThat(meets(rack("c", "r3"), "rack", "GROUP_BY", "3", two)).isTrue();
        AgentPlacement[] three = { rack("a", "r1"), rack("b", "r2"), rack("c", "r3") };
        assertThat(meets(rack("d", "r1"), "rack", "GROUP_BY", "3", three)).isTrue();
        assertThat(meets(rack("d", "r1"), "rack", "GROUP_BY", "inf", three)).as("unbounded").isFalse();
        assertThat(meets(rack("d", "r1"), "rack", "GROUP_BY", "x", three)).as("not a number: 0").isTrue();
    }

    @Test
    void groupByWithExpectedCountKeepsRacksBalancedWhateverTheOfferOrder() {
        Random random = new Random(42);
        List<AgentPlacement> agents = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            agents.add(rack("h" + i, "r" + (i % 3)));
        }
        Constraint groupBy = Constraint.of("rack", "GROUP_BY", "3");
        for (int round = 0; round < 50; round++) {
            List<AgentPlacement> placed = new ArrayList<>();
            while (placed.size() < 9) {
                List<AgentPlacement> offers = new ArrayList<>(agents);
                Collections.shuffle(offers, random);
                placed.add(offers.stream().filter(a -> Constraints.meets(a, groupBy, placed)).findFirst()
                        .orElseThrow());
                Map<String, Long> counts = new HashMap<>(Map.of("r0", 0L, "r1", 0L, "r2", 0L));
                placed.forEach(p -> counts.merge(p.attributes().get("rack"), 1L, Long::sum));
                assertThat(Collections.max(counts.values()) - Collections.min(counts.values()))
                        .isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void groupByWithoutExpectedCountBalancesTheValuesItHasSeen() {
        AgentPlacement[] placed = { rack("a", "r1") };
        assertThat(meets(rack("b", "r1"), "rack", "GROUP_BY", null, placed))
                .as("r1 is the smallest known group: upstream only knows values it placed on").isTrue();
        assertThat(meets(rack("b", "r1"), "rack", "GROUP_BY", null, rack("a", "r1"), rack("c", "r1"),
                rack("d", "r2"))).isFalse();
    }

    @Test
    void maxPerCapsInstancesPerValue() {
        AgentPlacement[] placed = { rack("a", "r1"), rack("b", "r1"), rack("c", "r2") };
        assertThat(meets(rack("d", "r1"), "rack", "MAX_PER", "2", placed)).isFalse();
        assertThat(meets(rack("d", "r2"), "rack", "MAX_PER", "2", placed)).isTrue();
        assertThat(meets(rack("d", "r3"), "rack", "MAX_PER", "2", placed)).isTrue();
        assertThat(meets(rack("d", "r3"), "rack", "MAX_PER", "two", placed)).as("not a number").isFalse();
    }

    @Test
    void likeAndUnlikeMatchTheWholeValue() {
        assertThat(meets(rack("a", "rack-1"), "rack", "LIKE", "rack-[0-9]")).isTrue();
        assertThat(meets(rack("a", "rack-12"), "rack", "LIKE", "rack-[0-9]")).isFalse();
        assertThat(meets(rack("a", "rack-12"), "rack", "LIKE", "rack")).as("no partial match").isFalse();
        assertThat(meets(rack("a", "rack-12"), "rack", "UNLIKE", "rack-[0-9]")).isTrue();
        assertThat(meets(rack("a", "rack-1"), "rack", "UNLIKE", "rack-[0-9]")).isFalse();
        assertThat(meets(agent("web-1"), "hostname", "LIKE", "web-.*")).isTrue();
        assertThat(meets(rack("a", "r1"), "rack", "LIKE", null)).as("no value").isFalse();
        assertThat(meets(rack("a", "r1"), "rack", "LIKE", "([")).as("bad pattern").isFalse();
    }

    @Test
    void isAndInCompareExactly() {
        assertThat(meets(rack("a", "r1"), "rack", "IS", "r1")).isTrue();
        assertThat(meets(rack("a", "r10"), "rack", "IS", "r1")).isFalse();
        assertThat(meets(rack("a", "r2"), "rack", "IN", "r1, r2")).isTrue();
        assertThat(meets(rack("a", "r3"), "rack", "IN", "r1,r2")).isFalse();
    }

    @Test
    void anAbsentAttributeFailsEveryOperatorButUnlike() {
        AgentPlacement bare = agent("a");
        for (String op : List.of("UNIQUE", "CLUSTER", "GROUP_BY", "MAX_PER", "LIKE", "IS", "IN")) {
            assertThat(meets(bare, "rack", op, op.equals("MAX_PER") ? "5" : op.equals("GROUP_BY") ? null : "r1"))
                    .as(op).isFalse();
            assertThat(meets(bare, "rack", op, null)).as(op + " without value").isFalse();
        }
        assertThat(meets(bare, "rack", "UNLIKE", "r1")).isTrue();
    }

    @Test
    void regionAndZoneComeFromTheFaultDomain() {
        AgentPlacement east = new AgentPlacement("A", "a", "us-east", "us-east-1a", Map.of());
        AgentPlacement none = new AgentPlacement("B", "b", "", "", Map.of());
        assertThat(meets(east, "@region", "IS", "us-east")).isTrue();
        assertThat(meets(east, "@zone", "IS", "us-east-1a")).isTrue();
        assertThat(meets(none, "@zone", "IS", "us-east-1a")).isFalse();
        assertThat(meets(none, "@zone", "UNLIKE", "us-east-1a")).isTrue();
        assertThat(meets(east, "@zone", "GROUP_BY", null,
                new AgentPlacement("C", "c", "us-east", "us-east-1a", Map.of()))).isTrue();
    }

    @Test
    void unknownOperatorsAreNeverMet() {
        assertThat(meets(rack("a", "r1"), "rack", "NEAR", "r1")).isFalse();
    }

    @Test
    void unmetListsTheFailingConstraints() {
        Constraint unique = Constraint.of("hostname", "UNIQUE", null);
        Constraint is = Constraint.of("rack", "IS", "r1");
        assertThat(Constraints.unmet(rack("a", "r2"), List.of(unique, is), List.of(agent("a")))).containsExactly(
                unique, is);
        assertThat(Constraints.meetsAll(rack("b", "r1"), List.of(unique, is), List.of(agent("a")))).isTrue();
    }

    @Test
    void selectToKillTakesFromTheLargestGroups() {
        List<AgentPlacement> running = List.of(rack("a", "r1"), rack("b", "r1"), rack("c", "r1"), rack("d", "r2"),
                rack("e", "r3"));
        List<Constraint> groupBy = List.of(Constraint.of("rack", "GROUP_BY", null));
        assertThat(Constraints.selectToKill(groupBy, running, p -> p, 2)).extracting(AgentPlacement::hostname)
                .containsExactly("a", "b");
        List<AgentPlacement> three = Constraints.selectToKill(groupBy, running, p -> p, 3);
        assertThat(three).hasSize(3);
        Map<String, Integer> left = new HashMap<>();
        running.stream().filter(p -> !three.contains(p))
                .forEach(p -> left.merge(p.attributes().get("rack"), 1, Integer::sum));
        assertThat(Collections.max(left.values()) - (left.size() < 3 ? 0 : Collections.min(left.values())))
                .isLessThanOrEqualTo(1);
    }

    @Test
    void selectToKillWithoutGroupByLeavesTheChoiceToTheCaller() {
        List<AgentPlacement> running = List.of(rack("a", "r1"), rack("b", "r1"));
        List<Constraint> unique = List.of(Constraint.of("hostname", "UNIQUE", null));
        assertThat(Constraints.selectToKill(unique, running, p -> p, 1)).isEmpty();
        assertThat(Constraints.selectToKill(unique, running, p -> p, 2)).containsExactlyElementsOf(running);
        assertThatThrownBy(() -> Constraints.selectToKill(unique, running, p -> p, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void selectToKillBalancesEveryGroupByField() {
        List<AgentPlacement> running = List.of(
                agent("a", Map.of("rack", "r1", "zone", "z1")),
                agent("b", Map.of("rack", "r1", "zone", "z2")),
                agent("c", Map.of("rack", "r1", "zone", "z1")),
                agent("d", Map.of("rack", "r2", "zone", "z2")));
        List<Constraint> constraints = List.of(Constraint.of("rack", "GROUP_BY", null),
                Constraint.of("zone", "GROUP_BY", null));
        List<AgentPlacement> kill = Constraints.selectToKill(constraints, running, p -> p, 2);
        assertThat(kill).hasSize(2);
        for (String field : List.of("rack", "zone")) {
            Map<String, Integer> left = new HashMap<>();
            running.stream().filter(p -> !kill.contains(p))
                    .forEach(p -> left.merge(p.attributes().get(field), 1, Integer::sum));
            assertThat(left).as(field).hasSize(2).containsValues(1, 1);
        }
    }
}
