package dev.dcosnative.agent.registration;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import dev.dcosnative.agent.AgentConfig;
import dev.dcosnative.agent.AgentState;
import dev.dcosnative.agent.core.Backoff;
import dev.dcosnative.agent.task.TaskManager;
import dev.dcosnative.shared.BuildInfo;
import dev.dcosnative.shared.agentapi.AgentCall;
import dev.dcosnative.shared.agentapi.AgentEvent;
import dev.dcosnative.shared.agentapi.AgentProtocol;
import dev.dcosnative.shared.http.MediaTypes;
import dev.dcosnative.shared.recordio.RecordIO;

/**
 * The agent's link to the leading master (see {@link AgentProtocol}): it subscribes (registering, or re-registering
 * under its checkpointed id), follows a standby master's redirect to the leader, answers pings, and when the stream
 * breaks or the pings stop it subscribes again with backoff, rotating through the configured masters. Everything runs
 * on one Vert.x context, so the link's state needs no locks.
 */
@ApplicationScoped
public class MasterLink {

    private static final Logger LOG = Logger.getLogger(MasterLink.class);
    private static final int MAX_REDIRECTS = 5;

    private final Vertx vertx;
    private final AgentState state;
    private final Instance<TaskManager> tasks;
    private final Event<AgentEvent> masterEvents;
    private final Event<Connected> connectedEvents;
    private final List<URI> masters;
    private final Backoff backoff;

    private Context context;
    /** The subscription stream and pongs: never queued behind status updates, so a busy agent still looks alive. */
    private HttpClient client;
    /** Status updates, on a pool of their own. */
    private HttpClient updates;
    private int nextMaster;
    private URI leaderHint;
    private int redirects;
    /** Increments with every attempt; callbacks of an older attempt are ignored. */
    private long generation;
    private Stream stream;
    private TaskManager.Report lastReport;
    private boolean stopped;

    /** The open subscription. */
    private static final class Stream {
        final long generation;
        final URI master;
        HttpClientResponse response;
        String id;
        AgentID agentId;
        Instant lastPing = Instant.now();
        Duration pingInterval;
        int maxMissedPings;
        long watchdog = -1;

        Stream(long generation, URI master) {
            this.generation = generation;
            this.master = master;
        }
    }

    /** The agent is registered with a master (fired on the link's Vert.x context). */
    public record Connected(AgentID agentId) {
    }

    public MasterLink(Vertx vertx, AgentState state, AgentConfig config, Instance<TaskManager> tasks,
            Event<AgentEvent> masterEvents, Event<Connected> connectedEvents) {
        this.vertx = vertx;
        this.state = state;
        this.tasks = tasks;
        this.masterEvents = masterEvents;
        this.connectedEvents = connectedEvents;
        this.masters = parseMasters(config.masters());
        this.backoff = new Backoff(config.registrationBackoffFactor(), config.registrationBackoffMax(),
                ThreadLocalRandom.current());
    }

