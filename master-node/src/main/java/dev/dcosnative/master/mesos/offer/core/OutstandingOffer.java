package dev.dcosnative.master.mesos.offer.core;

import java.time.Instant;

import org.apache.mesos.v1.Protos.Offer;

import dev.dcosnative.shared.mesos.ResourceBag;

/** An offer the master made and the framework has not answered yet. */
public record OutstandingOffer(Offer offer, String role, ResourceBag resources, Instant created) {

    public String id() {
        return offer.getId().getValue();
    }

    public String frameworkId() {
        return offer.getFrameworkId().getValue();
    }

    public String agentId() {
        return offer.getAgentId().getValue();
    }
}
