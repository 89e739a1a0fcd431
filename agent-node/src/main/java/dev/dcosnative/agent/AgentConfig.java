package dev.dcosnative.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Everything an agent is configured with: {@code application.properties}, environment ({@code DCOS_AGENT_IP},
 * {@code DCOS_AGENT_MASTERS}, ...) or {@code -Ddcos.agent.*} flags. The HTTP port is {@code quarkus.http.port} (5051
 * by default), bound on {@link #ip()}. Resources not given are detected from the machine.
 */
@ConfigMapping(prefix = "dcos.agent")
public interface AgentConfig {

    /** The IP this agent advertises (and binds); it is also its hostname, as DC/OS' ip-detect makes it. */
    @WithDefault("127.0.0.1")
    String ip();

    /** The hostname advertised in AgentInfo; defaults to the IP so several agents on one machine stay distinct. */
    Optional<String> hostname();

    /** The masters to register with, {@code host:port} or {@code http://host:port}; a standby redirects to the leader. */
    @WithDefault("127.0.0.1:5050")
    List<String> masters();

    /** Where the agent checkpoints its id (and, later, its tasks). */
    Path workDir();

    /** The role the agent's resources are reserved for: {@code *} (private) or {@code slave_public} (public). */
    @WithDefault("*")
    String role();

    /** Attributes in the Mesos notation, {@code rack:r1;zone:a}. */
    Optional<String> attributes();

    AgentResources resources();

    /** Task isolation: {@code auto} (cgroups when root and available, else plain processes), {@code cgroups}, {@code none}. */
    @WithDefault("auto")
    String isolation();

    /** The cgroup under each controller that holds the tasks' cgroups (Mesos {@code --cgroups_root}). */
    @WithDefault("dcos")
    String cgroupsRoot();

    /** Most processes a task may run (cgroups pids.max). */
    @WithDefault("4096")
    long taskMaxPids();

    /** Enforce cpus as a hard CFS quota, not only as shares (Mesos {@code --cgroups_enable_cfs}, on in DC/OS). */
    @WithDefault("true")
    boolean cgroupsEnableCfs();

    /** First resend interval of an unacknowledged status update; it doubles up to the maximum. */
    @WithDefault("10s")
    Duration statusUpdateRetryInterval();

    @WithDefault("10m")
    Duration statusUpdateRetryMax();

    /** Grace period between SIGTERM and SIGKILL when a kill names none (Mesos' default kill policy). */
    @WithDefault("3s")
    Duration killGracePeriod();

    /** Upper bound of the first registration delay; the delay doubles with every failed attempt. */
    @WithDefault("1s")
    Duration registrationBackoffFactor();

    /** The longest delay between registration attempts. */
    @WithDefault("1m")
    Duration registrationBackoffMax();

    /** The fetcher of the tasks' {@code CommandInfo.uris}. */
    AgentFetcher fetcher();

    /** Limits of the fetcher, per URI. */
    interface AgentFetcher {
        /** The largest download (or zip content) one URI may bring, in bytes (1 GiB). */
        @WithDefault("1073741824")
        long maxBytes();

        /** How long fetching one URI may take, download and extraction included. */
        @WithDefault("5m")
        Duration timeout();
    }

    /** Who may call the agent's APIs. */
    Auth auth();

    /**
     * Token checks on the agent's HTTP APIs (defence in depth behind the edge): a request needs a DC/OS token that
     * verifies against the masters' JWKS ({@code /acs/api/v1/auth/jwks}); only {@code /health} is open.
     */
    interface Auth {

        /** Off only for agents with no IAM behind them (tests of the agent alone). */
        @WithDefault("true")
        boolean enabled();

        /** How often the masters' signing keys are fetched again (also whenever a token names an unknown key). */
        @WithDefault("5m")
        Duration jwksRefresh();
    }

    /** Overrides of the detected resources. */
    interface AgentResources {
        OptionalDouble cpus();

        /** Memory in MB. */
        OptionalDouble mem();

        /** Disk in MB. */
        OptionalDouble disk();

        OptionalDouble gpus();

        /** Port ranges, {@code [31000-32000]}; the default depends on the role (DC/OS' private or public ranges). */
        Optional<String> ports();

        /** Further resources in the Mesos {@code --resources} notation. */
        Optional<String> extra();
    }
}
