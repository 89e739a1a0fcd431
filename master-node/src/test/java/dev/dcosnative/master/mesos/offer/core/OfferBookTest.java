package dev.dcosnative.master.mesos.offer.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.junit.jupiter.api.Test;

import dev.dcosnative.shared.mesos.ResourceBag;
import dev.dcosnative.shared.mesos.Resources;

class OfferBookTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final OfferBook book = new OfferBook();

    static OutstandingOffer offer(String id, String frameworkId, String agentId, String role, String resources,
            Instant created) {
        ResourceBag bag = ResourceBag.of(Resources.parse(resources, "*"));
        Offer offer = Offer.newBuilder()
                .setId(OfferID.newBuilder().setValue(id))
                .setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId))
                .setAgentId(AgentID.newBuilder().setValue(agentId))
                .setHostname(agentId + ".example")
                .addAllResources(bag.toResources(role))
                .build();
        return new OutstandingOffer(offer, role, bag, created);
    }

    @Test
    void anOfferIsKeptByIdUntilRemoved() {
        OutstandingOffer o1 = offer("o1", "f1", "a1", "*", "cpus:1", T0);
        book.add(o1);

        assertThat(o1.id()).isEqualTo("o1");
        assertThat(o1.frameworkId()).isEqualTo("f1");
        assertThat(o1.agentId()).isEqualTo("a1");
        assertThat(book.get("o1")).contains(o1);
        assertThat(book.get("o2")).isEmpty();
        assertThat(book.all()).containsExactly(o1);

        assertThat(book.remove("o1")).contains(o1);
        assertThat(book.remove("o1")).isEmpty();
        assertThat(book.get("o1")).isEmpty();
        assertThat(book.all()).isEmpty();
    }

    @Test
    void offersAreFoundByFrameworkAndByAgent() {
        OutstandingOffer o1 = offer("o1", "f1", "a1", "*", "cpus:1", T0);
        OutstandingOffer o2 = offer("o2", "f2", "a1", "*", "cpus:1", T0);
        OutstandingOffer o3 = offer("o3", "f1", "a2", "*", "cpus:1", T0);
        book.add(o1);
        book.add(o2);
        book.add(o3);

        assertThat(book.ofFramework("f1")).containsExactly(o1, o3);
        assertThat(book.ofFramework("f2")).containsExactly(o2);
        assertThat(book.ofFramework("f3")).isEmpty();
        assertThat(book.onAgent("a1")).containsExactly(o1, o2);
        assertThat(book.onAgent("a2")).containsExactly(o3);
        assertThat(book.onAgent("a3")).isEmpty();
    }

    @Test
    void anOfferExpiresWhenItIsAsOldAsTheTimeout() {
        OutstandingOffer old = offer("o1", "f1", "a1", "*", "cpus:1", T0);
        OutstandingOffer young = offer("o2", "f1", "a1", "*", "cpus:1", T0.plusSeconds(10));
        book.add(old);
        book.add(young);

        assertThat(book.expired(T0.plusSeconds(30).minusMillis(1), TIMEOUT)).isEmpty();
        assertThat(book.expired(T0.plusSeconds(30), TIMEOUT)).containsExactly(old);
        assertThat(book.expired(T0.plusSeconds(39), TIMEOUT)).containsExactly(old);
        assertThat(book.expired(T0.plusSeconds(40), TIMEOUT)).containsExactly(old, young);
        assertThat(book.all()).hasSize(2);
    }

    @Test
    void clearForgetsAllOffers() {
        book.add(offer("o1", "f1", "a1", "*", "cpus:1", T0));
        book.clear();
        assertThat(book.all()).isEmpty();
        assertThat(book.get("o1")).isEmpty();
    }
}
