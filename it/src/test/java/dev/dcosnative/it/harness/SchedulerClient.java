package dev.dcosnative.it.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.dcosnative.shared.proto.ProtoJson;
import dev.dcosnative.shared.recordio.RecordIO;

/**
 * A framework written against the v1 scheduler HTTP API, as a test drives it: SUBSCRIBE on one connection (events
 * read into a queue on a thread of its own), every other call on its own request with {@code Mesos-Stream-Id}. Speaks
 * JSON or protobuf. Acknowledges updates automatically unless told not to.
 */
public final class SchedulerClient implements AutoCloseable {

    private final String url;
    private final boolean protobuf;
    private final HttpResponse<InputStream> stream;
    private final String streamId;
    /** Events not consumed yet, oldest first; a wait takes the first one it wants and leaves the others. */
    private final List<Event> events = new ArrayList<>();
    private final Thread reader;
    private volatile FrameworkID frameworkId;
    private volatile boolean autoAcknowledge = true;
    private volatile boolean ended;

    private SchedulerClient(String url, boolean protobuf, HttpResponse<InputStream> stream) {
        this.url = url;
        this.protobuf = protobuf;
        this.stream = stream;
        this.streamId = stream.headers().firstValue("Mesos-Stream-Id").orElseThrow(
                () -> new AssertionError("SUBSCRIBE answered without Mesos-Stream-Id"));
        this.reader = new Thread(this::read, "scheduler-events");
        reader.setDaemon(true);
        reader.start();
    }

