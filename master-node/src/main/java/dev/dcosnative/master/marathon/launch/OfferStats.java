package dev.dcosnative.master.marathon.launch;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.mesos.v1.Protos.Offer;

/**
 * What happened to the offers an app's launch attempt saw ({@code processedOffersSummary} of {@code /v2/queue}): how
 * many were processed, how many could not be used and why, per agent for the last offer of each, and over the whole
 * attempt; plus the last unused offers themselves ({@code embed=lastUnusedOffers}).
 */
public final class OfferStats {

    /** The reasons in the order Marathon's funnel checks them ({@code rejectSummary*} lists them in this order). */
    public static final List<String> REASONS = List.of("UnfulfilledRole", "UnfulfilledConstraint",
            "NoCorrespondingReservationFound", "AgentMaintenance", "InsufficientCpus", "InsufficientMemory",
            "InsufficientDisk", "InsufficientGpus", "InsufficientPorts", "DeclinedScarceResources");

    private static final int LAST_UNUSED = 10;

    /** An offer the app could not use. */
    public record UnusedOffer(Offer offer, Set<String> reasons, Instant timestamp) {
    }

    /** One line of a reject summary. */
    public record Step(String reason, int declined, int processed) {
    }

    private int processed;
    private int unused;
    private Instant lastUnusedAt;
    private Instant lastUsedAt;
    private final Map<String, Set<String>> lastByAgent = new LinkedHashMap<>();
    private final Map<String, Integer> attemptFirstReasons = new LinkedHashMap<>();
    private final Deque<UnusedOffer> lastUnused = new ArrayDeque<>();

    /** An offer was used (at least one instance launched from it). */
    public void used(Offer offer, Instant now) {
        processed++;
        lastUsedAt = now;
        lastByAgent.put(offer.getAgentId().getValue(), Set.of());
    }

    /** An offer could not be used, for these reasons. */
    public void unused(Offer offer, Set<String> reasons, Instant now) {
        processed++;
        unused++;
        lastUnusedAt = now;
        lastByAgent.put(offer.getAgentId().getValue(), Set.copyOf(reasons));
        attemptFirstReasons.merge(first(reasons), 1, Integer::sum);
        lastUnused.addFirst(new UnusedOffer(offer, Set.copyOf(reasons), now));
        while (lastUnused.size() > LAST_UNUSED) {
            lastUnused.removeLast();
        }
    }

    public int processed() {
        return processed;
    }

    public int unused() {
        return unused;
    }

    public Instant lastUnusedAt() {
        return lastUnusedAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    public List<UnusedOffer> lastUnusedOffers() {
        return List.copyOf(lastUnused);
    }

    /** The funnel over the last offer of each agent. */
    public List<Step> summaryLastOffers() {
        Map<String, Integer> firstReasons = new LinkedHashMap<>();
        for (Set<String> reasons : lastByAgent.values()) {
            if (!reasons.isEmpty()) {
                firstReasons.merge(first(reasons), 1, Integer::sum);
            }
        }
        return funnel(lastByAgent.size(), firstReasons);
    }

    /** The funnel over every offer of the launch attempt. */
    public List<Step> summaryLaunchAttempt() {
        return funnel(processed, attemptFirstReasons);
    }

    private static List<Step> funnel(int total, Map<String, Integer> firstReasons) {
        List<Step> steps = new java.util.ArrayList<>();
        int left = total;
        for (String reason : REASONS) {
            int declined = firstReasons.getOrDefault(reason, 0);
            steps.add(new Step(reason, declined, left));
            left -= declined;
        }
        return steps;
    }

    private static String first(Set<String> reasons) {
        for (String reason : REASONS) {
            if (reasons.contains(reason)) {
                return reason;
            }
        }
        return reasons.isEmpty() ? "" : reasons.iterator().next();
    }
}
