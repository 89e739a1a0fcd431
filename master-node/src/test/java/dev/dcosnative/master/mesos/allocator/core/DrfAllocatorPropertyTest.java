package dev.dcosnative.master.mesos.allocator.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;
import org.junit.jupiter.api.Test;

import dev.dcosnative.shared.mesos.ResourceBag;
import dev.dcosnative.shared.mesos.Resources;

/**
 * Random sequences of agent, framework, allocation and recovery events; after every step the books must balance
 * exactly and no offer may break a rule.
 */
class DrfAllocatorPropertyTest {

    private static final List<String> ROLES = List.of("*", "slave_public", "web", "batch");
    private static final int ROUNDS = 300;
    private static final int STEPS = 60;

    /** What the test knows of a framework, to judge the offers. */
    private static final class Fw {
        final Set<String> roles;
        final Set<String> suppressed = new HashSet<>();
        boolean active = true;

        Fw(Set<String> roles) {
            this.roles = roles;
        }
    }

    private final Map<String, Boolean> agentsActive = new LinkedHashMap<>();
    private final Map<String, Fw> frameworks = new LinkedHashMap<>();
    private Random random;
    private DrfAllocator allocator;
    private Instant now;
    private int nextId;

    @Test
    void booksBalanceAndOffersKeepTheRules() {
        for (int round = 0; round < ROUNDS; round++) {
            random = new Random(1000 + round);
            allocator = new DrfAllocator(AllocatorOptions.defaults().withRandom(new Random(round)));
            agentsActive.clear();
            frameworks.clear();
            now = Instant.parse("2024-05-01T00:00:00Z");
            for (int step = 0; step < STEPS; step++) {
                String event = step();
                checkBooks("round " + round + " step " + step + " (" + event + ")");
            }
        }
    }

    private String step() {
        now = now.plusMillis(random.nextInt(3000));
        int dice = random.nextInt(100);
        if (dice < 12 || agentsActive.isEmpty()) {
            String id = "agent-" + nextId++;
            allocator.addAgent(id, randomAgent());
            agentsActive.put(id, true);
            return "add " + id;
        }
        if (dice < 22 || frameworks.isEmpty()) {
            String id = "fw-" + nextId++;
            Set<String> roles = new TreeSet<>();
            roles.add(pick(ROLES));
            if (random.nextBoolean()) {
                roles.add(pick(ROLES));
            }
            Fw fw = new Fw(roles);
            if (random.nextInt(5) == 0) {
                fw.suppressed.add(pick(List.copyOf(roles)));
            }
            allocator.addFramework(id, roles, Set.copyOf(fw.suppressed));
            frameworks.put(id, fw);
            return "add " + id;
        }
        if (dice < 50) {
            return allocateAndCheck();
        }
        if (dice < 70) {
            return recoverSomething();
        }
        if (dice < 74) {
            String id = pick(List.copyOf(agentsActive.keySet()));
            allocator.removeAgent(id);
            agentsActive.remove(id);
            for (String fw : frameworks.keySet()) {
                assertThat(allocator.allocated(fw, id).isEmpty()).isTrue();
            }
            return "remove " + id;
        }
        if (dice < 78) {
            String id = pick(List.copyOf(frameworks.keySet()));
            allocator.removeFramework(id);
            frameworks.remove(id);
            for (String agent : agentsActive.keySet()) {
                assertThat(allocator.allocated(id, agent).isEmpty()).isTrue();
            }
            return "remove " + id;
        }
        if (dice < 83) {
            String id = pick(List.copyOf(agentsActive.keySet()));
            boolean active = random.nextBoolean();
            if (active) {
                allocator.activateAgent(id);
            } else {
                allocator.deactivateAgent(id);
            }
            agentsActive.put(id, active);
            return (active ? "activate " : "deactivate ") + id;
        }
        if (dice < 88) {
            String id = pick(List.copyOf(frameworks.keySet()));
            Fw fw = frameworks.get(id);
            fw.active = random.nextBoolean();
            if (fw.active) {
                allocator.activateFramework(id);
            } else {
                allocator.deactivateFramework(id);
            }
            return (fw.active ? "activate " : "deactivate ") + id;
        }
        if (dice < 94) {
            String id = pick(List.copyOf(frameworks.keySet()));
            Fw fw = frameworks.get(id);
            Set<String> roles = random.nextInt(3) == 0 ? Set.of() : Set.of(pick(ROLES));
            Set<String> effective = roles.isEmpty() ? fw.roles : roles;
            if (random.nextBoolean()) {
                allocator.suppress(id, roles);
                effective.stream().filter(fw.roles::contains).forEach(fw.suppressed::add);
                return "suppress " + id + " " + roles;
            }
            allocator.revive(id, roles);
            fw.suppressed.removeAll(effective);
            return "revive " + id + " " + roles;
        }
        if (dice < 97) {
            allocator.setWeight(pick(ROLES), 0.5 + random.nextInt(4));
            return "weight";
        }
        return addAllocationSomewhere();
    }

