package dev.dcosnative.master.mesos.allocator.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

import dev.dcosnative.shared.mesos.ResourceBag;
import dev.dcosnative.shared.mesos.Resources;

/**
 * The resource allocator of the Mesos kernel: Mesos' hierarchical weighted DRF with flat roles, as a pure core. It keeps
 * the books of what every agent has, what every framework holds on it for which role, and which offers frameworks
 * refused; {@link #allocate} decides the offers of one allocation cycle.
 *
 * <p>
 * Fairness: a role's share is its dominant share (the largest, over the counted scalar resources, of what is allocated
 * for the role divided by the cluster's total) divided by the role's weight; a framework's share is its dominant share
 * over everything it holds, whatever the role. The cluster total sums the totals of all agents, active or not; ranges,
 * sets and the {@linkplain AllocatorOptions#fairnessExcludedResourceNames excluded names} (gpus) never count.
 *
 * <p>
 * Books: for every agent, {@code available + Σ allocated == total} exactly (ports included), at all times. Resources
 * reserved for a role are only ever allocated for that role; unreserved ones for any role.
 *
 * <p>
 * Pure: no I/O, no clock (time is passed in), no threads. Not thread-safe: the master actor owns it. The master adapts
 * Mesos' inputs before calling it (e.g. a missing or negative {@code refuse_seconds} becomes Mesos' default of 5 s) and
 * rescinds outstanding offers itself (giving them back with {@link #recover}).
 */
public final class DrfAllocator {

    /** The longest refusal filter, as Mesos caps {@code refuse_seconds}: 365 days. */
    public static final Duration MAX_REFUSAL = Duration.ofSeconds(31_536_000);

    private final AllocatorOptions options;
    /** In the order agents were added; {@link #allocate} visits the active ones in a shuffled order. */
    private final Map<String, AgentState> agents = new LinkedHashMap<>();
    /** By id, so equal shares are broken by id. */
    private final Map<String, FrameworkState> frameworks = new TreeMap<>();
    private final Map<String, Double> weights = new HashMap<>();
    /** Scalar quantities allocated for each role, over all frameworks and agents. */
    private final Map<String, Map<String, Double>> roleAllocated = new HashMap<>();
    /** Scalar quantities of all agents' totals. */
    private final Map<String, Double> clusterTotal = new HashMap<>();
    /** Every live refusal filter, soonest expiry first. */
    private final TreeSet<RefusalFilter> filtersByExpiry = new TreeSet<>();
    private long filterSequence;

