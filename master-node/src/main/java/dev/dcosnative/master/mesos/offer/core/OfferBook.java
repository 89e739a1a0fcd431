package dev.dcosnative.master.mesos.offer.core;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The offers outstanding, by id. Pure; owned by the master actor. */
public final class OfferBook {

    private final Map<String, OutstandingOffer> offers = new LinkedHashMap<>();

    public void add(OutstandingOffer offer) {
        offers.put(offer.id(), offer);
    }

    public Optional<OutstandingOffer> get(String offerId) {
        return Optional.ofNullable(offers.get(offerId));
    }

    public Optional<OutstandingOffer> remove(String offerId) {
        return Optional.ofNullable(offers.remove(offerId));
    }

    public List<OutstandingOffer> ofFramework(String frameworkId) {
        return offers.values().stream().filter(o -> o.frameworkId().equals(frameworkId)).toList();
    }

    public List<OutstandingOffer> onAgent(String agentId) {
        return offers.values().stream().filter(o -> o.agentId().equals(agentId)).toList();
    }

    /** Offers older than {@code timeout} at {@code now}: to rescind. */
    public List<OutstandingOffer> expired(Instant now, Duration timeout) {
        return offers.values().stream().filter(o -> !o.created().plus(timeout).isAfter(now)).toList();
    }

    public List<OutstandingOffer> all() {
        return List.copyOf(offers.values());
    }

    public void clear() {
        offers.clear();
    }
}
