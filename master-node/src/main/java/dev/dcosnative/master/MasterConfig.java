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

    /** Marathon, the framework for long-running apps that runs inside the leading master. */
    Marathon marathon();

    /** The SQL database of IAM (and later secrets, job history, audit): PostgreSQL or CockroachDB. */
    Db db();

    /** Identity and access management (Bouncer). */
    Iam iam();

    /** The edge (Admin Router): the one door in front of every master component. */
    Edge edge();

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

    /** Marathon's settings, under Marathon's flag names where one exists. */
    interface Marathon {

        /** Whether this master runs Marathon at all. */
        @WithDefault("true")
        boolean enabled();

        /** The framework name Marathon registers with. */
        @WithDefault("marathon")
        String frameworkName();

        /** The role Marathon subscribes with and apps run as by default ({@code --mesos_role}). */
        @WithDefault("slave_public")
        String role();

        /** The resource roles apps accept unless they say ({@code --default_accepted_resource_roles}). */
        @WithDefault("*")
        List<String> defaultAcceptedResourceRoles();

        /** The user tasks run as unless an app names one ({@code --mesos_user}). */
        @WithDefault("root")
        String user();

        /** How long the kernel keeps Marathon's tasks after it disconnects ({@code --failover_timeout}). */
        @WithDefault("7d")
        Duration failoverTimeout();

        /** How long an offer Marathon has no use for stays declined ({@code --decline_offer_duration}). */
        @WithDefault("120s")
        Duration declineOfferDuration();

        /** The most instances launched from one offer ({@code --max_instances_per_offer}; DC/OS sets 100). */
        @WithDefault("100")
        int maxInstancesPerOffer();

        /** The least time between two REVIVE calls ({@code --min_revive_offers_interval}). */
        @WithDefault("5s")
        Duration minReviveOffersInterval();

        /** A task not running this long after its launch is killed and replaced ({@code --task_launch_timeout}). */
        @WithDefault("5m")
        Duration taskLaunchTimeout();

        /** How often Marathon asks the kernel for the state of all its tasks ({@code --reconciliation_interval}). */
        @WithDefault("10m")
        Duration reconciliationInterval();

        /** How often an instance being killed is killed again until it is gone. */
        @WithDefault("10s")
        Duration killRetryInterval();

        /** The range service ports are assigned from ({@code --local_port_min}, {@code --local_port_max}). */
        @WithDefault("10000")
        int localPortMin();

        @WithDefault("20000")
        int localPortMax();

        /** Versions kept per app and group ({@code --zk_max_versions}). */
        @WithDefault("50")
        int maxVersions();

        /** Deployments that may run at once ({@code --max_running_deployments}). */
        @WithDefault("100")
        int maxRunningDeployments();

        /** A prefix for the environment variables Marathon sets in tasks ({@code --env_vars_prefix}). */
        Optional<String> envVarsPrefix();

        /** The znode under which Marathon keeps its state. */
        @WithDefault("/marathon")
        String zkRoot();

        /** The largest app or group document accepted ({@code --zk_max_node_size} keeps the store healthy). */
        @WithDefault("1024000")
        int maxNodeBytes();
    }

    /**
     * The SQL database. By default the first master of the master list starts and supervises a PostgreSQL of its own
     * (Debian's binaries, run as the {@code postgres} user) with its data under {@code <work-dir>/db}, and every master
     * uses it; {@code url} points at an external PostgreSQL or CockroachDB instead.
     */
    interface Db {

        /** An external database, {@code postgresql://host:port/database}; nothing is embedded then. */
        Optional<String> url();

        /** The embedded PostgreSQL's host; the first master of the list (this master when alone). */
        Optional<String> host();

        /** The embedded PostgreSQL's port, on its master's IP. */
        @WithDefault("15432")
        int port();

        /** The database role. */
        @WithDefault("dcos")
        String username();

        /**
         * The role's password. Alone, a master generates one at first start and keeps it in
         * {@code <work-dir>/db/password} (mode 0600); masters sharing a database must be given the same one.
         */
        Optional<String> password();

        /** The PostgreSQL server binaries; by default the newest {@code /usr/lib/postgresql/<version>/bin}. */
        Optional<String> binaries();

        /**
         * Whether the embedded server forces writes to disk. Only for throwaway test clusters: without it a machine crash
         * can lose committed data.
         */
        @WithDefault("true")
        boolean fsync();
    }

    /** IAM: users, groups, service accounts, ACLs, tokens. */
    interface Iam {

        /** The superuser created at first start (with {@code superuser-password} or {@code superuser-password-hash}). */
        Optional<String> superuserUid();

        /** The superuser's password; it is hashed at once and never logged. */
        Optional<String> superuserPassword();

        /** Or the superuser's password hash (bcrypt {@code $2a$/$2b$/$2y$} or SHA-512-crypt {@code $6$}). */
        Optional<String> superuserPasswordHash();

        /** How long a token is valid (DC/OS' {@code bouncer_expiration_auth_token_days}: 5 days). */
        @WithDefault("5d")
        Duration tokenLifetime();

        /** How long a signing key signs new tokens before a new one takes over (old ones still verify). */
        @WithDefault("30d")
        Duration signingKeyRotation();

        /**
         * How often a master reloads the signing keys from the database (masters share it: keys another master created
         * become known here within this time; an unknown {@code kid} triggers a reload sooner).
         */
        @WithDefault("30s")
        Duration signingKeyRefresh();

        /**
         * How long a new signing key is published (in the JWKS, on every master) before it signs: the previous key keeps
         * signing meanwhile, so no master meets a token whose key it has not loaded yet. At least twice
         * {@link #signingKeyRefresh()}.
         */
        @WithDefault("60s")
        Duration signingKeyPublishDelay();

        /** The bcrypt cost of new password hashes (2^cost rounds; 10 takes about 0.1 s per login). */
        @WithDefault("10")
        int bcryptCost();

        /** The shortest password accepted for local users. */
        @WithDefault("8")
        int passwordMinLength();

        /** Failed logins of one uid within {@link #loginFailureWindow()} that lock it. */
        @WithDefault("5")
        int loginMaxFailuresPerUid();

        /** Failed logins from one client IP within {@link #loginFailureWindow()} that throttle it. */
        @WithDefault("20")
        int loginMaxFailuresPerIp();

        /** The sliding window failed logins are counted in. */
        @WithDefault("1m")
        Duration loginFailureWindow();

        /** How long a uid is locked the first time; each further lock in a row doubles it. */
        @WithDefault("1m")
        Duration loginLockout();

        /** The longest lock of a uid. */
        @WithDefault("15m")
        Duration loginMaxLockout();

        /**
         * The peers whose {@code X-Forwarded-For} names the client (the edges, which run on the masters): by default
         * loopback and the masters' IPs. Everybody else is the client itself.
         */
        Optional<List<String>> trustedProxies();

        /** How long the authorizer trusts what it read about a user's permissions (changes on this master: at once). */
        @WithDefault("5s")
        Duration authorizerCacheTtl();
    }

    /** The edge's ports, TLS and proxy settings. */
    interface Edge {

        /** Whether this master runs the edge. */
        @WithDefault("true")
        boolean enabled();

        /** The plain HTTP port (DC/OS: 80), on the master's IP; 0 turns it off. */
        @WithDefault("80")
        int httpPort();

        /** The HTTPS port (DC/OS: 443), on the master's IP; 0 turns it off. */
        @WithDefault("443")
        int httpsPort();

        /** A PEM certificate (chain) for HTTPS; by default a self-signed one made at first start. */
        Optional<Path> tlsCertificate();

        /** The PEM private key of {@code tls-certificate}. */
        Optional<Path> tlsKey();

        /** How long the edge waits for a backend to connect. */
        @WithDefault("10s")
        Duration connectTimeout();

        /** Idle time after which a proxied connection is closed (streams send heartbeats well within it). */
        @WithDefault("10m")
        Duration idleTimeout();

        /** Event-loop instances of the edge servers; 0 = one per core. */
        @WithDefault("0")
        int instances();
    }
}
