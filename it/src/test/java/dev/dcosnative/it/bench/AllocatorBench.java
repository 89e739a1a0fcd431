package dev.dcosnative.it.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.dcosnative.master.mesos.allocator.core.Allocation;
import dev.dcosnative.master.mesos.allocator.core.AllocatorOptions;
import dev.dcosnative.master.mesos.allocator.core.DrfAllocator;
import dev.dcosnative.shared.mesos.ResourceBag;
import dev.dcosnative.shared.mesos.Resources;

/**
 * One allocation cycle of the DRF allocator ({@code DrfAllocator}, the master's pure core, called in-process) over
 * 1,000 and 10,000 agents with 10 frameworks in 3 roles ({@code *}: 4, {@code slave_public}: 3, {@code analytics}:
 * 3). Private agents have {@code cpus:32;mem:131072;disk:1000000;ports:[31000-32000]} unreserved; every tenth agent is
 * a public one with the same resources reserved for {@code slave_public}. Prints, over {@code -Dbench.cycles} (20)
 * measured cycles after {@code -Dbench.warmup} (5) unmeasured ones:
 * <ul>
 * <li>first cycle: a fresh allocator with every agent free, everything offered;</li>
 * <li>steady cycle: every framework gave all its offers back with a refusal of 0 s, everything is offered again;</li>
 * <li>recover: giving all those offers back (one {@code recover} per offer).</li>
 * </ul>
 * Asserts correctness (every agent offered exactly once per cycle, all of it), never timing. Run:
 * {@code ./mvnw -B -o verify -Pbench -pl it -am -Dit.test=AllocatorBench -DskipTests=false}.
 */
@Tag("bench")
class AllocatorBench {

    private static final int WARMUP = Integer.getInteger("bench.warmup", 5);
    private static final int CYCLES = Integer.getInteger("bench.cycles", 20);
    private static final String AGENT = "cpus:32;mem:131072;disk:1000000;ports:[31000-32000]";
    private static final Map<String, String> FRAMEWORK_ROLES = frameworkRoles();
    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

    private static Map<String, String> frameworkRoles() {
        Map<String, String> roles = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            roles.put("framework-" + i, i < 4 ? "*" : i < 7 ? "slave_public" : "analytics");
        }
        return roles;
    }

    private static DrfAllocator cluster(int agents) {
        DrfAllocator allocator = new DrfAllocator(AllocatorOptions.defaults().withRandom(new Random(agents)));
        ResourceBag privateAgent = ResourceBag.of(Resources.parse(AGENT, "*"));
        ResourceBag publicAgent = ResourceBag.of(Resources.parse(AGENT, "slave_public"));
        for (int i = 0; i < agents; i++) {
            allocator.addAgent("agent-" + i, i % 10 == 9 ? publicAgent : privateAgent);
        }
        FRAMEWORK_ROLES.forEach((framework, role) -> allocator.addFramework(framework, Set.of(role), Set.of()));
        return allocator;
    }

    private static void checkEverythingOfferedOnce(DrfAllocator allocator, List<Allocation> offers, int agents) {
        assertThat(offers).hasSize(agents);
        assertThat(offers.stream().map(Allocation::agentId).distinct().count()).isEqualTo(agents);
        for (Allocation offer : offers) {
            assertThat(offer.resources()).isEqualTo(allocator.total(offer.agentId()));
            assertThat(offer.resources().allocatableTo(offer.role())).isEqualTo(offer.resources());
        }
    }

    @Test
    void oneCycle() {
        System.out.printf(Locale.ROOT,
                "%nDRF allocator, one cycle, 10 frameworks in 3 roles, every 10th agent public, %d warm-up + %d "
                        + "measured cycles, %s %s, max heap %d MB%n",
                WARMUP, CYCLES, System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        for (int agents : new int[] { 1_000, 10_000 }) {
            measure(agents);
        }
    }

    private void measure(int agents) {
        List<Double> first = new ArrayList<>();
        for (int cycle = 0; cycle < WARMUP + CYCLES; cycle++) {
            DrfAllocator allocator = cluster(agents);
            long start = System.nanoTime();
            List<Allocation> offers = allocator.allocate(T0);
            double ms = (System.nanoTime() - start) / 1e6;
            checkEverythingOfferedOnce(allocator, offers, agents);
            if (cycle >= WARMUP) {
                first.add(ms);
            }
        }

        List<Double> steady = new ArrayList<>();
        List<Double> recover = new ArrayList<>();
        DrfAllocator allocator = cluster(agents);
        List<Allocation> offers = allocator.allocate(T0);
        Map<String, Integer> perRole = new HashMap<>();
        for (int cycle = 0; cycle < WARMUP + CYCLES; cycle++) {
            Instant now = T0.plusSeconds(cycle + 1);
            long start = System.nanoTime();
            for (Allocation offer : offers) {
                allocator.recover(offer.frameworkId(), offer.role(), offer.agentId(), offer.resources(),
                        Optional.of(Duration.ZERO), now);
            }
            double recoverMs = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            offers = allocator.allocate(now);
            double ms = (System.nanoTime() - start) / 1e6;
            checkEverythingOfferedOnce(allocator, offers, agents);
            if (cycle >= WARMUP) {
                steady.add(ms);
                recover.add(recoverMs);
            }
        }
        offers.forEach(o -> perRole.merge(o.role(), 1, Integer::sum));

        String label = String.format(Locale.ROOT, "%,d agents", agents);
        print(label + ", first cycle (ms)", first);
        print(label + ", steady cycle (ms)", steady);
        print(label + ", recover all offers (ms)", recover);
        System.out.printf(Locale.ROOT, "  %s: %d offers per cycle, by role %s; framework shares %s%n", label,
                offers.size(), new TreeMap<>(perRole), shares(allocator));
    }

    private static String shares(DrfAllocator allocator) {
        List<String> shares = new ArrayList<>();
        for (String framework : new TreeSet<>(FRAMEWORK_ROLES.keySet())) {
            shares.add(String.format(Locale.ROOT, "%.3f", allocator.frameworkShare(framework)));
        }
        return shares.toString();
    }

    private static void print(String what, List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "  %-40s min %8.2f  median %8.2f  max %8.2f%n", what, sorted.get(0),
                sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
    }
}