    void onStart(@Observes StartupEvent event) {
        context = vertx.getOrCreateContext();
        client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000).setMaxPoolSize(4));
        updates = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000).setMaxPoolSize(8));
        context.runOnContext(v -> retryLater());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (context == null) {
            return;
        }
        context.runOnContext(v -> {
            stopped = true;
            if (stream != null) {
                closeStream(stream);
            }
            client.close();
            updates.close();
        });
    }

    private void connect() {
        if (stopped) {
            return;
        }
        long attempt = ++generation;
        tasks.get().report().whenComplete((report, error) -> context.runOnContext(v -> {
            if (attempt != generation || stopped) {
                return;
            }
            if (error != null) {
                LOG.errorf("Cannot list the tasks to report to the master: %s", error.getMessage());
                retryLater();
                return;
            }
            subscribe(attempt, report);
        }));
    }

    private void subscribe(long attempt, TaskManager.Report report) {
        lastReport = report;
        URI master = leaderHint != null ? leaderHint : masters.get(nextMaster++ % masters.size());
        byte[] body = AgentProtocol.encode(AgentCall.subscribe(state.info(), BuildInfo.MESOS_VERSION,
                AgentState.CAPABILITIES, report.tasks(), report.frameworks()));
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(master.getHost())
                .setPort(master.getPort())
                .setURI(AgentProtocol.PATH)
                .putHeader("Content-Type", MediaTypes.APPLICATION_JSON)
                .putHeader("Accept", MediaTypes.APPLICATION_RECORDIO);
        client.request(options).compose(request -> request.send(Buffer.buffer(body))).onComplete(result -> {
            if (attempt != generation || stopped) {
                if (result.succeeded()) {
                    result.result().request().connection().close();
                }
                return;
            }
            if (result.failed()) {
                LOG.warnf("Cannot reach the master at %s: %s", master, result.cause().getMessage());
                leaderHint = null;
                retryLater();
                return;
            }
            onResponse(attempt, master, result.result());
        });
    }

    private void onResponse(long attempt, URI master, HttpClientResponse response) {
        switch (response.statusCode()) {
            case 200 -> subscribed(attempt, master, response);
            case 307 -> {
                String location = response.getHeader("Location");
                response.body();
                if (location == null || ++redirects > MAX_REDIRECTS) {
                    LOG.warnf("The master at %s redirects without a usable leader (%s)", master, location);
                    redirects = 0;
                    leaderHint = null;
                    retryLater();
                    return;
                }
                URI leader = master.resolve(location);
                leaderHint = URI.create("http://" + leader.getHost() + ":" + leader.getPort());
                LOG.infof("The master at %s is not the leader; following it to %s", master, leaderHint);
                subscribe(attempt, lastReport);
            }
            default -> response.body().onComplete(body -> {
                LOG.warnf("The master at %s refused the registration: %d %s", master, response.statusCode(),
                        body.succeeded() ? body.result().toString() : "");
                leaderHint = null;
                retryLater();
            });
        }
    }

    private void subscribed(long attempt, URI master, HttpClientResponse response) {
        Stream current = new Stream(attempt, master);
        current.response = response;
        current.id = response.getHeader(AgentProtocol.STREAM_ID_HEADER);
        stream = current;
        redirects = 0;
        RecordIO.Decoder decoder = new RecordIO.Decoder();
        response.handler(chunk -> {
            try {
                for (byte[] record : decoder.feed(chunk.getBytes())) {
                    onEvent(current, AgentProtocol.decodeEvent(record));
                }
            } catch (IOException | RuntimeException e) {
                lost(current, "unreadable event from the master: " + e.getMessage());
            }
        });
        response.endHandler(v -> lost(current, "the master closed the stream"));
        response.exceptionHandler(e -> lost(current, e.getMessage()));
    }

    private void onEvent(Stream current, AgentEvent event) {
        if (current != stream) {
            return;
        }
        switch (event.type()) {
            case REGISTERED -> {
                AgentEvent.Registered registered = event.registered();
                current.agentId = registered.agentId();
                current.pingInterval = Duration.ofMillis((long) (registered.pingIntervalSeconds() * 1000));
                current.maxMissedPings = Math.max(1, registered.maxMissedPings());
                current.lastPing = Instant.now();
                if (state.registered(registered.agentId(), registered.masterInfo())) {
                    vertx.executeBlocking(() -> {
                        state.checkpoint();
                        return null;
                    }).onFailure(e -> LOG.errorf("Cannot checkpoint the agent id: %s", e.getMessage()));
                }
                backoff.reset();
                LOG.infof("Registered with the master %s as agent %s", registered.masterInfo().getPid(),
                        registered.agentId().getValue());
                long interval = Math.max(100, current.pingInterval.toMillis());
                current.watchdog = vertx.setPeriodic(interval, id -> watch(current));
                connectedEvents.fire(new Connected(registered.agentId()));
            }
            case PING -> {
                current.lastPing = Instant.now();
                pong(current);
            }
            case ERROR -> lost(current, "the master refused this agent: " + event.error().message());
            default -> masterEvents.fire(event);
        }
    }

    private void pong(Stream current) {
        if (current.agentId == null) {
            return;
        }
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(current.master.getHost())
                .setPort(current.master.getPort())
                .setURI(AgentProtocol.PATH)
                .setTimeout(current.pingInterval.toMillis())
                .putHeader("Content-Type", MediaTypes.APPLICATION_JSON)
                .putHeader(AgentProtocol.STREAM_ID_HEADER, current.id);
        byte[] body = AgentProtocol.encode(AgentCall.pong(current.agentId));
        client.request(options).compose(request -> request.send(Buffer.buffer(body))).onComplete(result -> {
            if (result.succeeded()) {
                result.result().body();
                if (result.result().statusCode() == 403 || result.result().statusCode() == 307) {
                    lost(current, "the master no longer knows this agent's stream");
                }
            }
        });
    }

    /**
     * Sends a status update to the master on the current stream; dropped (to be resent by the caller) when the agent
     * is not registered. Thread-safe.
     */
    public void sendStatusUpdate(FrameworkID frameworkId, TaskStatus status) {
        if (context == null) {
            return;
        }
        context.runOnContext(v -> {
            Stream current = stream;
            if (current == null || current.agentId == null) {
                return;
            }
            RequestOptions options = new RequestOptions()
                    .setMethod(HttpMethod.POST)
                    .setHost(current.master.getHost())
                    .setPort(current.master.getPort())
                    .setURI(AgentProtocol.PATH)
                    .setTimeout(30_000)
                    .putHeader("Content-Type", MediaTypes.APPLICATION_JSON)
                    .putHeader(AgentProtocol.STREAM_ID_HEADER, current.id);
            byte[] body = AgentProtocol.encode(AgentCall.statusUpdate(current.agentId, frameworkId, status));
            updates.request(options).compose(request -> request.send(Buffer.buffer(body))).onComplete(result -> {
                if (result.succeeded()) {
                    result.result().body();
                    if (result.result().statusCode() == 403) {
                        lost(current, "the master no longer knows this agent's stream");
                    }
                }
            });
        });
    }

    private void watch(Stream current) {
        Duration silence = Duration.between(current.lastPing, Instant.now());
        if (silence.compareTo(current.pingInterval.multipliedBy(current.maxMissedPings)) > 0) {
            lost(current, "no ping from the master for " + silence.toMillis() + " ms");
        }
    }

    private void lost(Stream current, String reason) {
        if (current != stream || stopped) {
            return;
        }
        stream = null;
        generation++;
        closeStream(current);
        state.disconnected();
        LOG.warnf("Lost the master at %s: %s; subscribing again", current.master, reason);
        retryLater();
    }

    private void closeStream(Stream current) {
        if (current.watchdog >= 0) {
            vertx.cancelTimer(current.watchdog);
        }
        if (current.response != null) {
            current.response.request().connection().close();
        }
    }

    private void retryLater() {
        if (stopped) {
            return;
        }
        long delay = Math.max(1, backoff.next().toMillis());
        vertx.setTimer(delay, id -> context.runOnContext(v -> connect()));
    }

    static List<URI> parseMasters(List<String> masters) {
        List<URI> uris = new ArrayList<>();
        for (String master : masters) {
            String trimmed = master.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            URI uri = URI.create(trimmed.contains("://") ? trimmed : "http://" + trimmed);
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new IllegalArgumentException("dcos.agent.masters: '" + master + "' is not host:port");
            }
            uris.add(uri);
        }
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("dcos.agent.masters is empty");
        }
        return uris;
    }
}
