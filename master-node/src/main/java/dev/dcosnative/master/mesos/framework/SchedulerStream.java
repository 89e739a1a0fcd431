package dev.dcosnative.master.mesos.framework;

import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * Where a subscribed framework's events go: the RecordIO stream of an HTTP scheduler, or the event queue of a
 * framework that runs inside the master (Marathon, Metronome). The kernel treats both the same way.
 */
public interface SchedulerStream {

    /** Sends one event; dropped once the stream is closed. Called on the master actor; must not block. */
    void send(Event event);

    /** Ends the stream (the framework failed over, was torn down, or the master lost the lead). */
    void close();

    /** Runs {@code action} once when the stream ends, whoever ends it. */
    void onClose(Runnable action);
}
