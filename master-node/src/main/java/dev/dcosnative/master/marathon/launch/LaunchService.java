package dev.dcosnative.master.marathon.launch;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.jboss.logging.Logger;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.marathon.MarathonState;
import dev.dcosnative.master.marathon.instance.InstanceTracker;
import dev.dcosnative.master.marathon.instance.core.AgentPlacement;
import dev.dcosnative.master.marathon.instance.core.Condition;
import dev.dcosnative.master.marathon.instance.core.Instance;
import dev.dcosnative.master.marathon.instance.core.InstanceId;
import dev.dcosnative.master.marathon.launch.core.Launch;
import dev.dcosnative.master.marathon.launch.core.LaunchDelay;
import dev.dcosnative.master.marathon.launch.core.LaunchRequest;
import dev.dcosnative.master.marathon.launch.core.NoMatchReason;
import dev.dcosnative.master.marathon.launch.core.OfferMatch;
import dev.dcosnative.master.marathon.launch.core.OfferMatcher;
import dev.dcosnative.master.marathon.launch.core.TaskBuilder;
import dev.dcosnative.master.marathon.scheduler.MarathonFramework;
import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.PathId;

/**
 * Marathon's launch queue: how many instances of which app version are wanted now (set by deployments and the scaler,
 * see {@link #demand}), each app's launch backoff, and what offers are for. An offer is matched against the apps that
 * may launch (not backed off), oldest demand first; each instance placed is stored before its task is launched, so a
 * master that dies after the ACCEPT still knows the task. An offer with no use is declined: briefly while something
 * waits (so offers keep coming and the queue's reject summary stays current), for {@code decline_offer_duration} when
 * nothing does — then Marathon also suppresses offers, and revives them when demand returns. Runs on the Marathon
 * actor.
 */
@ApplicationScoped
public class LaunchService {

    private static final Logger LOG = Logger.getLogger(LaunchService.class);
    private static final double BUSY_REFUSE_SECONDS = 5;

    /** One app waiting to launch. */
    public record Entry(App app, int count, Instant since, OfferStats stats) {
    }

    private final MarathonFramework framework;
    private final InstanceTracker tracker;
    private final MasterConfig.Marathon config;
    private final Clock clock;
    private final RandomGenerator random = RandomGenerator.getDefault();
    private final Map<PathId, Entry> queue = new LinkedHashMap<>();
    private final Map<PathId, LaunchDelay> delays = new HashMap<>();
    private Instant lastRevive = Instant.MIN;
    private boolean reviveWanted;
    private boolean suppressed;

    public LaunchService(MarathonFramework framework, InstanceTracker tracker, MasterConfig config, Clock clock) {
        this.framework = framework;
        this.tracker = tracker;
        this.config = config.marathon();
        this.clock = clock;
    }

    /**
     * Sets how many more instances of {@code app} (this version) should be launched now; 0 removes it from the queue.
     * More than before asks the kernel for offers again.
     */
    public void demand(App app, int count) {
        PathId id = PathId.of(app.id());
        Entry entry = queue.get(id);
        if (count <= 0) {
            queue.remove(id);
            return;
        }
        if (entry == null || !entry.app().version().equals(app.version())) {
            queue.put(id, new Entry(app, count, clock.instant(), entry == null ? new OfferStats() : entry.stats()));
            reviveWanted = true;
        } else if (entry.count() != count) {
            if (count > entry.count()) {
                reviveWanted = true;
            }
            queue.put(id, new Entry(app, count, entry.since(), entry.stats()));
        }
        if (reviveWanted) {
            revive(clock.instant());
        }
    }

    public Optional<Entry> entry(PathId app) {
        return Optional.ofNullable(queue.get(app));
    }

    public List<Entry> entries() {
        return List.copyOf(queue.values());
    }

    public LaunchDelay delay(PathId app) {
        return delays.getOrDefault(app, LaunchDelay.NONE);
    }

    /** An instance of {@code app} ended on its own: the app backs off before its next launch. */
    public void failed(App app) {
        PathId id = PathId.of(app.id());
        LaunchDelay delay = delays.getOrDefault(id, LaunchDelay.NONE).failed(app, clock.instant());
        delays.put(id, delay);
        reviveWanted = true;
        LOG.infof("App %s backs off for %s after %d consecutive failures", id, delay.current(), delay.failures());
    }

    /** The app's backoff is forgotten (a new configuration, {@code DELETE /v2/queue/{id}/delay}). */
    public void resetDelay(PathId app) {
        if (delays.remove(app) != null) {
            reviveWanted = true;
        }
    }

    /** Forgets an app entirely (it was removed). */
    public void forget(PathId app) {
        queue.remove(app);
        delays.remove(app);
    }

    /** Housekeeping each tick: forget delays that ran out long ago, revive or suppress offers as demand says. */
    public void tick(MarathonState state) {
        Instant now = clock.instant();
        delays.entrySet().removeIf(e -> state.app(e.getKey()).map(app -> e.getValue().isOverdue(app, now))
                .orElse(true));
        if (queue.isEmpty() && !suppressed && framework.connected()) {
            framework.suppress();
            suppressed = true;
        } else {
            revive(now);
        }
    }

