package dev.dcosnative.master.mesos.framework;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.jboss.logging.Logger;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.mesos.framework.core.Framework;
import dev.dcosnative.master.mesos.framework.core.FrameworkBook;
import dev.dcosnative.master.mesos.scheduler.core.SchedulerEvents;

/**
 * The frameworks and their scheduler streams: subscription and failover (the old stream gets an ERROR and is closed),
 * disconnection, teardown, and sending events to a framework's current stream. Runs on the master actor; the effects
 * on offers and tasks are coordinated by {@link dev.dcosnative.master.mesos.MesosMaster}.
 */
@ApplicationScoped
public class FrameworkService {

    private static final Logger LOG = Logger.getLogger(FrameworkService.class);

    private final FrameworkBook book;
    private final Map<String, SchedulerStream> streams = new HashMap<>();
    private final Clock clock;

    public FrameworkService(MasterConfig config, Clock clock) {
        this.book = new FrameworkBook(config.maxCompletedFrameworks());
        this.clock = clock;
    }

    /**
     * Subscribes a framework on {@code stream} (see {@link FrameworkBook#subscribe}); a previous stream of the same
     * framework is told it failed over and closed. The caller sends SUBSCRIBED.
     */
    public FrameworkBook.Subscription subscribe(FrameworkInfo info, Set<String> suppressedRoles, String streamId,
            SchedulerStream stream, Supplier<String> newId) {
        FrameworkBook.Subscription subscription = book.subscribe(info, suppressedRoles, streamId, clock.instant(),
                newId);
        SchedulerStream previous = streams.put(subscription.framework().id(), stream);
        if (previous != null) {
            previous.send(SchedulerEvents.error("Framework failed over"));
            previous.close();
        }
        LOG.infof("%s framework %s (%s) with roles %s", subscription.failover() ? "Re-subscribed" : "Subscribed",
                subscription.framework().id(), info.getName(), subscription.framework().roles());
        return subscription;
    }

    /** The framework's stream {@code streamId} ended; empty unless that was its current stream. */
    public Optional<Framework> disconnected(String frameworkId, String streamId) {
        Optional<Framework> framework = book.disconnected(frameworkId, streamId, clock.instant());
        framework.ifPresent(f -> {
            streams.remove(frameworkId);
            LOG.infof("Framework %s disconnected; failover timeout %ss", frameworkId,
                    f.info().getFailoverTimeout());
        });
        return framework;
    }

    /** Removes the framework (teardown or failover timeout); its stream, if any, is closed. */
    public Optional<Framework> remove(String frameworkId) {
        SchedulerStream stream = streams.remove(frameworkId);
        if (stream != null) {
            stream.close();
        }
        Optional<Framework> removed = book.remove(frameworkId, clock.instant());
        removed.ifPresent(f -> LOG.infof("Removed framework %s (%s)", f.id(), f.info().getName()));
        return removed;
    }

    /** Sends an event to the framework's current stream; dropped when it is not connected. */
    public void send(String frameworkId, Event event) {
        SchedulerStream stream = streams.get(frameworkId);
        if (stream != null) {
            stream.send(event);
        }
    }

    public void heartbeat() {
        Event heartbeat = SchedulerEvents.heartbeat();
        streams.values().forEach(s -> s.send(heartbeat));
    }

    public Framework suppress(String frameworkId, Set<String> roles) {
        return book.suppress(frameworkId, roles);
    }

    public Framework revive(String frameworkId, Set<String> roles) {
        return book.revive(frameworkId, roles);
    }

    public List<Framework> failoverExpired(Instant now) {
        return book.failoverExpired(now);
    }

    public Optional<Framework> get(String frameworkId) {
        return book.get(frameworkId);
    }

    /** See {@link FrameworkBook#recover}. */
    public Optional<Framework> recover(FrameworkInfo info) {
        Optional<Framework> recovered = book.recover(info, clock.instant());
        recovered.ifPresent(f -> LOG.infof("Recovered framework %s (%s) from an agent's tasks", f.id(),
                info.getName()));
        return recovered;
    }

    public boolean isCompleted(String frameworkId) {
        return book.isCompleted(frameworkId);
    }

    public boolean partitionAware(String frameworkId) {
        return book.get(frameworkId).map(Framework::partitionAware).orElse(false);
    }

    public List<Framework> all() {
        return book.all();
    }

    public List<Framework> completed() {
        return book.completed();
    }

    /** Forgets everything and closes every scheduler stream (the master lost the lead). */
    public void reset() {
        streams.values().forEach(SchedulerStream::close);
        streams.clear();
        book.clear();
    }
}
