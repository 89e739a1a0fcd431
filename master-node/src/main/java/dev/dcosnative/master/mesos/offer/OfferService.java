package dev.dcosnative.master.mesos.offer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.mesos.v1.Protos.Address;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Task;
import org.apache.mesos.v1.Protos.URL;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.jboss.logging.Logger;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.mesos.MasterIdentity;
import dev.dcosnative.master.mesos.agent.core.Agent;
import dev.dcosnative.master.mesos.allocator.core.Allocation;
import dev.dcosnative.master.mesos.allocator.core.AllocatorOptions;
import dev.dcosnative.master.mesos.allocator.core.DrfAllocator;
import dev.dcosnative.master.mesos.allocator.core.MinAllocatable;
import dev.dcosnative.master.mesos.framework.FrameworkService;
import dev.dcosnative.master.mesos.framework.core.Framework;
import dev.dcosnative.master.mesos.offer.core.AcceptPlan;
import dev.dcosnative.master.mesos.offer.core.AcceptPlanner;
import dev.dcosnative.master.mesos.offer.core.OfferBook;
import dev.dcosnative.master.mesos.offer.core.OutstandingOffer;
import dev.dcosnative.master.mesos.scheduler.core.SchedulerEvents;
import dev.dcosnative.shared.mesos.ResourceBag;

/**
 * Offers: the DRF allocator's books kept in step with agents, frameworks and tasks; allocation cycles turned into
 * OFFERS events; ACCEPT and DECLINE; rescinds (offer timeout, agents and frameworks going away). Runs on the master
 * actor.
 */
@ApplicationScoped
public class OfferService {

    private static final Logger LOG = Logger.getLogger(OfferService.class);
    /** Mesos' default {@code Filters.refuse_seconds}. */
    private static final Duration DEFAULT_REFUSAL = Duration.ofSeconds(5);

    private final MasterConfig config;
    private final MasterIdentity identity;
    private final FrameworkService frameworks;
    private final Clock clock;
    private final OfferBook offers = new OfferBook();
    /** Default executors of task groups: their resources are held until the last task of the group ends. */
    private final Map<String, GroupExecutor> executors = new LinkedHashMap<>();
    private DrfAllocator allocator;
    private long nextOffer;

    public OfferService(MasterConfig config, MasterIdentity identity, FrameworkService frameworks, Clock clock) {
        this.config = config;
        this.identity = identity;
        this.frameworks = frameworks;
        this.clock = clock;
        this.allocator = newAllocator();
    }

    private DrfAllocator newAllocator() {
        return new DrfAllocator(AllocatorOptions.defaults()
                .withMinAllocatable(MinAllocatable.parse(config.minAllocatableResources()))
                .withRandom(new Random()));
    }

    // ------------------------------------------------------------------------------------------------------ agents

    /**
     * An agent (re-)registered with these tasks running (those the master took back): it is offered from now on,
     * and what its tasks use is not.
     */
    public void agentRegistered(Agent agent, List<Task> running) {
        ResourceBag total = ResourceBag.of(agent.info().getResourcesList());
        if (allocator.agentIds().contains(agent.id())) {
            rescindOnAgent(agent.id());
            allocator.removeAgent(agent.id());
        }
        allocator.addAgent(agent.id(), total);
        for (Task task : running) {
            String frameworkId = task.getFrameworkId().getValue();
            if (!allocator.frameworkIds().contains(frameworkId)) {
                continue;
            }
            try {
                allocator.addAllocation(frameworkId, roleOf(task), agent.id(),
                        ResourceBag.of(task.getResourcesList()));
            } catch (IllegalArgumentException e) {
                LOG.warnf("Task %s on agent %s does not fit its agent's resources: %s", task.getTaskId().getValue(),
                        agent.id(), e.getMessage());
            }
        }
    }

    /** The agent's stream closed: nothing is offered on it until it is back; outstanding offers are rescinded. */
    public void agentDisconnected(String agentId) {
        if (allocator.agentIds().contains(agentId)) {
            rescindOnAgent(agentId);
            allocator.deactivateAgent(agentId);
        }
    }

    /** The agent is unreachable or replaced: its offers are rescinded and it leaves the allocator. */
    public void agentRemoved(String agentId) {
        rescindOnAgent(agentId);
        allocator.removeAgent(agentId);
        executors.values().removeIf(e -> e.agentId().equals(agentId));
    }

    // -------------------------------------------------------------------------------------------------- frameworks