    /** An allocator with no agents, no frameworks and every role at weight 1. */
    public DrfAllocator(AllocatorOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    // ---------------------------------------------------------------------------------------------------- agents

    /**
     * A new agent, active, with nothing allocated on it.
     *
     * @throws IllegalArgumentException when the id is already known
     */
    public void addAgent(String agentId, ResourceBag total) {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(total, "total");
        if (agents.containsKey(agentId)) {
            throw new IllegalArgumentException("agent " + agentId + " is already known to the allocator");
        }
        agents.put(agentId, new AgentState(agentId, total));
        addQuantities(clusterTotal, total, 1);
    }

    /**
     * The agent's total changed (e.g. it re-registered with other resources); what is allocated on it stays allocated,
     * the rest becomes available.
     *
     * @throws IllegalArgumentException when the agent is unknown, or when the new total cannot hold what is allocated on
     *         it (recover or remove those allocations first)
     */
    public void updateAgent(String agentId, ResourceBag total) {
        AgentState agent = requireAgent(agentId);
        Objects.requireNonNull(total, "total");
        ResourceBag allocated = allocatedOn(agentId);
        if (!total.contains(allocated)) {
            throw new IllegalArgumentException("the new total of agent " + agentId + " (" + total
                    + ") cannot hold what is allocated on it (" + allocated + ")");
        }
        addQuantities(clusterTotal, agent.total, -1);
        addQuantities(clusterTotal, total, 1);
        agent.total = total;
        agent.available = total.minus(allocated);
    }

    /**
     * Forgets an agent: what frameworks held on it is no longer allocated to them, refusal filters naming it go, its
     * resources leave the cluster total. Unknown ids are ignored.
     */
    public void removeAgent(String agentId) {
        AgentState agent = agents.remove(agentId);
        if (agent == null) {
            return;
        }
        for (FrameworkState framework : frameworks.values()) {
            Map<String, ResourceBag> held = framework.allocations.remove(agentId);
            if (held != null) {
                held.forEach((role, resources) -> {
                    addQuantities(framework.quantities, resources, -1);
                    addQuantities(roleQuantities(role), resources, -1);
                });
            }
        }
        for (FrameworkState framework : frameworks.values()) {
            for (Iterator<Map<String, List<RefusalFilter>>> it = framework.filters.values().iterator(); it
                    .hasNext();) {
                Map<String, List<RefusalFilter>> byAgent = it.next();
                List<RefusalFilter> gone = byAgent.remove(agentId);
                if (gone != null) {
                    gone.forEach(filtersByExpiry::remove);
                    if (byAgent.isEmpty()) {
                        it.remove();
                    }
                }
            }
        }
        addQuantities(clusterTotal, agent.total, -1);
    }

    /**
     * The agent gets offers again.
     *
     * @throws IllegalArgumentException when the agent is unknown
     */
    public void activateAgent(String agentId) {
        requireAgent(agentId).active = true;
    }

    /**
     * The agent gets no offers until activated (its allocations and its share of the cluster total stay). Unknown ids
     * are ignored.
     */
    public void deactivateAgent(String agentId) {
        AgentState agent = agents.get(agentId);
        if (agent != null) {
            agent.active = false;
        }
    }

    // ------------------------------------------------------------------------------------------------ frameworks

    /**
     * A new framework, active, subscribed to {@code roles}, suppressed for {@code suppressedRoles}.
     *
     * @throws IllegalArgumentException when the id is already known or a suppressed role is not one of its roles
     */
    public void addFramework(String frameworkId, Set<String> roles, Set<String> suppressedRoles) {
        Objects.requireNonNull(frameworkId, "frameworkId");
        if (frameworks.containsKey(frameworkId)) {
            throw new IllegalArgumentException("framework " + frameworkId + " is already known to the allocator");
        }
        checkRoles(frameworkId, roles, suppressedRoles);
        FrameworkState framework = new FrameworkState(frameworkId);
        framework.roles = new TreeSet<>(roles);
        framework.suppressed = new HashSet<>(suppressedRoles);
        frameworks.put(frameworkId, framework);
    }

    /**
     * The framework's roles or suppressed roles changed (a re-subscription or UPDATE_FRAMEWORK). What it holds for a role
     * it left stays allocated for that role until recovered; its refusal filters for roles it left go.
     *
     * @throws IllegalArgumentException when the framework is unknown or a suppressed role is not one of its roles
     */
    public void updateFramework(String frameworkId, Set<String> roles, Set<String> suppressedRoles) {
        FrameworkState framework = requireFramework(frameworkId);
        checkRoles(frameworkId, roles, suppressedRoles);
        Set<String> kept = Set.copyOf(roles);
        removeFilters(framework, role -> !kept.contains(role));
        framework.roles = new TreeSet<>(roles);
        framework.suppressed = new HashSet<>(suppressedRoles);
    }

    /**
     * Forgets a framework: everything allocated to it becomes available again on its agents, its refusal filters go.
     * Unknown ids are ignored.
     */
    public void removeFramework(String frameworkId) {
        FrameworkState framework = frameworks.get(frameworkId);
        if (framework == null) {
            return;
        }
        for (Map.Entry<String, Map<String, ResourceBag>> onAgent : framework.allocations.entrySet()) {
            AgentState agent = agents.get(onAgent.getKey());
            onAgent.getValue().forEach((role, resources) -> {
                agent.available = agent.available.plus(resources);
                addQuantities(roleQuantities(role), resources, -1);
            });
        }
        removeFilters(framework, role -> true);
        frameworks.remove(frameworkId);
    }

    /**
     * The framework (re)connected: it gets offers again.
     *
     * @throws IllegalArgumentException when the framework is unknown
     */
    public void activateFramework(String frameworkId) {
        requireFramework(frameworkId).active = true;
    }

    /**
     * The framework disconnected: it gets no offers until activated; what it holds stays allocated (the master rescinds
     * its outstanding offers through {@link #recover}); its refusal filters go, as in Mesos. Unknown ids are ignored.
     */
    public void deactivateFramework(String frameworkId) {
        FrameworkState framework = frameworks.get(frameworkId);
        if (framework != null) {
            framework.active = false;
            removeFilters(framework, role -> true);
        }
    }

    /**
     * The framework wants no offers for these roles (an empty set: for all its roles) until it revives them. Roles it is
     * not subscribed to are ignored.
     *
     * @throws IllegalArgumentException when the framework is unknown
     */
    public void suppress(String frameworkId, Set<String> roles) {
        FrameworkState framework = requireFramework(frameworkId);
        for (String role : rolesOrAll(framework, roles)) {
            if (framework.roles.contains(role)) {
                framework.suppressed.add(role);
            }
        }
    }

    /**
     * The framework wants offers again for these roles (an empty set: for all its roles): they are no longer suppressed
     * and its refusal filters for them go. Roles it is not subscribed to are ignored.
     *
     * @throws IllegalArgumentException when the framework is unknown
     */
    public void revive(String frameworkId, Set<String> roles) {
        FrameworkState framework = requireFramework(frameworkId);
        Set<String> revived = Set.copyOf(rolesOrAll(framework, roles));
        framework.suppressed.removeAll(revived);
        removeFilters(framework, revived::contains);
    }

    /**
     * A role's weight (Mesos {@code /weights}): a role of weight 2 gets offers until its dominant share is twice that of
     * a role of weight 1. Roles without a set weight weigh 1.
     *
     * @throws IllegalArgumentException when the weight is not a finite positive number
     */
    public void setWeight(String role, double weight) {
        Objects.requireNonNull(role, "role");
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("the weight of role " + role + " must be a finite positive number: "
                    + weight);
        }
        weights.put(role, weight);
    }