    /** Subscribes a framework; returns once SUBSCRIBED arrived. */
    public static SchedulerClient subscribe(String masterUrl, FrameworkInfo info, boolean protobuf) {
        Call.Builder call = Call.newBuilder()
                .setType(Call.Type.SUBSCRIBE)
                .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info));
        if (info.hasId()) {
            call.setFrameworkId(info.getId());
        }
        String type = protobuf ? OperatorClient.PROTOBUF : OperatorClient.JSON;
        HttpRequest request = HttpRequest.newBuilder(URI.create(masterUrl + "/api/v1/scheduler"))
                .header("Content-Type", type)
                .header("Accept", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(encode(call.build(), protobuf)))
                .build();
        try {
            HttpResponse<InputStream> response = Http.client().send(Http.authorized(request),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new AssertionError("SUBSCRIBE -> " + response.statusCode() + " "
                        + new String(response.body().readAllBytes()));
            }
            SchedulerClient client = new SchedulerClient(masterUrl, protobuf, response);
            Event subscribed = client.await("SUBSCRIBED", Duration.ofSeconds(10),
                    e -> e.getType() == Event.Type.SUBSCRIBED || e.getType() == Event.Type.ERROR);
            if (subscribed.getType() == Event.Type.ERROR) {
                throw new AssertionError("SUBSCRIBE refused: " + subscribed.getError().getMessage());
            }
            client.frameworkId = subscribed.getSubscribed().getFrameworkId();
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public FrameworkID frameworkId() {
        return frameworkId;
    }

    public String streamId() {
        return streamId;
    }

    public SchedulerClient autoAcknowledge(boolean on) {
        this.autoAcknowledge = on;
        return this;
    }

    private void read() {
        RecordIO.Decoder decoder = new RecordIO.Decoder();
        byte[] buffer = new byte[65536];
        try (InputStream in = stream.body()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                byte[] chunk = new byte[n];
                System.arraycopy(buffer, 0, chunk, 0, n);
                for (byte[] record : decoder.feed(chunk)) {
                    Event event = decode(record);
                    if (autoAcknowledge && event.getType() == Event.Type.UPDATE
                            && event.getUpdate().getStatus().hasUuid() && frameworkId != null) {
                        acknowledge(event.getUpdate().getStatus());
                    }
                    synchronized (events) {
                        events.add(event);
                        events.notifyAll();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the stream ended
        } finally {
            ended = true;
            synchronized (events) {
                events.notifyAll();
            }
        }
    }

    private Event decode(byte[] record) {
        try {
            return protobuf ? Event.parseFrom(record)
                    : ProtoJson.merge(new String(record, StandardCharsets.UTF_8), Event.newBuilder())
                            .build();
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("an event that does not parse: " + new String(record), e);
        }
    }

    /** The oldest event matching {@code wanted} (taken; the others stay for later waits). */
    public Event await(String what, Duration timeout, Predicate<Event> wanted) {
        Instant deadline = Instant.now().plus(timeout);
        synchronized (events) {
            while (true) {
                for (int i = 0; i < events.size(); i++) {
                    if (wanted.test(events.get(i))) {
                        return events.remove(i);
                    }
                }
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0 || ended) {
                    break;
                }
                try {
                    events.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw new AssertionError("no " + what + " within " + timeout + (ended ? " (the stream ended)" : ""));
    }

    /** Offers until one from an agent matching {@code agent} arrives. */
    public Offer awaitOffer(Duration timeout, Predicate<Offer> wanted) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Event event = await("OFFERS", Duration.between(Instant.now(), deadline),
                    e -> e.getType() == Event.Type.OFFERS);
            for (Offer offer : event.getOffers().getOffersList()) {
                if (wanted.test(offer)) {
                    return offer;
                }
                decline(offer.getId(), 0);
            }
        }
        throw new AssertionError("no matching offer within " + timeout);
    }

    /** The next UPDATE for the task. */
    public TaskStatus awaitUpdate(String taskId, Duration timeout, Predicate<TaskStatus> wanted) {
        return await("an update of " + taskId, timeout, e -> e.getType() == Event.Type.UPDATE
                && e.getUpdate().getStatus().getTaskId().getValue().equals(taskId)
                && wanted.test(e.getUpdate().getStatus())).getUpdate().getStatus();
    }

    /** Every UPDATE of the task until one satisfies {@code last} (included). */
    public List<TaskStatus> updatesUntil(String taskId, Duration timeout, Predicate<TaskStatus> last) {
        List<TaskStatus> seen = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            TaskStatus status = awaitUpdate(taskId, Duration.between(Instant.now(), deadline), s -> true);
            seen.add(status);
            if (last.test(status)) {
                return seen;
            }
        }
    }

    public HttpResponse<byte[]> call(Call call) {
        return call(call, streamId);
    }

    /** A call with the given stream id header (null: none). */
    public HttpResponse<byte[]> call(Call call, String withStreamId) {
        String type = protobuf ? OperatorClient.PROTOBUF : OperatorClient.JSON;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/api/v1/scheduler"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(encode(call, protobuf)));
        if (withStreamId != null) {
            request.header("Mesos-Stream-Id", withStreamId);
        }
        return Http.send(request.build());
    }

    /** A call that must be accepted (202). */
    public void send(Call.Builder call) {
        HttpResponse<byte[]> response = call(call.setFrameworkId(frameworkId).build());
        if (response.statusCode() != 202) {
            throw new AssertionError(call.getType() + " -> " + response.statusCode() + " " + Http.text(response));
        }
    }

    public void launch(OfferID offer, List<TaskInfo> tasks) {
        send(Call.newBuilder()
                .setType(Call.Type.ACCEPT)
                .setAccept(Call.Accept.newBuilder()
                        .addOfferIds(offer)
                        .addOperations(Offer.Operation.newBuilder()
                                .setType(Offer.Operation.Type.LAUNCH)
                                .setLaunch(Offer.Operation.Launch.newBuilder().addAllTaskInfos(tasks)))
                        .setFilters(Filters.newBuilder().setRefuseSeconds(0))));
    }

    public void decline(OfferID offer, double refuseSeconds) {
        send(Call.newBuilder()
                .setType(Call.Type.DECLINE)
                .setDecline(Call.Decline.newBuilder()
                        .addOfferIds(offer)
                        .setFilters(Filters.newBuilder().setRefuseSeconds(refuseSeconds))));
    }

    public void kill(String taskId, AgentID agentId) {
        send(Call.newBuilder()
                .setType(Call.Type.KILL)
                .setKill(Call.Kill.newBuilder().setTaskId(TaskID.newBuilder().setValue(taskId)).setAgentId(agentId)));
    }

    public void acknowledge(TaskStatus status) {
        call(Call.newBuilder()
                .setFrameworkId(frameworkId)
                .setType(Call.Type.ACKNOWLEDGE)
                .setAcknowledge(Call.Acknowledge.newBuilder()
                        .setAgentId(status.getAgentId())
                        .setTaskId(status.getTaskId())
                        .setUuid(status.getUuid()))
                .build());
    }

    public void reconcile(List<Call.Reconcile.Task> tasks) {
        send(Call.newBuilder()
                .setType(Call.Type.RECONCILE)
                .setReconcile(Call.Reconcile.newBuilder().addAllTasks(tasks)));
    }

    public void teardown() {
        send(Call.newBuilder().setType(Call.Type.TEARDOWN));
    }

    private static byte[] encode(Call call, boolean protobuf) {
        return protobuf ? call.toByteArray() : ProtoJson.toJson(call);
    }

    @Override
    public void close() {
        try {
            stream.body().close();
        } catch (IOException e) {
            // closing anyway
        }
        reader.interrupt();
    }
}