    /** A framework subscribed (or failed over, or was recovered from agents when {@code active} is false). */
    public void frameworkAdded(Framework framework, boolean active) {
        if (allocator.frameworkIds().contains(framework.id())) {
            allocator.updateFramework(framework.id(), framework.roles(), framework.suppressedRoles());
        } else {
            allocator.addFramework(framework.id(), framework.roles(), framework.suppressedRoles());
        }
        if (active) {
            allocator.activateFramework(framework.id());
        } else {
            allocator.deactivateFramework(framework.id());
        }
    }

    /** The framework's stream closed: its offers are rescinded, it gets no more until it subscribes again. */
    public void frameworkDisconnected(String frameworkId) {
        for (OutstandingOffer offer : offers.ofFramework(frameworkId)) {
            rescind(offer);
        }
        allocator.deactivateFramework(frameworkId);
    }

    /** The framework is gone: its offers and everything allocated to it are released. */
    public void frameworkRemoved(String frameworkId) {
        for (OutstandingOffer offer : offers.ofFramework(frameworkId)) {
            offers.remove(offer.id());
        }
        allocator.removeFramework(frameworkId);
        executors.values().removeIf(e -> e.frameworkId().equals(frameworkId));
    }

    public void suppress(Framework framework, Set<String> roles) {
        allocator.suppress(framework.id(), roles);
    }

    public void revive(Framework framework, Set<String> roles) {
        allocator.revive(framework.id(), roles);
    }

    // ---------------------------------------------------------------------------------------------------- offering

    /** One allocation cycle; every framework gets one OFFERS event with its new offers. */
    public void allocate(Map<String, Agent> agentsById) {
        Instant now = clock.instant();
        Map<String, List<Offer>> byFramework = new LinkedHashMap<>();
        for (Allocation allocation : allocator.allocate(now)) {
            Agent agent = agentsById.get(allocation.agentId());
            if (agent == null) {
                allocator.recover(allocation.frameworkId(), allocation.role(), allocation.agentId(),
                        allocation.resources(), Optional.empty(), now);
                continue;
            }
            Offer offer = offer(allocation, agent.info());
            offers.add(new OutstandingOffer(offer, allocation.role(), allocation.resources(), now));
            byFramework.computeIfAbsent(allocation.frameworkId(), f -> new ArrayList<>()).add(offer);
        }
        byFramework.forEach((framework, list) -> frameworks.send(framework, SchedulerEvents.offers(list)));
    }

    /** Rescinds the offers older than the offer timeout, if one is configured. */
    public void expireOffers() {
        if (config.offerTimeout().isEmpty()) {
            return;
        }
        for (OutstandingOffer offer : offers.expired(clock.instant(), config.offerTimeout().get())) {
            LOG.debugf("Rescinding offer %s of framework %s after the offer timeout", offer.id(), offer.frameworkId());
            rescind(offer);
        }
    }

    /**
     * ACCEPT, planned by {@link AcceptPlanner}: the used offers are gone, the unused resources go back with the
     * call's refusal filter; when the offers were invalid each valid one goes back whole on its agent, unfiltered.
     */
    public AcceptPlan accept(Framework framework, Call.Accept accept, java.util.function.Predicate<String> taskExists) {
        Instant now = clock.instant();
        AcceptPlan plan = AcceptPlanner.plan(framework, accept.getOfferIdsList(), accept.getOperationsList(), offers,
                taskExists, now);
        plan.offersUsed().forEach(o -> offers.remove(o.id()));
        if (plan.invalidOffers()) {
            plan.offersUsed().forEach(o -> allocator.recover(framework.id(), o.role(), o.agentId(), o.resources(),
                    Optional.empty(), now));
            return plan;
        }
        Optional<Duration> filter = Optional.of(refusal(accept.getFilters()));
        plan.unused().forEach((role, resources) -> allocator.recover(framework.id(), role, plan.agentId(), resources,
                filter, now));
        return plan;
    }

    /** DECLINE: the offers' resources go back with the refusal filter; unknown offers are ignored. */
    public void decline(Framework framework, Call.Decline decline) {
        Instant now = clock.instant();
        Duration filter = refusal(decline.getFilters());
        for (OfferID id : decline.getOfferIdsList()) {
            offers.get(id.getValue()).filter(o -> o.frameworkId().equals(framework.id())).ifPresent(offer -> {
                offers.remove(offer.id());
                allocator.recover(framework.id(), offer.role(), offer.agentId(), offer.resources(),
                        Optional.of(filter), now);
            });
        }
    }

    /** A task group's executor, holding its resources for the group's tasks still live. */
    private record GroupExecutor(String frameworkId, String agentId, String role, ResourceBag resources,
            Set<String> liveTasks) {
    }

