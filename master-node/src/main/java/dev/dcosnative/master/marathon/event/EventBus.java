package dev.dcosnative.master.marathon.event;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import dev.dcosnative.shared.marathon.MarathonJson;
import dev.dcosnative.shared.marathon.Timestamps;

/**
 * Marathon's event bus: every event goes to every {@code /v2/events} subscriber whose {@code event_type} filter lets
 * it through, as a server-sent event ({@code event: <type>} / {@code data: <json>}). An event is encoded once for all
 * subscribers; a subscriber that cannot keep up (its write queue is full) is disconnected rather than buffered without
 * bound. Events may be published from any thread; each subscriber's writes happen on its own Vert.x context, in order.
 * Every 15 s an SSE comment keeps idle streams open through proxies (the edge closes idle connections).
 */
@ApplicationScoped
public class EventBus {

    /** An SSE comment: keeps idle streams open through proxies; event parsers ignore it. */
    private static final Buffer KEEPALIVE = Buffer.buffer(":\n\n");

    private final CopyOnWriteArrayList<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Clock clock;

    public EventBus(Clock clock, io.vertx.core.Vertx vertx) {
        this.clock = clock;
        vertx.setPeriodic(15_000, id -> subscribers.forEach(s -> s.send(KEEPALIVE)));
    }

    /** An event of {@code type}, with its {@code eventType} and {@code timestamp} set, for the caller to fill. */
    public ObjectNode event(String type) {
        ObjectNode event = MarathonJson.MAPPER.createObjectNode();
        event.put("eventType", type);
        event.put("timestamp", Timestamps.format(clock.instant()));
        return event;
    }

    /** Sends {@code event} (made with {@link #event}) to the subscribers that want it. */
    public void publish(ObjectNode event) {
        if (subscribers.isEmpty()) {
            return;
        }
        String type = event.path("eventType").asText();
        Buffer frame = frame(type, event);
        for (Subscriber subscriber : subscribers) {
            if (subscriber.wants(type)) {
                subscriber.send(frame);
            }
        }
    }

    /**
     * Attaches an SSE response; it gets {@code event_stream_attached} first, then the events of {@code types} (all when
     * empty) until it goes away.
     */
    public void attach(HttpServerResponse response, Context context, Set<String> types, String remoteAddress) {
        Subscriber subscriber = new Subscriber(response, context, Set.copyOf(types));
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-cache, no-store, must-revalidate");
        response.closeHandler(v -> subscribers.remove(subscriber));
        response.exceptionHandler(e -> subscribers.remove(subscriber));
        subscribers.add(subscriber);
        ObjectNode attached = event("event_stream_attached");
        attached.put("remoteAddress", remoteAddress);
        subscriber.send(frame("event_stream_attached", attached));
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    /** Ends every stream (this master stopped leading). */
    public void detachAll() {
        for (Subscriber subscriber : subscribers) {
            subscriber.close();
        }
        subscribers.clear();
    }

    private static Buffer frame(String type, ObjectNode event) {
        return Buffer.buffer(("event: " + type + "\ndata: " + MarathonJson.writeString(event) + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    private final class Subscriber {
        private final HttpServerResponse response;
        private final Context context;
        private final Set<String> types;

        Subscriber(HttpServerResponse response, Context context, Set<String> types) {
            this.response = response;
            this.context = context;
            this.types = types;
        }

        boolean wants(String type) {
            return types.isEmpty() || types.contains(type);
        }

        void send(Buffer frame) {
            context.runOnContext(v -> {
                if (response.ended() || response.closed()) {
                    subscribers.remove(this);
                    return;
                }
                if (response.writeQueueFull()) {
                    subscribers.remove(this);
                    response.reset();
                    return;
                }
                response.write(frame);
            });
        }

        void close() {
            context.runOnContext(v -> {
                if (!response.ended() && !response.closed()) {
                    response.end();
                }
            });
        }
    }
}
