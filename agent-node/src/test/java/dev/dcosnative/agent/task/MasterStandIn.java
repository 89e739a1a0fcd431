package dev.dcosnative.agent.task;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.TaskStatus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.dcosnative.shared.agentapi.AgentCall;
import dev.dcosnative.shared.agentapi.AgentEvent;
import dev.dcosnative.shared.agentapi.AgentProtocol;
import dev.dcosnative.shared.recordio.RecordIO;

/**
 * A master for agent tests, on 127.0.0.1: it admits the agent under {@link #AGENT_ID}, sends it events (RUN_TASK,
 * KILL_TASK, ...) down the subscription stream, records every status update the agent sends and acknowledges it at
 * once, as a framework would through a real master. It also gives the agent a work directory of its own, process
 * isolation (so tests need no cgroups) and short timeouts.
 */
public final class MasterStandIn implements QuarkusTestResourceLifecycleManager {

    static final String AGENT_ID = "standin-S0";
    /** The fetcher's size limit in the tests. */
    static final long FETCH_MAX_BYTES = 1 << 20;

    private static volatile MasterStandIn current;

    /** A status update as the agent sent it. */
    record Update(String frameworkId, TaskStatus status) {
    }

    private final List<Update> updates = new CopyOnWriteArrayList<>();
    private final Object streamLock = new Object();
    private HttpServer server;
    private ExecutorService executor;
    private Path workDir;
    private OutputStream stream;

    /** The stand-in of the running test application. */
    static MasterStandIn current() {
        return current;
    }

    @Override
    public Map<String, String> start() {
        try {
            workDir = Files.createTempDirectory("agent-task-test-");
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "master-stand-in");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext(AgentProtocol.PATH, this::handle);
        server.start();
        current = this;
        return Map.of(
                "dcos.agent.masters", "127.0.0.1:" + server.getAddress().getPort(),
                "dcos.agent.work-dir", workDir.toString(),
                "dcos.agent.isolation", "none",
                "dcos.agent.kill-grace-period", "1s",
                "dcos.agent.registration-backoff-factor", "50ms",
                "dcos.agent.status-update-retry-interval", "1s",
                "dcos.agent.fetcher.max-bytes", Long.toString(FETCH_MAX_BYTES),
                "dcos.agent.fetcher.timeout", "60s");
    }

    @Override
    public void stop() {
        server.stop(0);
        executor.shutdownNow();
        try (Stream<Path> tree = Files.walk(workDir)) {
            tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // left in the temporary directory
        }
        current = null;
    }

    Path workDir() {
        return workDir;
    }

    /** Every update received so far, in order. */
    List<Update> updates() {
        return List.copyOf(updates);
    }

    /** Sends an event to the agent once it is subscribed (waits for that, at most 30 s). */
    void send(AgentEvent event) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        synchronized (streamLock) {
            while (stream == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("the agent did not subscribe");
                }
                try {
                    streamLock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            write(event);
        }
    }

    private void write(AgentEvent event) {
        try {
            stream.write(RecordIO.frame(AgentProtocol.encode(event)));
            stream.flush();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write to the agent's stream", e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        AgentCall call;
        try {
            call = AgentProtocol.decodeCall(exchange.getRequestBody().readAllBytes());
        } catch (IOException e) {
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
            return;
        }
        switch (call.type()) {
            case SUBSCRIBE -> {
                exchange.getResponseHeaders().add("Content-Type", "application/recordio");
                exchange.getResponseHeaders().add("Message-Content-Type", "application/json");
                exchange.getResponseHeaders().add(AgentProtocol.STREAM_ID_HEADER, UUID.randomUUID().toString());
                exchange.sendResponseHeaders(200, 0);
                synchronized (streamLock) {
                    stream = exchange.getResponseBody();
                    write(AgentEvent.registered(new AgentEvent.Registered(
                            AgentID.newBuilder().setValue(AGENT_ID).build(), masterInfo(), 3600.0, 5)));
                    streamLock.notifyAll();
                }
                // the response stays open: it is the event stream
            }
            case STATUS_UPDATE -> {
                FrameworkID framework = call.statusUpdate().frameworkId();
                TaskStatus status = call.statusUpdate().status();
                updates.add(new Update(framework.getValue(), status));
                exchange.sendResponseHeaders(202, -1);
                exchange.close();
                send(AgentEvent.acknowledge(framework, status.getTaskId(),
                        Base64.getEncoder().encodeToString(status.getUuid().toByteArray())));
            }
            default -> {
                exchange.sendResponseHeaders(202, -1);
                exchange.close();
            }
        }
    }

    private MasterInfo masterInfo() {
        int port = server.getAddress().getPort();
        return MasterInfo.newBuilder()
                .setId("master-stand-in")
                .setIp(0x7f000001)
                .setPort(port)
                .setHostname("127.0.0.1")
                .setPid("master@127.0.0.1:" + port)
                .build();
    }
}