    /** A task group was launched: its executor's resources stay allocated until the group's last task ends. */
    public void groupLaunched(String frameworkId, String agentId, String role, ExecutorInfo executor,
            List<Task> tasks) {
        Set<String> live = new HashSet<>();
        tasks.forEach(t -> live.add(t.getTaskId().getValue()));
        executors.put(executorKey(frameworkId, agentId, executor.getExecutorId().getValue()), new GroupExecutor(
                frameworkId, agentId, role, ResourceBag.of(executor.getResourcesList()), live));
    }

    private static String executorKey(String frameworkId, String agentId, String executorId) {
        return frameworkId + "/" + agentId + "/" + executorId;
    }

    /** Terminal tasks give their resources back (no filter), and a group's executor its own with its last task. */
    public void tasksEnded(List<Task> tasks) {
        Instant now = clock.instant();
        for (Task task : tasks) {
            if (task.hasExecutorId()) {
                String key = executorKey(task.getFrameworkId().getValue(), task.getAgentId().getValue(),
                        task.getExecutorId().getValue());
                GroupExecutor executor = executors.get(key);
                if (executor != null && executor.liveTasks().remove(task.getTaskId().getValue())
                        && executor.liveTasks().isEmpty()) {
                    executors.remove(key);
                    recoverHeld(executor.frameworkId(), executor.role(), executor.agentId(), executor.resources(),
                            now);
                }
            }
            String frameworkId = task.getFrameworkId().getValue();
            String agentId = task.getAgentId().getValue();
            if (!allocator.frameworkIds().contains(frameworkId) || !allocator.agentIds().contains(agentId)) {
                continue;
            }
            recoverHeld(frameworkId, roleOf(task), agentId, ResourceBag.of(task.getResourcesList()), now);
        }
    }

    /** Gives resources back if the allocator still has them as held (the agent or framework may be gone). */
    private void recoverHeld(String frameworkId, String role, String agentId, ResourceBag resources, Instant now) {
        if (allocator.frameworkIds().contains(frameworkId) && allocator.agentIds().contains(agentId)
                && allocator.allocated(frameworkId, role, agentId).contains(resources)) {
            allocator.recover(frameworkId, role, agentId, resources, Optional.empty(), now);
        }
    }

    public List<OutstandingOffer> outstanding() {
        return offers.all();
    }

    public DrfAllocator allocator() {
        return allocator;
    }

    /** Forgets everything (the master lost the lead). */
    public void reset() {
        offers.clear();
        executors.clear();
        allocator = newAllocator();
    }

    private void rescindOnAgent(String agentId) {
        for (OutstandingOffer offer : offers.onAgent(agentId)) {
            rescind(offer);
        }
    }

    private void rescind(OutstandingOffer offer) {
        offers.remove(offer.id());
        frameworks.send(offer.frameworkId(), SchedulerEvents.rescind(offer.offer().getId()));
        if (allocator.agentIds().contains(offer.agentId()) && allocator.frameworkIds().contains(offer.frameworkId())) {
            allocator.recover(offer.frameworkId(), offer.role(), offer.agentId(), offer.resources(), Optional.empty(),
                    clock.instant());
        }
    }

    private Offer offer(Allocation allocation, AgentInfo agent) {
        String host = agent.getHostname();
        Offer.Builder offer = Offer.newBuilder()
                .setId(OfferID.newBuilder().setValue(identity.id() + "-O" + nextOffer++))
                .setFrameworkId(FrameworkID.newBuilder().setValue(allocation.frameworkId()))
                .setAgentId(agent.getId())
                .setHostname(host)
                .setUrl(URL.newBuilder()
                        .setScheme("http")
                        .setAddress(Address.newBuilder().setHostname(host).setIp(host).setPort(agent.getPort()))
                        .setPath("/slave(1)"))
                .addAllResources(allocation.resources().toResources(allocation.role()))
                .addAllAttributes(agent.getAttributesList())
                .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(allocation.role()));
        if (agent.hasDomain()) {
            offer.setDomain(agent.getDomain());
        }
        return offer.build();
    }

    /** Mesos' reading of {@code refuse_seconds}: absent, negative or not a number → 5 s; capped at 365 days. */
    static Duration refusal(Filters filters) {
        if (!filters.hasRefuseSeconds()) {
            return DEFAULT_REFUSAL;
        }
        double seconds = filters.getRefuseSeconds();
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            return DEFAULT_REFUSAL;
        }
        Duration refusal = Duration.ofNanos((long) Math.min(seconds * 1e9, DrfAllocator.MAX_REFUSAL.toNanos()));
        return refusal;
    }

    /** The role a task's resources were allocated for. */
    static String roleOf(Task task) {
        for (Resource resource : task.getResourcesList()) {
            if (resource.hasAllocationInfo()) {
                return resource.getAllocationInfo().getRole();
            }
        }
        return "*";
    }
}
