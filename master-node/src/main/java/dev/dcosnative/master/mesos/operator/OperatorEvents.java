package dev.dcosnative.master.mesos.operator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.mesos.v1.master.Protos.Event;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.shared.http.MediaTypes;
import dev.dcosnative.shared.http.MesosHttpException;
import dev.dcosnative.shared.proto.ProtoJson;
import dev.dcosnative.shared.vertx.RecordIOSink;

/**
 * The subscribers of the operator event stream ({@code SUBSCRIBE}) and the fan-out of events to them, each in the
 * encoding it asked for. Called on the master actor, so a subscriber's SUBSCRIBED snapshot and the events after it
 * never miss or repeat a change.
 */
@ApplicationScoped
public class OperatorEvents {

    private record Subscriber(RecordIOSink sink, String encoding) {
    }

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final int maxSubscribers;

    public OperatorEvents(MasterConfig config) {
        this.maxSubscribers = config.maxOperatorEventStreamSubscribers();
    }

    /** Adds a subscriber and sends it {@code subscribed} first. */
    public void add(RecordIOSink sink, String encoding, Event subscribed) {
        subscribers.removeIf(s -> s.sink().isClosed());
        if (subscribers.size() >= maxSubscribers) {
            throw new MesosHttpException(503, "Reached the maximum number of operator event stream subscribers ("
                    + maxSubscribers + ")");
        }
        Subscriber subscriber = new Subscriber(sink, encoding);
        sink.send(encode(subscribed, encoding));
        subscribers.add(subscriber);
        sink.onClose(() -> subscribers.remove(subscriber));
    }

    /** Sends an event to every subscriber. */
    public void publish(Event event) {
        byte[] json = null;
        byte[] protobuf = null;
        for (Subscriber subscriber : subscribers) {
            if (subscriber.sink().isClosed()) {
                subscribers.remove(subscriber);
                continue;
            }
            if (MediaTypes.APPLICATION_PROTOBUF.equals(subscriber.encoding())) {
                protobuf = protobuf != null ? protobuf : event.toByteArray();
                subscriber.sink().send(protobuf);
            } else {
                json = json != null ? json : ProtoJson.toJson(event);
                subscriber.sink().send(json);
            }
        }
    }

    public int size() {
        return subscribers.size();
    }

    /** Ends every stream (the master lost the lead; subscribers reconnect to the new leader). */
    public void closeAll() {
        subscribers.forEach(s -> s.sink().close());
        subscribers.clear();
    }

    static byte[] encode(Event event, String encoding) {
        return MediaTypes.APPLICATION_PROTOBUF.equals(encoding) ? event.toByteArray() : ProtoJson.toJson(event);
    }
}
