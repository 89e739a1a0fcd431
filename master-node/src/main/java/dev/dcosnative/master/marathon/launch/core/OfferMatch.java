package dev.dcosnative.master.marathon.launch.core;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.mesos.v1.Protos.Resource;

import dev.dcosnative.master.marathon.instance.core.AgentPlacement;
import dev.dcosnative.shared.marathon.PathId;

/**
 * What {@link OfferMatcher} made of one offer: the launches (in the order they were matched), and for every app that
 * was tried and could not place all the instances it wanted, why its last try failed. An app not tried because
 * {@code maxInstancesPerOffer} was reached is not rejected ({@code limitReached} tells). {@code unused} is what is
 * left of the offer: an ACCEPT uses the launches' resources and leaves the rest to Mesos.
 */
public record OfferMatch(String offerId, AgentPlacement agent, List<Launch> launches,
        Map<PathId, Set<NoMatchReason>> rejections, List<Resource> unused, boolean limitReached) {

    public OfferMatch {
        launches = List.copyOf(launches);
        rejections = Map.copyOf(rejections);
        unused = List.copyOf(unused);
    }

    /** The launches of one app. */
    public List<Launch> launchesOf(PathId appId) {
        return launches.stream().filter(l -> l.appId().equals(appId)).toList();
    }
}