    /** The weight of a role, 1 unless set. */
    public double weight(String role) {
        return weights.getOrDefault(role, 1.0);
    }

    // ------------------------------------------------------------------------------------ resources held by frameworks

    /**
     * Resources allocated outside a cycle, e.g. the tasks and executors a re-registering agent reports. The role need not
     * be one the framework is subscribed to now (tasks outlive a role change). Empty resources change nothing.
     *
     * @throws IllegalArgumentException when the framework or the agent is unknown, when the resources include some
     *         reserved for another role, or when they are not all available on the agent
     */
    public void addAllocation(String frameworkId, String role, String agentId, ResourceBag resources) {
        FrameworkState framework = requireFramework(frameworkId);
        AgentState agent = requireAgent(agentId);
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(resources, "resources");
        if (resources.isEmpty()) {
            return;
        }
        if (!resources.allocatableTo(role).contains(resources)) {
            throw new IllegalArgumentException(resources + " cannot be allocated for role " + role
                    + ": some are reserved for another role");
        }
        if (!agent.available.contains(resources)) {
            throw new IllegalArgumentException(resources + " are not available on agent " + agentId
                    + " (available: " + agent.available + ")");
        }
        allocate(framework, role, agent, resources);
    }

    /**
     * Resources a framework gives back to the agent: declined offers or the unused part of accepted ones, rescinded
     * offers, resources of terminal tasks. With a positive {@code refuseFor} (capped at {@link #MAX_REFUSAL}), the
     * framework is not offered these resources (or fewer) on this agent for this role again until {@code now + refuseFor}
     * — more free resources than were refused lift the filter, a revive clears it. Empty, zero or negative: no
     * filter. Empty resources change nothing.
     *
     * @throws IllegalArgumentException when the framework or the agent is unknown, or when the framework does not hold
     *         all these resources on the agent for this role (nothing changes then)
     */
    public void recover(String frameworkId, String role, String agentId, ResourceBag resources,
            Optional<Duration> refuseFor, Instant now) {
        FrameworkState framework = requireFramework(frameworkId);
        AgentState agent = requireAgent(agentId);
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(refuseFor, "refuseFor");
        Objects.requireNonNull(now, "now");
        if (resources.isEmpty()) {
            return;
        }
        ResourceBag held = framework.held(agentId, role);
        if (!held.contains(resources)) {
            throw new IllegalArgumentException("framework " + frameworkId + " does not hold " + resources
                    + " on agent " + agentId + " for role " + role + " (it holds " + held + ")");
        }
        release(framework, role, agent, resources);
        if (refuseFor.isPresent() && refuseFor.get().compareTo(Duration.ZERO) > 0) {
            Duration duration = refuseFor.get().compareTo(MAX_REFUSAL) > 0 ? MAX_REFUSAL : refuseFor.get();
            RefusalFilter filter = new RefusalFilter(frameworkId, role, agentId, resources, now.plus(duration),
                    filterSequence++);
            filtersByExpiry.add(filter);
            framework.filters.computeIfAbsent(role, r -> new HashMap<>())
                    .computeIfAbsent(agentId, a -> new ArrayList<>())
                    .add(filter);
        }
    }