    /**
     * Asks for offers again when something that may launch waits and the kernel may be holding offers back
     * (declined with a filter, or suppressed), at most once per {@code min_revive_offers_interval}.
     */
    private void revive(Instant now) {
        boolean waiting = queue.values().stream().anyMatch(e -> !delay(PathId.of(e.app().id())).isDelayed(now));
        if (waiting && (reviveWanted || suppressed) && framework.connected()
                && !lastRevive.plus(config.minReviveOffersInterval()).isAfter(now)) {
            framework.revive();
            lastRevive = now;
            reviveWanted = false;
            suppressed = false;
        }
    }

    /** Uses or declines each offer. */
    public void offers(MarathonState state, List<Offer> offers) {
        Instant now = clock.instant();
        for (Offer offer : offers) {
            List<LaunchRequest> requests = requests(state, now);
            if (requests.isEmpty()) {
                framework.decline(List.of(offer.getId()), queue.isEmpty()
                        ? config.declineOfferDuration().toSeconds()
                        : BUSY_REFUSE_SECONDS);
                continue;
            }
            OfferMatch match = OfferMatcher.match(offer, requests,
                    new OfferMatcher.Settings(config.maxInstancesPerOffer(), OfferMatcher.GpuScheduling.RESTRICTED,
                            null),
                    random);
            record(offer, requests, match, now);
            if (match.launches().isEmpty()) {
                framework.decline(List.of(offer.getId()), BUSY_REFUSE_SECONDS);
                continue;
            }
            launch(state, offer, match.launches(), now);
        }
    }

    private List<LaunchRequest> requests(MarathonState state, Instant now) {
        return queue.values().stream()
                .filter(e -> !delay(PathId.of(e.app().id())).isDelayed(now))
                .sorted(Comparator.comparing(Entry::since))
                .map(e -> new LaunchRequest(e.app(), e.count(), placed(state, PathId.of(e.app().id())),
                        dev.dcosnative.master.marathon.launch.core.ServicePorts.of(e.app())))
                .toList();
    }

    /** Where the app's instances that count for its constraints run. */
    private static List<AgentPlacement> placed(MarathonState state, PathId app) {
        return state.instancesOf(app).stream()
                .filter(i -> i.goal() == Instance.Goal.Running)
                .filter(i -> i.isActive() || i.condition() == Condition.Unreachable)
                .map(Instance::agent)
                .toList();
    }

    private void record(Offer offer, List<LaunchRequest> requests, OfferMatch match, Instant now) {
        for (LaunchRequest request : requests) {
            Entry entry = queue.get(request.appId());
            if (entry == null) {
                continue;
            }
            if (!match.launchesOf(request.appId()).isEmpty()) {
                entry.stats().used(offer, now);
            } else {
                Set<NoMatchReason> reasons = match.rejections().get(request.appId());
                if (reasons != null && !reasons.isEmpty()) {
                    entry.stats().unused(offer, reasons.stream().map(Enum::name).collect(Collectors.toSet()), now);
                } else if (!match.limitReached()) {
                    entry.stats().unused(offer, Set.of(), now);
                }
            }
        }
    }

    private void launch(MarathonState state, Offer offer, List<Launch> launches, Instant now) {
        List<Instance> instances = new ArrayList<>();
        List<Offer.Operation> operations = new ArrayList<>();
        Offer.Operation.Launch.Builder launch = Offer.Operation.Launch.newBuilder();
        for (Launch l : launches) {
            InstanceId id = InstanceId.forApp(l.appId(), UUID.randomUUID());
            Instance instance = new Instance(id, l.appId(), l.app().version(),
                    l.app().versionInfo() == null ? l.app().version() : l.app().versionInfo().lastConfigChangeAt(),
                    1, Condition.Provisioned, Instance.Goal.Running, l.agent(), l.allocatedHostPorts(), l.role(),
                    now, null, null, null);
            TaskInfo task = TaskBuilder.build(l, id.taskId(1),
                    new TaskBuilder.Options(config.envVarsPrefix().orElse(null), "mesos-bridge"), random);
            launch.addTaskInfos(task);
            instances.add(instance);
        }
        operations.add(Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH).setLaunch(launch).build());
        try {
            tracker.launched(state, instances);
        } catch (RuntimeException e) {
            LOG.errorf("Cannot store %d new instances; declining the offer: %s", instances.size(), e.getMessage());
            framework.decline(List.of(offer.getId()), 0);
            return;
        }
        for (Instance instance : instances) {
            Entry entry = queue.get(instance.appId());
            if (entry != null) {
                demand(entry.app(), entry.count() - 1);
            }
        }
        framework.accept(List.of(offer.getId()), operations, 1);
        LOG.debugf("Launching %d instances on agent %s", instances.size(), offer.getAgentId().getValue());
    }

    /** Forgets the queue and delays (Marathon stopped). */
    public void reset() {
        queue.clear();
        delays.clear();
        lastRevive = Instant.MIN;
        reviveWanted = false;
        suppressed = false;
    }
}