    private String allocateAndCheck() {
        Map<String, ResourceBag> before = new HashMap<>();
        for (String agent : agentsActive.keySet()) {
            before.put(agent, allocator.available(agent));
        }
        List<Allocation> offers = allocator.allocate(now);
        Map<String, ResourceBag> offeredPerAgent = new HashMap<>();
        for (Allocation offer : offers) {
            Fw fw = frameworks.get(offer.frameworkId());
            assertThat(fw).as("offer to a known framework: %s", offer).isNotNull();
            assertThat(fw.active).as("inactive framework offered: %s", offer).isTrue();
            assertThat(fw.roles).as("offer for a role the framework has not: %s", offer).contains(offer.role());
            assertThat(fw.suppressed).as("offer for a suppressed role: %s", offer).doesNotContain(offer.role());
            assertThat(agentsActive.get(offer.agentId())).as("inactive agent offered: %s", offer).isTrue();
            assertThat(offer.resources().isEmpty()).isFalse();
            assertThat(offer.resources().allocatableTo(offer.role()).contains(offer.resources()))
                    .as("resources reserved for another role offered: %s", offer).isTrue();
            assertThat(AllocatorOptions.defaults().minAllocatable().allows(offer.resources())).isTrue();
            offeredPerAgent.merge(offer.agentId(), offer.resources(), ResourceBag::plus);
        }
        offeredPerAgent.forEach((agent, offered) -> assertThat(before.get(agent).contains(offered))
                .as("offers on %s exceed what was available", agent).isTrue());
        return "allocate (" + offers.size() + " offers)";
    }

