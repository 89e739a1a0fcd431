package dev.dcosnative.master.mesos.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

import io.smallrye.mutiny.Uni;

import dev.dcosnative.master.mesos.framework.SchedulerStream;

/**
 * The v1 scheduler API for frameworks that run inside the master (Marathon, Metronome). They speak the same calls and
 * receive the same events as an HTTP scheduler, through the same {@link SchedulerService} with the same checks; only
 * the transport differs: events are handed to the framework's own executor, in order, instead of a RecordIO stream.
 */
@ApplicationScoped
public class LocalSchedulers {

    /** What an in-process framework hears. Called on the executor it subscribed with, one call at a time. */
    public interface Listener {
        void event(Event event);

        /** The stream ended (failover, teardown, the master lost the lead, or {@link Connection#close}). */
        void closed();
    }

    private final SchedulerService scheduler;

    public LocalSchedulers(SchedulerService scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Subscribes a framework ({@code info.id} set to fail over to an existing framework id). The SUBSCRIBED event, or
     * an ERROR, arrives at the listener; the Uni fails when the master cannot take subscriptions (not leading).
     */
    public Uni<Connection> subscribe(FrameworkInfo info, Listener listener, Executor executor) {
        Call.Builder call = Call.newBuilder().setType(Call.Type.SUBSCRIBE);
        call.getSubscribeBuilder().setFrameworkInfo(info);
        if (info.hasId()) {
            call.setFrameworkId(info.getId());
        }
        Call subscribe = call.build();
        SchedulerRoutes.check(subscribe);
        Connection connection = new Connection(UUID.randomUUID().toString(), listener, executor);
        return scheduler.subscribe(subscribe.getSubscribe(), connection.streamId, connection).replaceWith(connection);
    }

    /** One subscription of an in-process framework: its stream (for the kernel) and its calls (for the framework). */
    public final class Connection implements SchedulerStream {

        private final String streamId;
        private final Listener listener;
        private final Executor executor;
        private final List<Runnable> closeActions = new ArrayList<>();
        private boolean closed;

        Connection(String streamId, Listener listener, Executor executor) {
            this.streamId = streamId;
            this.listener = listener;
            this.executor = executor;
        }

        /**
         * Sends a call (not SUBSCRIBE) on this subscription, checked as an HTTP call is. Completes with the HTTP
         * status the call would get (202), or fails with the same {@code MesosHttpException}.
         */
        public Uni<Integer> call(Call call) {
            return Uni.createFrom().item(call).invoke(SchedulerRoutes::check)
                    .chain(c -> scheduler.call(c, streamId));
        }

        public String streamId() {
            return streamId;
        }

        @Override
        public void send(Event event) {
            synchronized (this) {
                if (closed) {
                    return;
                }
            }
            executor.execute(() -> listener.event(event));
        }

        /** Ends the subscription, as a scheduler closing its HTTP connection does. Idempotent. */
        @Override
        public void close() {
            List<Runnable> actions;
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                actions = new ArrayList<>(closeActions);
                closeActions.clear();
            }
            actions.forEach(Runnable::run);
            executor.execute(listener::closed);
        }

        @Override
        public void onClose(Runnable action) {
            boolean runNow;
            synchronized (this) {
                runNow = closed;
                if (!closed) {
                    closeActions.add(action);
                }
            }
            if (runNow) {
                action.run();
            }
        }

        public synchronized boolean isClosed() {
            return closed;
        }
    }
}
