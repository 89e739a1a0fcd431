package dev.dcosnative.master;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Everything the master is configured with: {@code application.properties}, environment ({@code DCOS_MASTER_IP},
 * {@code DCOS_MASTER_WORK_DIR}, ...) or {@code -Ddcos.master.*} flags. Names follow the Mesos master flags where one
 * exists. The HTTP port is {@code quarkus.http.port} (5050 by default), bound on {@link #ip()}.
 */
@ConfigMapping(prefix = "dcos.master")
public interface MasterConfig {

    /** The IP this master advertises and binds; DC/OS' ip-detect result. */
    @WithDefault("127.0.0.1")
    String ip();

    /** The hostname advertised in MasterInfo; DC/OS advertises the IP. */
    Optional<String> hostname();

    /** The cluster name shown by /master/state and the UI. */
    @WithDefault("dcos-native")
    String cluster();

    /** Where the master keeps its ZooKeeper data and other durable state. */
    Path workDir();

    /**
     * The static master list (IPs), the same on every master. One entry: a standalone ZooKeeper. Three or five: a
     * quorum ensemble whose peer ids follow the list order.
     */
    Optional<List<String>> masters();

    ZooKeeper zk();

    /** How often the master pings each agent (Mesos {@code --agent_ping_timeout}). */
    @WithDefault("15s")
    Duration agentPingTimeout();

    /** Pings an agent may miss before it is marked unreachable (Mesos {@code --max_agent_ping_timeouts}). */
    @WithDefault("5")
    int maxAgentPingTimeouts();

    /**
     * How long agents known from the registry have to re-register with a newly elected master before they are marked
     * unreachable (Mesos {@code --agent_reregister_timeout}).
     */
    @WithDefault("10m")
    Duration agentReregisterTimeout();

    /**
     * How long an unreachable agent stays in the registry before it is removed for good and its tasks are gone
     * (Mesos {@code --registry_max_agent_age}).
     */
    @WithDefault("14d")
    Duration registryMaxAgentAge();

    /** How often the allocator offers resources (Mesos {@code --allocation_interval}). */
    @WithDefault("1s")
    Duration allocationInterval();

    /** Offers not answered within this time are rescinded (Mesos {@code --offer_timeout}); none by default. */
    Optional<Duration> offerTimeout();

    /**
     * The least an offer may hold (Mesos {@code --min_allocatable_resources}: {@code ;} ANDs quantities, {@code |}
     * separates alternatives).
     */
    @WithDefault("cpus:0.01;mem:32;ports:1")
    String minAllocatableResources();

    /** Completed frameworks kept for the state endpoints (Mesos {@code --max_completed_frameworks}). */
    @WithDefault("50")
    int maxCompletedFrameworks();

    /** Completed tasks kept per framework (Mesos {@code --max_completed_tasks_per_framework}). */
    @WithDefault("1000")
    int maxCompletedTasksPerFramework();

    /** Heartbeat interval of the operator and scheduler event streams. */
    @WithDefault("15s")
    Duration heartbeatInterval();

    /** Concurrent operator event stream subscribers (Mesos {@code --max_operator_event_stream_subscribers}). */
    @WithDefault("1000")
    int maxOperatorEventStreamSubscribers();

    /** Largest request body accepted by the Mesos APIs. */
    @WithDefault("4194304")
    int maxRequestBytes();

    interface ZooKeeper {

        /** An external ensemble ({@code host:port,...}); when set, no ZooKeeper server is embedded. */
        Optional<String> connect();

        /** Client port of the embedded peer; 0 picks a free one (standalone only). */
        @WithDefault("2181")
        int clientPort();

        /** Quorum port between peers. */
        @WithDefault("2888")
        int peerPort();

        /** Leader-election port between peers. */
        @WithDefault("3888")
        int electionPort();

        /** ZooKeeper's basic time unit. */
        @WithDefault("2s")
        Duration tickTime();

        /** Session timeout of the master's ZooKeeper client (Mesos {@code --zk_session_timeout}). */
        @WithDefault("10s")
        Duration sessionTimeout();

        /** The znode under which the Mesos kernel keeps its leader latch and registry. */
        @WithDefault("/mesos")
        String root();
    }
}