    // ----------------------------------------------------------------------------------------------------- the cycle

    /**
     * One allocation cycle at {@code now}. Expired refusal filters go; then every active agent, in an order shuffled with
     * the options' random source, is offered role by role in ascending weighted share, and within a role to the active
     * frameworks subscribed to it and not suppressed for it, in ascending share (equal shares: by id). The first of them
     * whose refusal filters do not cover what the agent has for the role gets all of it in one {@link Allocation},
     * provided it meets the {@linkplain AllocatorOptions#minAllocatable minimum}. Shares are updated after every
     * decision. A framework with several roles may get one allocation per role and agent.
     *
     * @return the offers to make, in the order decided; their resources are allocated to the frameworks from now on
     */
    public List<Allocation> allocate(Instant now) {
        Objects.requireNonNull(now, "now");
        expireFilters(now);

        Map<String, List<FrameworkState>> candidates = new TreeMap<>();
        for (FrameworkState framework : frameworks.values()) {
            if (!framework.active) {
                continue;
            }
            for (String role : framework.roles) {
                if (!framework.suppressed.contains(role)) {
                    candidates.computeIfAbsent(role, r -> new ArrayList<>()).add(framework);
                }
            }
        }
        if (candidates.isEmpty()) {
            return List.of();
        }

        Map<String, Double> roleShares = new HashMap<>();
        for (String role : candidates.keySet()) {
            roleShares.put(role, roleShare(role));
        }
        for (List<FrameworkState> inRole : candidates.values()) {
            for (FrameworkState framework : inRole) {
                framework.share = dominantShare(framework.quantities);
            }
        }
        Comparator<String> byRoleShare = Comparator.<String> comparingDouble(roleShares::get)
                .thenComparing(Comparator.naturalOrder());
        Comparator<FrameworkState> byFrameworkShare = Comparator.<FrameworkState> comparingDouble(f -> f.share)
                .thenComparing(f -> f.id);
        List<String> roleOrder = new ArrayList<>(candidates.keySet());

        List<Allocation> allocations = new ArrayList<>();
        for (AgentState agent : shuffledActiveAgents()) {
            if (agent.available.isEmpty()) {
                continue;
            }
            roleOrder.sort(byRoleShare);
            for (String role : roleOrder) {
                ResourceBag offerable = agent.available.allocatableTo(role);
                if (offerable.isEmpty() || !options.minAllocatable().allows(offerable)) {
                    continue;
                }
                List<FrameworkState> inRole = candidates.get(role);
                inRole.sort(byFrameworkShare);
                for (FrameworkState framework : inRole) {
                    if (framework.refuses(role, agent.id, offerable)) {
                        continue;
                    }
                    allocate(framework, role, agent, offerable);
                    allocations.add(new Allocation(framework.id, role, agent.id, offerable));
                    roleShares.put(role, roleShare(role));
                    framework.share = dominantShare(framework.quantities);
                    break;
                }
                if (agent.available.isEmpty()) {
                    break;
                }
            }
        }
        return allocations;
    }

    // ------------------------------------------------------------------------------------------------- introspection

    /** What is free on the agent (its total minus everything allocated on it); empty for an unknown agent. */
    public ResourceBag available(String agentId) {
        AgentState agent = agents.get(agentId);
        return agent == null ? ResourceBag.empty() : agent.available;
    }

    /** The agent's total; empty for an unknown agent. */
    public ResourceBag total(String agentId) {
        AgentState agent = agents.get(agentId);
        return agent == null ? ResourceBag.empty() : agent.total;
    }

    /** What the framework holds on the agent, for all its roles; empty when either is unknown. */
    public ResourceBag allocated(String frameworkId, String agentId) {
        FrameworkState framework = frameworks.get(frameworkId);
        if (framework == null) {
            return ResourceBag.empty();
        }
        ResourceBag sum = ResourceBag.empty();
        for (ResourceBag resources : framework.allocations.getOrDefault(agentId, Map.of()).values()) {
            sum = sum.plus(resources);
        }
        return sum;
    }

    /** What the framework holds on the agent for one role; empty when unknown. */
    public ResourceBag allocated(String frameworkId, String role, String agentId) {
        FrameworkState framework = frameworks.get(frameworkId);
        return framework == null ? ResourceBag.empty() : framework.held(agentId, role);
    }

