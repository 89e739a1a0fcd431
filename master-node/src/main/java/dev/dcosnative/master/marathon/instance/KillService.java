package dev.dcosnative.master.marathon.instance;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.marathon.MarathonState;
import dev.dcosnative.master.marathon.instance.core.Instance;
import dev.dcosnative.master.marathon.instance.core.InstanceId;
import dev.dcosnative.master.marathon.scheduler.MarathonFramework;

/**
 * Kills instances: records the goal first (so a master restart keeps killing), sends KILL, and sends it again every
 * {@code kill-retry-interval} until the task's terminal update arrives — a kill can be lost with an agent or a master.
 * An instance whose agent is out of reach is simply expunged: its task, if it ever comes back, is unknown and killed
 * then. Runs on the Marathon actor.
 */
@ApplicationScoped
public class KillService {

    private static final Logger LOG = Logger.getLogger(KillService.class);

    private final MarathonFramework framework;
    private final InstanceTracker tracker;
    private final MasterConfig.Marathon config;
    private final Clock clock;
    private final Map<InstanceId, Instant> lastKill = new HashMap<>();

    public KillService(MarathonFramework framework, InstanceTracker tracker, MasterConfig config, Clock clock) {
        this.framework = framework;
        this.tracker = tracker;
        this.config = config.marathon();
        this.clock = clock;
    }

    /** Kills an instance; {@code goal}: Stopped (kept until its task ends) or Decommissioned (forgotten then). */
    public void kill(MarathonState state, Instance instance, Instance.Goal goal) {
        Instance killed = tracker.goal(state, instance, goal);
        if (!killed.isActive()) {
            tracker.expunge(state, killed);
            lastKill.remove(killed.id());
            return;
        }
        send(killed);
    }

    /** Kills again what should be dead by now. */
    public void retry(MarathonState state) {
        Instant now = clock.instant();
        lastKill.keySet().removeIf(id -> state.instance(id).isEmpty());
        for (Instance instance : java.util.List.copyOf(state.instances())) {
            if (instance.goal() == Instance.Goal.Running) {
                continue;
            }
            if (!instance.isActive()) {
                tracker.expunge(state, instance);
                lastKill.remove(instance.id());
                continue;
            }
            Instant last = lastKill.get(instance.id());
            if (last == null || !last.plus(config.killRetryInterval()).isAfter(now)) {
                send(instance);
            }
        }
    }

    private void send(Instance instance) {
        LOG.debugf("Killing %s", instance.taskId());
        framework.kill(instance.taskId(), instance.agent().agentId());
        lastKill.put(instance.id(), clock.instant());
    }

    public void reset() {
        lastKill.clear();
    }
}
