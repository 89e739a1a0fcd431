package dev.dcosnative.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A real DC/OS Native cluster of separate node processes on loopback: masters at {@code 127.A.B.1..}, agents at
 * {@code 127.A.B.11..}, each on the default ports of its own address, with work directories under
 * {@code it/target/it-work/<cluster>} and logs in the test report, {@code it/target/failsafe-reports/node-logs/<cluster>}. The
 * addresses are unique to
 * this test JVM and cluster, so tests never collide with a quick-start cluster or each other. Always {@link #close()}
 * it (the {@link ClusterExtension} does); a JVM shutdown hook kills whatever is left.
 */
public final class Cluster implements AutoCloseable {

    private static final AtomicInteger CLUSTERS = new AtomicInteger();
    private static final List<Cluster> OPEN = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (OPEN) {
                OPEN.forEach(c -> {
                    c.nodes().forEach(n -> n.process().kill());
                    Leftovers.end(c.workRoot, c.cgroupsRoot, c.created);
                });
            }
        }, "it-cluster-reaper"));
    }

    /** A node of the cluster: its name, address, directories and process. */
    public record Node(String name, String ip, int port, Path workDir, NodeProcess process) {
        public String url() {
            return "http://" + ip + ":" + port;
        }
    }

    private final String name;
    private final String subnet;
    private final Path workRoot;
    private final Path logRoot;
    private final List<Node> masters = new ArrayList<>();
    private final List<Node> agents = new ArrayList<>();
    private final Map<String, String> masterProperties;
    private final Map<String, String> agentProperties;
    private final boolean dcosDefaultPorts;
    private String token;

    /** The edge listens on the default HTTP port of each master's address. */
    static final String EDGE_PORT_SUFFIX = "";
    private final String cgroupsRoot;
    private final Instant created = Instant.now().minusSeconds(1);

    private Cluster(Builder builder) {
        this.name = builder.name;
        long a = 20 + ProcessHandle.current().pid() % 200;
        this.subnet = "127." + a + "." + CLUSTERS.incrementAndGet() + ".";
        Path output = Path.of(System.getProperty("dcos.it.output", "target"));
        this.workRoot = output.resolve("it-work").resolve(name);
        this.logRoot = Path.of(System.getProperty("dcos.it.logs", output.resolve("it-logs").toString())).resolve(name);
        this.masterProperties = builder.masterProperties;
        this.agentProperties = builder.agentProperties;
        this.dcosDefaultPorts = builder.dcosDefaultPorts;
        this.cgroupsRoot = "dcos-it-" + ProcessHandle.current().pid() + "-" + name;
        deleteRecursively(workRoot);
        deleteRecursively(logRoot);
        List<String> masterIps = new ArrayList<>();
        for (int i = 1; i <= builder.masters; i++) {
            masterIps.add(subnet + i);
        }
        for (int i = 0; i < builder.masters; i++) {
            masters.add(masterNode("master-" + (i + 1), masterIps.get(i), masterIps));
        }
        int agentIndex = 11;
        for (int i = 0; i < builder.privateAgents; i++) {
            agents.add(agentNode("agent-" + (i + 1), subnet + agentIndex++, false, masterIps));
        }
        for (int i = 0; i < builder.publicAgents; i++) {
            agents.add(agentNode("public-agent-" + (i + 1), subnet + agentIndex++, true, masterIps));
        }
        synchronized (OPEN) {
            OPEN.add(this);
        }
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The superuser every test cluster is created with (DC/OS' conventional test credentials). */
    public static final String SUPERUSER = "bootstrapuser";
    public static final String SUPERUSER_PASSWORD = "deleteme";

    /**
     * Starts every node and waits until the superuser can log in (its token is then sent to the masters by every
     * harness client, see {@link Http#authorize}), a master leads, and every agent is registered and active.
     */
    public Cluster start() {
        masters.forEach(m -> m.process().start());
        token = Await.until("the superuser to log in", Duration.ofSeconds(60), () -> login(SUPERUSER,
                SUPERUSER_PASSWORD), Optional::isPresent).get();
        masters.forEach(m -> Http.authorize(m.ip(), token));
        agents.forEach(a -> Http.authorize(a.ip(), token));
        awaitLeader(Duration.ofSeconds(60));
        agents.forEach(a -> a.process().start());
        awaitActiveAgents(agents.size(), Duration.ofSeconds(60));
        return this;
    }

    /** Logs in through the first master's edge; empty while that is not possible yet (or refused). */
    public Optional<String> login(String uid, String password) {
        try {
            HttpResponse<byte[]> response = Http.post("http://" + masters.get(0).ip() + EDGE_PORT_SUFFIX
                    + "/acs/api/v1/auth/login", "application/json",
                    ("{\"uid\":\"" + uid + "\",\"password\":\"" + password + "\"}").getBytes(
                            java.nio.charset.StandardCharsets.UTF_8));
            return response.statusCode() == 200 ? Optional.of(Http.json(response).path("token").asText())
                    : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The superuser's token. */
    public String token() {
        return token;
    }

    /** The leading master's edge: {@code http://<ip>}. */
    public String edgeUrl() {
        return "http://" + leader().ip() + EDGE_PORT_SUFFIX;
    }

    /** Marathon through the edge: {@code http://<ip>/service/marathon}. */
    public String marathonUrl() {
        return edgeUrl() + "/service/marathon";
    }

    /** Waits until one master leads and has recovered; returns it. */
    public Node awaitLeader(Duration timeout) {
        return Await.until("a leading master", timeout, this::findLeader, Optional::isPresent).get();
    }

    /** The leading master, if one answers as such right now. */
    public Optional<Node> findLeader() {
        for (Node master : masters) {
            if (!master.process().isAlive()) {
                continue;
            }
            try {
                HttpResponse<byte[]> state = Http.get(master.url() + "/master/state");
                if (state.statusCode() == 200 && Http.json(state).path("elected_time").isNumber()) {
                    return Optional.of(master);
                }
            } catch (RuntimeException e) {
                // not up yet
            }
        }
        return Optional.empty();
    }

    /** Waits until GET_AGENTS lists {@code count} active agents. */
    public JsonNode awaitActiveAgents(int count, Duration timeout) {
        return Await.until(count + " active agents", timeout, () -> operator().getAgents(),
                agents -> activeAgents(agents) == count);
    }

    public static long activeAgents(JsonNode getAgents) {
        long active = 0;
        for (JsonNode agent : getAgents.path("get_agents").path("agents")) {
            if (agent.path("active").asBoolean()) {
                active++;
            }
        }
        return active;
    }

    /** An operator API client on the leading master, through its edge. */
    public OperatorClient operator() {
        return new OperatorClient(masterUrl());
    }

    public Node leader() {
        return findLeader().orElseThrow(() -> new IllegalStateException("no leading master"));
    }

    /** The leading master's Mesos API through its edge: {@code http://<ip>/mesos}. */
    public String masterUrl() {
        return edgeUrl() + "/mesos";
    }

    public Node master(int index) {
        return masters.get(index);
    }

    public List<Node> masters() {
        return List.copyOf(masters);
    }

    public Node agent(String agentName) {
        return agents.stream().filter(a -> a.name().equals(agentName)).findFirst().orElseThrow();
    }

    public List<Node> agents() {
        return List.copyOf(agents);
    }

    public List<Node> nodes() {
        return Stream.concat(masters.stream(), agents.stream()).toList();
    }

    /** The last lines of every node's log, for a failure report. */
    public String logTails(int lines) {
        return nodes().stream()
                .map(n -> "----- " + n.name() + " (" + n.process().log() + ") -----\n" + n.process().tail(lines))
                .collect(Collectors.joining("\n"));
    }

    /** Stops every node, then ends the tasks the agents leave running and removes their cgroups. */
    @Override
    public void close() {
        agents.forEach(a -> a.process().stop(Duration.ofSeconds(10)));
        masters.forEach(m -> m.process().stop(Duration.ofSeconds(10)));
        Leftovers.end(workRoot, cgroupsRoot, created);
        masters.forEach(m -> Http.forget(m.ip()));
        agents.forEach(a -> Http.forget(a.ip()));
        synchronized (OPEN) {
            OPEN.remove(this);
        }
    }

    private Node masterNode(String nodeName, String ip, List<String> masterIps) {
        Path work = workRoot.resolve(nodeName);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("dcos.master.ip", ip);
        props.put("dcos.master.work-dir", work.toString());
        props.put("dcos.master.masters", String.join(",", masterIps));
        props.put("dcos.master.cluster", name);
        props.put("dcos.master.agent-ping-timeout", "500ms");
        props.put("dcos.master.max-agent-ping-timeouts", "4");
        props.put("dcos.master.agent-reregister-timeout", "30s");
        props.put("dcos.master.heartbeat-interval", "1s");
        props.put("dcos.master.zk.session-timeout", "6s");
        // the masters share the first master's embedded PostgreSQL; a throwaway cluster needs no fsync
        props.put("dcos.master.db.password", "it-" + name);
        props.put("dcos.master.iam.superuser-uid", SUPERUSER);
        props.put("dcos.master.iam.superuser-password", SUPERUSER_PASSWORD);
        props.put("dcos.master.db.fsync", "false");
        props.putAll(masterProperties);
        return new Node(nodeName, ip, 5050, work,
                NodeProcess.create(nodeName, command(Binaries.master(), props), logRoot.resolve(nodeName + ".log")));
    }

    static final String PRIVATE_TEST_PORTS = "[1025-2180,2182-3887,3889-5049,5052-8079,8082-8180,8182-15352,15354-18079,18081-32000]";
    static final String PUBLIC_TEST_PORTS = "[1-21,23-5050,5052-15352,15354-18079,18081-32000]";

    private Node agentNode(String nodeName, String ip, boolean isPublic, List<String> masterIps) {
        Path work = workRoot.resolve(nodeName);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("dcos.agent.ip", ip);
        props.put("dcos.agent.work-dir", work.toString());
        props.put("dcos.agent.masters",
                masterIps.stream().map(m -> m + ":5050").collect(Collectors.joining(",")));
        props.put("dcos.agent.registration-backoff-factor", "200ms");
        props.put("dcos.agent.registration-backoff-max", "1s");
        props.put("dcos.agent.resources.cpus", "2");
        props.put("dcos.agent.resources.mem", "2048");
        props.put("dcos.agent.resources.disk", "4096");
        props.put("dcos.agent.cgroups-root", cgroupsRoot);
        if (!dcosDefaultPorts) {
            // DC/OS' port ranges without the ports this test machine reserves for others (15353, 18080)
            props.put("dcos.agent.resources.ports", isPublic ? PUBLIC_TEST_PORTS : PRIVATE_TEST_PORTS);
        }
        props.putAll(agentProperties);
        return new Node(nodeName, ip, 5051, work,
                NodeProcess.create(nodeName, command(isPublic ? Binaries.publicAgent() : Binaries.agent(), props),
                        logRoot.resolve(nodeName + ".log")));
    }

    private static List<String> command(Path jar, Map<String, String> props) {
        List<String> command = new ArrayList<>();
        command.add(Binaries.java());
        command.addAll(Binaries.jvmOptions());
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the cluster consists of. */
    public static final class Builder {
        private final String name;
        private int masters = 1;
        private int privateAgents = 1;
        private int publicAgents = 1;
        private final Map<String, String> masterProperties = new LinkedHashMap<>();
        private final Map<String, String> agentProperties = new LinkedHashMap<>();
        private boolean dcosDefaultPorts;

        private Builder(String name) {
            this.name = name;
        }

        public Builder masters(int count) {
            this.masters = count;
            return this;
        }

        public Builder privateAgents(int count) {
            this.privateAgents = count;
            return this;
        }

        public Builder publicAgents(int count) {
            this.publicAgents = count;
            return this;
        }

        public Builder masterProperty(String key, String value) {
            masterProperties.put(key, value);
            return this;
        }

        public Builder agentProperty(String key, String value) {
            agentProperties.put(key, value);
            return this;
        }

        /**
         * Agents offer DC/OS' default port ranges as they are; by default the ports this machine keeps for others are
         * left out, so no task binds them.
         */
        public Builder dcosDefaultPorts() {
            dcosDefaultPorts = true;
            return this;
        }

        public Cluster build() {
            return new Cluster(this);
        }
    }
}