    /** Everything allocated for the role, over all frameworks and agents (computed on each call). */
    public ResourceBag allocatedToRole(String role) {
        ResourceBag sum = ResourceBag.empty();
        for (FrameworkState framework : frameworks.values()) {
            for (Map<String, ResourceBag> byRole : framework.allocations.values()) {
                ResourceBag resources = byRole.get(role);
                if (resources != null) {
                    sum = sum.plus(resources);
                }
            }
        }
        return sum;
    }

    /** The role's dominant share divided by its weight; 0 for a role with nothing allocated. */
    public double roleShare(String role) {
        return dominantShare(roleAllocated.getOrDefault(role, Map.of())) / weight(role);
    }

    /** The framework's dominant share over everything it holds; 0 for an unknown framework. */
    public double frameworkShare(String frameworkId) {
        FrameworkState framework = frameworks.get(frameworkId);
        return framework == null ? 0 : dominantShare(framework.quantities);
    }

    /** The ids of the known agents, in the order they were added. */
    public Set<String> agentIds() {
        return Collections.unmodifiableSet(agents.keySet());
    }

    /** The ids of the known frameworks, sorted. */
    public Set<String> frameworkIds() {
        return Collections.unmodifiableSet(frameworks.keySet());
    }

    // ----------------------------------------------------------------------------------------------------- internals

    private void allocate(FrameworkState framework, String role, AgentState agent, ResourceBag resources) {
        agent.available = agent.available.minus(resources);
        framework.allocations.computeIfAbsent(agent.id, a -> new HashMap<>(2)).merge(role, resources,
                ResourceBag::plus);
        addQuantities(framework.quantities, resources, 1);
        addQuantities(roleQuantities(role), resources, 1);
    }

    private void release(FrameworkState framework, String role, AgentState agent, ResourceBag resources) {
        Map<String, ResourceBag> byRole = framework.allocations.get(agent.id);
        ResourceBag rest = byRole.get(role).minus(resources);
        if (rest.isEmpty()) {
            byRole.remove(role);
            if (byRole.isEmpty()) {
                framework.allocations.remove(agent.id);
            }
        } else {
            byRole.put(role, rest);
        }
        agent.available = agent.available.plus(resources);
        addQuantities(framework.quantities, resources, -1);
        addQuantities(roleQuantities(role), resources, -1);
    }

    private ResourceBag allocatedOn(String agentId) {
        ResourceBag sum = ResourceBag.empty();
        for (FrameworkState framework : frameworks.values()) {
            for (ResourceBag resources : framework.allocations.getOrDefault(agentId, Map.of()).values()) {
                sum = sum.plus(resources);
            }
        }
        return sum;
    }

    private Map<String, Double> roleQuantities(String role) {
        return roleAllocated.computeIfAbsent(role, r -> new HashMap<>());
    }

    private static void addQuantities(Map<String, Double> quantities, ResourceBag resources, int sign) {
        for (Map.Entry<String, Double> scalar : resources.scalarQuantities().entrySet()) {
            double sum = Resources.round(quantities.getOrDefault(scalar.getKey(), 0.0) + sign * scalar.getValue());
            if (sum <= 0) {
                quantities.remove(scalar.getKey());
            } else {
                quantities.put(scalar.getKey(), sum);
            }
        }
    }

    private double dominantShare(Map<String, Double> allocated) {
        double share = 0;
        for (Map.Entry<String, Double> quantity : allocated.entrySet()) {
            if (options.fairnessExcludedResourceNames().contains(quantity.getKey())) {
                continue;
            }
            Double total = clusterTotal.get(quantity.getKey());
            if (total != null && total > 0) {
                share = Math.max(share, quantity.getValue() / total);
            }
        }
        return share;
    }

    private List<AgentState> shuffledActiveAgents() {
        List<AgentState> active = new ArrayList<>(agents.size());
        for (AgentState agent : agents.values()) {
            if (agent.active) {
                active.add(agent);
            }
        }
        for (int i = active.size() - 1; i > 0; i--) {
            Collections.swap(active, i, options.random().nextInt(i + 1));
        }
        return active;
    }

    private void expireFilters(Instant now) {
        while (!filtersByExpiry.isEmpty() && !filtersByExpiry.first().expiry.isAfter(now)) {
            unlink(filtersByExpiry.pollFirst());
        }
    }

