package dev.dcosnative.master.mesos.scheduler.core;

import java.util.List;

import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;

/** The events of the v1 scheduler API stream. */
public final class SchedulerEvents {

    private SchedulerEvents() {
    }

    public static Event subscribed(FrameworkID frameworkId, double heartbeatIntervalSeconds, MasterInfo master) {
        return Event.newBuilder()
                .setType(Event.Type.SUBSCRIBED)
                .setSubscribed(Event.Subscribed.newBuilder()
                        .setFrameworkId(frameworkId)
                        .setHeartbeatIntervalSeconds(heartbeatIntervalSeconds)
                        .setMasterInfo(master))
                .build();
    }

    public static Event offers(List<Offer> offers) {
        return Event.newBuilder()
                .setType(Event.Type.OFFERS)
                .setOffers(Event.Offers.newBuilder().addAllOffers(offers))
                .build();
    }

    public static Event rescind(OfferID offerId) {
        return Event.newBuilder()
                .setType(Event.Type.RESCIND)
                .setRescind(Event.Rescind.newBuilder().setOfferId(offerId))
                .build();
    }

    public static Event update(TaskStatus status) {
        return Event.newBuilder()
                .setType(Event.Type.UPDATE)
                .setUpdate(Event.Update.newBuilder().setStatus(status))
                .build();
    }

    public static Event error(String message) {
        return Event.newBuilder()
                .setType(Event.Type.ERROR)
                .setError(Event.Error.newBuilder().setMessage(message))
                .build();
    }

    public static Event heartbeat() {
        return Event.newBuilder().setType(Event.Type.HEARTBEAT).build();
    }
}
