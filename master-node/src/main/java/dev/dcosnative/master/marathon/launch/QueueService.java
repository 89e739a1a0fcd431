package dev.dcosnative.master.marathon.launch;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.mesos.v1.Protos.Offer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

import dev.dcosnative.master.marathon.Marathon;
import dev.dcosnative.master.marathon.launch.core.LaunchDelay;
import dev.dcosnative.master.marathon.rest.MarathonApiException;
import dev.dcosnative.shared.marathon.MarathonJson;
import dev.dcosnative.shared.marathon.PathId;
import dev.dcosnative.shared.marathon.Timestamps;
import dev.dcosnative.shared.mesos.Attributes;
import dev.dcosnative.shared.mesos.Resources;

/**
 * {@code /v2/queue}: what waits to launch, how long it is backed off, and why offers did not fit
 * ({@code processedOffersSummary}; {@code embed=lastUnusedOffers} adds the offers themselves); and
 * {@code DELETE /v2/queue/{app}/delay}, which ends an app's backoff.
 */
@ApplicationScoped
public class QueueService {

    private final Marathon marathon;
    private final LaunchService launches;
    private final Clock clock;

    public QueueService(Marathon marathon, LaunchService launches, Clock clock) {
        this.marathon = marathon;
        this.launches = launches;
        this.clock = clock;
    }

    public Uni<ObjectNode> queue(boolean lastUnusedOffers) {
        return marathon.ask(state -> {
            Instant now = clock.instant();
            ObjectNode body = MarathonJson.MAPPER.createObjectNode();
            ArrayNode queue = body.putArray("queue");
            for (LaunchService.Entry entry : launches.entries()) {
                PathId id = PathId.of(entry.app().id());
                ObjectNode item = queue.addObject();
                item.put("count", entry.count());
                LaunchDelay delay = launches.delay(id);
                ObjectNode delayNode = item.putObject("delay");
                delayNode.put("timeLeftSeconds", delay.remaining(now).toSeconds());
                delayNode.put("overdue", !delay.isDelayed(now));
                item.put("since", Timestamps.format(entry.since()));
                item.set("processedOffersSummary", summary(entry.stats()));
                if (lastUnusedOffers) {
                    ArrayNode offers = item.putArray("lastUnusedOffers");
                    for (OfferStats.UnusedOffer unused : entry.stats().lastUnusedOffers()) {
                        ObjectNode offer = offers.addObject();
                        offer.set("offer", offer(unused.offer()));
                        offer.put("timestamp", Timestamps.format(unused.timestamp()));
                        ArrayNode reasons = offer.putArray("reason");
                        OfferStats.REASONS.stream().filter(unused.reasons()::contains).forEach(reasons::add);
                    }
                }
                item.set("app", MarathonJson.toTree(entry.app()));
            }
            return body;
        });
    }

    /** Ends an app's backoff; 404 when the app is not in the queue. */
    public Uni<Void> resetDelay(PathId id) {
        return marathon.ask(state -> {
            if (launches.entry(id).isEmpty()) {
                throw MarathonApiException.notFound("Application " + id + " not found in tasks queue.");
            }
            launches.resetDelay(id);
            return null;
        });
    }

    private static ObjectNode summary(OfferStats stats) {
        ObjectNode summary = MarathonJson.MAPPER.createObjectNode();
        summary.put("processedOffersCount", stats.processed());
        summary.put("unusedOffersCount", stats.unused());
        if (stats.lastUnusedAt() != null) {
            summary.put("lastUnusedOfferAt", Timestamps.format(stats.lastUnusedAt()));
        }
        if (stats.lastUsedAt() != null) {
            summary.put("lastUsedOfferAt", Timestamps.format(stats.lastUsedAt()));
        }
        ArrayNode last = summary.putArray("rejectSummaryLastOffers");
        stats.summaryLastOffers().forEach(s -> last.addObject().put("reason", s.reason())
                .put("declined", s.declined()).put("processed", s.processed()));
        ArrayNode attempt = summary.putArray("rejectSummaryLaunchAttempt");
        stats.summaryLaunchAttempt().forEach(s -> attempt.addObject().put("reason", s.reason())
                .put("declined", s.declined()).put("processed", s.processed()));
        return summary;
    }

    private static ObjectNode offer(Offer offer) {
        ObjectNode node = MarathonJson.MAPPER.createObjectNode();
        node.put("id", offer.getId().getValue());
        node.put("agentId", offer.getAgentId().getValue());
        node.put("hostname", offer.getHostname());
        ArrayNode resources = node.putArray("resources");
        for (org.apache.mesos.v1.Protos.Resource r : offer.getResourcesList()) {
            ObjectNode resource = resources.addObject();
            resource.put("name", r.getName());
            if (r.hasScalar()) {
                resource.put("scalar", r.getScalar().getValue());
            }
            if (r.hasRanges()) {
                ArrayNode ranges = resource.putArray("ranges");
                r.getRanges().getRangeList().forEach(range -> ranges.addObject().put("begin", range.getBegin())
                        .put("end", range.getEnd()));
            }
            if (r.hasSet()) {
                ArrayNode set = resource.putArray("set");
                r.getSet().getItemList().forEach(set::add);
            }
            resource.put("role", Resources.roleOf(r));
        }
        ArrayNode attributes = node.putArray("attributes");
        offer.getAttributesList().forEach(a -> attributes.addObject().put("name", a.getName())
                .put("text", Attributes.valueText(a)));
        return node;
    }
}