    /** Drops the framework's refusal filters for the roles that match. */
    private void removeFilters(FrameworkState framework, Predicate<String> roles) {
        for (Iterator<Map.Entry<String, Map<String, List<RefusalFilter>>>> it = framework.filters.entrySet()
                .iterator(); it.hasNext();) {
            Map.Entry<String, Map<String, List<RefusalFilter>>> byRole = it.next();
            if (roles.test(byRole.getKey())) {
                byRole.getValue().values().forEach(list -> list.forEach(filtersByExpiry::remove));
                it.remove();
            }
        }
    }

    private void unlink(RefusalFilter filter) {
        FrameworkState framework = frameworks.get(filter.frameworkId);
        Map<String, List<RefusalFilter>> byAgent = framework.filters.get(filter.role);
        List<RefusalFilter> list = byAgent.get(filter.agentId);
        list.remove(filter);
        if (list.isEmpty()) {
            byAgent.remove(filter.agentId);
            if (byAgent.isEmpty()) {
                framework.filters.remove(filter.role);
            }
        }
    }

    private static Set<String> rolesOrAll(FrameworkState framework, Set<String> roles) {
        Objects.requireNonNull(roles, "roles");
        return roles.isEmpty() ? framework.roles : roles;
    }

    private static void checkRoles(String frameworkId, Set<String> roles, Set<String> suppressedRoles) {
        Objects.requireNonNull(roles, "roles");
        Objects.requireNonNull(suppressedRoles, "suppressedRoles");
        if (!roles.containsAll(suppressedRoles)) {
            Set<String> stray = new TreeSet<>(suppressedRoles);
            stray.removeAll(roles);
            throw new IllegalArgumentException("framework " + frameworkId + " suppresses roles it is not subscribed to: "
                    + stray);
        }
    }

    private AgentState requireAgent(String agentId) {
        AgentState agent = agents.get(Objects.requireNonNull(agentId, "agentId"));
        if (agent == null) {
            throw new IllegalArgumentException("agent " + agentId + " is not known to the allocator");
        }
        return agent;
    }

    private FrameworkState requireFramework(String frameworkId) {
        FrameworkState framework = frameworks.get(Objects.requireNonNull(frameworkId, "frameworkId"));
        if (framework == null) {
            throw new IllegalArgumentException("framework " + frameworkId + " is not known to the allocator");
        }
        return framework;
    }

    private static final class AgentState {
        final String id;
        ResourceBag total;
        ResourceBag available;
        boolean active = true;

        AgentState(String id, ResourceBag total) {
            this.id = id;
            this.total = total;
            this.available = total;
        }
    }

    private static final class FrameworkState {
        final String id;
        Set<String> roles = Set.of();
        Set<String> suppressed = Set.of();
        boolean active = true;
        /** agent id → role → what the framework holds there for that role (never empty). */
        final Map<String, Map<String, ResourceBag>> allocations = new HashMap<>();
        /** Scalar quantities held, over all agents and roles. */
        final Map<String, Double> quantities = new HashMap<>();
        /** role → agent id → live refusal filters. */
        final Map<String, Map<String, List<RefusalFilter>>> filters = new HashMap<>();
        /** The share as of the current decision of a cycle. */
        double share;

        FrameworkState(String id) {
            this.id = id;
        }

        ResourceBag held(String agentId, String role) {
            Map<String, ResourceBag> byRole = allocations.get(agentId);
            ResourceBag resources = byRole == null ? null : byRole.get(role);
            return resources == null ? ResourceBag.empty() : resources;
        }

        boolean refuses(String role, String agentId, ResourceBag offerable) {
            Map<String, List<RefusalFilter>> byAgent = filters.get(role);
            List<RefusalFilter> list = byAgent == null ? null : byAgent.get(agentId);
            if (list != null) {
                for (RefusalFilter filter : list) {
                    if (filter.resources.contains(offerable)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** Refused resources of one agent for one framework and role, until the expiry. */
    private static final class RefusalFilter implements Comparable<RefusalFilter> {
        final String frameworkId;
        final String role;
        final String agentId;
        final ResourceBag resources;
        final Instant expiry;
        final long sequence;

        RefusalFilter(String frameworkId, String role, String agentId, ResourceBag resources, Instant expiry,
                long sequence) {
            this.frameworkId = frameworkId;
            this.role = role;
            this.agentId = agentId;
            this.resources = resources;
            this.expiry = expiry;
            this.sequence = sequence;
        }

        @Override
        public int compareTo(RefusalFilter other) {
            int byExpiry = expiry.compareTo(other.expiry);
            return byExpiry != 0 ? byExpiry : Long.compare(sequence, other.sequence);
        }
    }
}