    private String recoverSomething() {
        List<String[]> holdings = new ArrayList<>();
        for (String fw : frameworks.keySet()) {
            for (String agent : agentsActive.keySet()) {
                for (String role : ROLES) {
                    if (!allocator.allocated(fw, role, agent).isEmpty()) {
                        holdings.add(new String[] { fw, role, agent });
                    }
                }
            }
        }
        if (holdings.isEmpty()) {
            return "nothing to recover";
        }
        String[] h = pick(holdings);
        ResourceBag held = allocator.allocated(h[0], h[1], h[2]);
        ResourceBag part = random.nextBoolean() ? held : part(held);
        Optional<Duration> refuse = switch (random.nextInt(4)) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(Duration.ZERO);
            default -> Optional.of(Duration.ofMillis(random.nextInt(10_000)));
        };
        allocator.recover(h[0], h[1], h[2], part, refuse, now);
        if (random.nextInt(4) == 0) {
            ResourceBag tooMuch = held.plus(ResourceBag.of(Resources.parse("cpus:0.001", "*")));
            try {
                allocator.recover(h[0], h[1], h[2], tooMuch, Optional.empty(), now);
                throw new AssertionError("recovered more than held: " + tooMuch);
            } catch (IllegalArgumentException expected) {
                // refused, nothing changed
            }
        }
        return "recover " + String.join("/", h) + " " + part;
    }

    private String addAllocationSomewhere() {
        String agent = pick(List.copyOf(agentsActive.keySet()));
        String fw = pick(List.copyOf(frameworks.keySet()));
        String role = pick(ROLES);
        ResourceBag allocatable = allocator.available(agent).allocatableTo(role);
        if (allocatable.isEmpty()) {
            return "nothing to add";
        }
        ResourceBag part = part(allocatable);
        allocator.addAllocation(fw, role, agent, part);
        return "addAllocation " + fw + "/" + role + "/" + agent + " " + part;
    }

    private void checkBooks(String when) {
        for (String agent : agentsActive.keySet()) {
            ResourceBag sum = allocator.available(agent);
            for (String fw : frameworks.keySet()) {
                sum = sum.plus(allocator.allocated(fw, agent));
            }
            assertThat(sum).as("%s: available + allocated on %s", when, agent).isEqualTo(allocator.total(agent));
        }
        for (String fw : frameworks.keySet()) {
            for (String agent : agentsActive.keySet()) {
                for (String role : ROLES) {
                    ResourceBag held = allocator.allocated(fw, role, agent);
                    assertThat(held.allocatableTo(role).contains(held))
                            .as("%s: %s holds resources of another role on %s for %s", when, fw, agent, role)
                            .isTrue();
                }
            }
            assertThat(allocator.frameworkShare(fw)).isBetween(0.0, 1.0);
        }
        assertThat(allocator.agentIds()).containsExactlyElementsOf(agentsActive.keySet());
        assertThat(allocator.frameworkIds()).containsExactlyInAnyOrderElementsOf(frameworks.keySet());
    }

    private ResourceBag randomAgent() {
        String unreserved = "cpus:" + (1 + random.nextInt(8)) + ";mem:" + (512 * (1 + random.nextInt(8)))
                + ";disk:" + (1000 * random.nextInt(3)) + ";ports:[31000-31" + (100 + random.nextInt(900)) + "]";
        String reserved = "cpus:" + (1 + random.nextInt(4)) + ";mem:" + (256 * (1 + random.nextInt(8)))
                + ";ports:[" + (80 + random.nextInt(3)) + "-443]";
        return switch (random.nextInt(4)) {
            case 0 -> bag(reserved, "slave_public");
            case 1 -> bag(unreserved, "*").plus(bag(reserved, "slave_public"));
            case 2 -> bag(unreserved, "*").plus(bag(reserved, "web"));
            default -> bag(unreserved + ";gpus:" + random.nextInt(2), "*");
        };
    }

    /** A random part of a bag: some of each scalar, a slice of each range list. */
    private ResourceBag part(ResourceBag whole) {
        List<Resource> parts = new ArrayList<>();
        for (Resource r : whole.toResources()) {
            if (random.nextInt(3) == 0) {
                continue;
            }
            if (r.getType() == Value.Type.SCALAR) {
                double some = Resources.round(r.getScalar().getValue() * random.nextDouble());
                if (some > 0) {
                    parts.add(r.toBuilder().setScalar(Value.Scalar.newBuilder().setValue(some)).build());
                }
            } else if (r.getType() == Value.Type.RANGES) {
                Value.Range range = r.getRanges().getRange(random.nextInt(r.getRanges().getRangeCount()));
                long begin = range.getBegin() + random.nextInt((int) Math.min(50, range.getEnd() - range.getBegin() + 1));
                long end = Math.min(range.getEnd(), begin + random.nextInt(20));
                parts.add(r.toBuilder()
                        .setRanges(Value.Ranges.newBuilder()
                                .addRange(Value.Range.newBuilder().setBegin(begin).setEnd(end)))
                        .build());
            }
        }
        ResourceBag part = ResourceBag.of(parts);
        return part.isEmpty() ? whole : part;
    }

    private static ResourceBag bag(String spec, String role) {
        return ResourceBag.of(Resources.parse(spec, role));
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
