package dev.dcosnative.it.bench;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.dcosnative.it.harness.Binaries;
import dev.dcosnative.it.harness.Http;
import dev.dcosnative.it.harness.NodeProcess;
import dev.dcosnative.it.harness.OperatorClient;

/**
 * Start-to-ready time and resident memory of a master and an agent, JVM mode, with the JVM options of
 * {@code bin/dcos-up}. Prints the figures; asserts no timing. Run: {@code ./mvnw verify -Pbench -pl it -am}.
 * <ul>
 * <li>master ready: process spawned → {@code /master/state} answers 200 as the elected, recovered leader (its
 * embedded ZooKeeper started, leadership won, registry read);</li>
 * <li>agent ready: process spawned → the master lists it as an active agent (registered);</li>
 * <li>RSS: VmRSS once ready, and again after 5 s idle.</li>
 * </ul>
 */
@Tag("bench")
class StartupBench {

    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    /** The JVM options bin/dcos-up gives the nodes by default. */
    private static final List<String> JVM = List.of("-XX:+UseSerialGC", "-Xmx512m",
            "-Dcom.google.protobuf.use_unsafe_pre22_gencode=true");

    private static NodeProcess node(String name, Path jar, Path output, Map<String, String> props) {
        List<String> command = new ArrayList<>();
        command.add(Binaries.java());
        command.addAll(JVM);
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        return NodeProcess.create(name, command, output.resolve(name + ".log"));
    }

    private static long millisUntil(long startNanos, BooleanSupplier ready) throws InterruptedException {
        while (!ready.getAsBoolean()) {
            if (System.nanoTime() - startNanos > Duration.ofSeconds(60).toNanos()) {
                throw new AssertionError("not ready within 60 s");
            }
            Thread.sleep(10);
        }
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static boolean ok(BooleanSupplier probe) {
        try {
            return probe.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Test
    void startToReadyAndMemory() throws Exception {
        String subnet = "127." + (20 + ProcessHandle.current().pid() % 200) + ".240.";
        Path output = Path.of(System.getProperty("dcos.it.output", "target"), "bench-startup");
        List<Long> masterReady = new ArrayList<>();
        List<Long> agentReady = new ArrayList<>();
        List<Long> masterRss = new ArrayList<>();
        List<Long> agentRss = new ArrayList<>();
        List<Long> masterRssIdle = new ArrayList<>();
        List<Long> agentRssIdle = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            Path work = output.resolve("round-" + round);
            String masterIp = subnet + "1";
            String agentIp = subnet + "2";
            NodeProcess master = node("master-" + round, Binaries.master(), output, Map.of("dcos.master.ip",
                    masterIp, "dcos.master.work-dir", work.resolve("master").toString()));
            NodeProcess agent = node("agent-" + round, Binaries.agent(), output, Map.of("dcos.agent.ip", agentIp,
                    "dcos.agent.masters", masterIp + ":5050", "dcos.agent.work-dir",
                    work.resolve("agent").toString()));
            try {
                long start = System.nanoTime();
                master.start();
                masterReady.add(millisUntil(start, () -> ok(() -> {
                    HttpResponse<byte[]> state = Http.get("http://" + masterIp + ":5050/master/state");
                    return state.statusCode() == 200 && Http.json(state).path("elected_time").isNumber();
                })));
                masterRss.add(master.rssKb());

                OperatorClient operator = new OperatorClient("http://" + masterIp + ":5050");
                start = System.nanoTime();
                agent.start();
                agentReady.add(millisUntil(start, () -> ok(() -> operator.getAgents().toString().contains(
                        "\"active\":true"))));
                agentRss.add(agent.rssKb());
                Thread.sleep(5000);
                masterRssIdle.add(master.rssKb());
                agentRssIdle.add(agent.rssKb());
            } finally {
                agent.stop(Duration.ofSeconds(10));
                master.stop(Duration.ofSeconds(10));
            }
        }
        System.out.printf(Locale.ROOT, "%nStart-up, JVM mode (%s), %d rounds, %s %s%n", String.join(" ", JVM),
                ROUNDS, System.getProperty("java.vm.name"), System.getProperty("java.version"));
        print("master start-to-ready (ms)", masterReady);
        print("agent start-to-registered (ms)", agentReady);
        print("master RSS when ready (MB)", mb(masterRss));
        print("master RSS after 5 s (MB)", mb(masterRssIdle));
        print("agent RSS when registered (MB)", mb(agentRss));
        print("agent RSS after 5 s (MB)", mb(agentRssIdle));
    }

    private static List<Long> mb(List<Long> kb) {
        return kb.stream().map(k -> k / 1024).toList();
    }

    private static void print(String what, List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "  %-34s min %6d  median %6d  max %6d   %s%n", what, sorted.get(0),
                sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), values);
    }
}
