package dev.dcosnative.master.mesos.scheduler;

import org.apache.mesos.v1.scheduler.Protos.Event;

import dev.dcosnative.master.mesos.framework.SchedulerStream;
import dev.dcosnative.shared.vertx.MessageStream;

/** The event stream of a scheduler subscribed over HTTP: RecordIO in the encoding it asked for. */
final class HttpSchedulerStream implements SchedulerStream {

    private final MessageStream stream;

    HttpSchedulerStream(MessageStream stream) {
        this.stream = stream;
    }

    @Override
    public void send(Event event) {
        stream.send(event);
    }

    @Override
    public void close() {
        stream.close();
    }

    @Override
    public void onClose(Runnable action) {
        stream.sink().onClose(action);
    }
}
