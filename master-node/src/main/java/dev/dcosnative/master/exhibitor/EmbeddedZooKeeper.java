package dev.dcosnative.master.exhibitor;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.zookeeper.server.DatadirCleanupManager;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.apache.zookeeper.server.quorum.QuorumPeer;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig;
import org.apache.zookeeper.server.quorum.QuorumPeerMain;
import org.jboss.logging.Logger;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.exhibitor.core.Ensemble;

/**
 * The ZooKeeper peer every master embeds and supervises (the role Exhibitor plays in DC/OS): a standalone server for
 * one master, a quorum peer of the static master list otherwise. Its data lives under
 * {@code <work_dir>/zookeeper}, so a restarted master finds its registry again. When
 * {@code dcos.master.zk.connect} names an external ensemble, nothing is embedded.
 */
@ApplicationScoped
public class EmbeddedZooKeeper {

    private static final Logger LOG = Logger.getLogger(EmbeddedZooKeeper.class);

    /**
     * The largest request ZooKeeper (server and clients of this JVM) accepts: 16 MB instead of 1 MB, so one group
     * deployment of many apps is written in a single transaction. Each znode stays far below 1 MB (the stores check
     * it). ZooKeeper reads the property once, when its classes load; an explicit {@code -Djute.maxbuffer} wins.
     */
    static final int JUTE_MAX_BUFFER = 16 * 1024 * 1024;

    static {
        if (System.getProperty("jute.maxbuffer") == null) {
            System.setProperty("jute.maxbuffer", Integer.toString(JUTE_MAX_BUFFER));
        }
    }

    private final MasterConfig config;

    private ZooKeeperServer standalone;
    private ServerCnxnFactory standaloneFactory;
    private QuorumPeerHost quorum;
    private Thread quorumThread;
    private DatadirCleanupManager cleanup;
    private String connectString;
    private Ensemble ensemble;

    public EmbeddedZooKeeper(MasterConfig config) {
        this.config = config;
    }

    /** Starts the peer (if embedded) and returns the connect string clients should use. Idempotent. */
    public synchronized String start() {
        if (connectString != null) {
            return connectString;
        }
        if (config.zk().connect().isPresent()) {
            connectString = config.zk().connect().get();
            LOG.infof("Using the external ZooKeeper ensemble %s", connectString);
            return connectString;
        }
        // No Jetty admin server, no JMX log4j beans: the master exposes what it needs itself.
        System.setProperty("zookeeper.admin.enableServer", "false");
        System.setProperty("zookeeper.jmx.log4j.disable", "true");
        ensemble = Ensemble.of(config.masters().orElse(List.of(config.ip())), config.ip(),
                config.zk().clientPort(), config.zk().peerPort(), config.zk().electionPort());
        Path dataDir = config.workDir().resolve("zookeeper");
        try {
            Files.createDirectories(dataDir);
            connectString = ensemble.standalone() ? startStandalone(dataDir) : startQuorumPeer(dataDir);
            // keep the last 3 snapshots and their logs, purged hourly, as Exhibitor's default cleanup does
            cleanup = new DatadirCleanupManager(dataDir.toFile(), dataDir.toFile(), 3, 1);
            cleanup.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded ZooKeeper in " + dataDir, e);
        }
        return connectString;
    }

    private String startStandalone(Path dataDir) throws IOException {
        File dir = dataDir.toFile();
        standalone = new ZooKeeperServer(dir, dir, (int) config.zk().tickTime().toMillis());
        standaloneFactory = ServerCnxnFactory.createFactory(new InetSocketAddress(config.ip(), ensemble.clientPort()),
                1000);
        try {
            standaloneFactory.startup(standalone);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting ZooKeeper", e);
        }
        String connect = config.ip() + ":" + standaloneFactory.getLocalPort();
        LOG.infof("Embedded ZooKeeper serving standalone at %s (data in %s)", connect, dataDir);
        return connect;
    }

    private String startQuorumPeer(Path dataDir) throws IOException {
        if (ensemble.clientPort() == 0) {
            throw new IllegalArgumentException("a quorum peer needs a fixed client port (dcos.master.zk.client-port)");
        }
        Files.writeString(dataDir.resolve("myid"), Integer.toString(ensemble.myId()), StandardCharsets.US_ASCII);
        QuorumPeerConfig peerConfig = new QuorumPeerConfig();
        try {
            peerConfig.parseProperties(ensemble.quorumConfig(dataDir.toString(), config.zk().tickTime().toMillis()));
        } catch (QuorumPeerConfig.ConfigException e) {
            throw new IllegalArgumentException("invalid ZooKeeper ensemble configuration: " + e.getMessage(), e);
        }
        quorum = new QuorumPeerHost();
        quorumThread = new Thread(() -> quorum.run(peerConfig), "zookeeper-peer-" + ensemble.myId());
        quorumThread.setDaemon(true);
        quorumThread.start();
        LOG.infof("Embedded ZooKeeper peer %d of %s starting (quorum %d, data in %s)", ensemble.myId(),
                ensemble.hosts(), ensemble.quorum(), dataDir);
        return ensemble.connectString();
    }

    /** The peer's state as Exhibitor reports it: standalone, leading, following, looking, or external. */
    public String state() {
        if (standalone != null) {
            return standalone.isRunning() ? "standalone" : "down";
        }
        if (quorum != null) {
            QuorumPeer peer = quorum.peer();
            return peer == null ? "starting" : peer.getServerState();
        }
        return connectString != null ? "external" : "down";
    }

    /** The host of the ensemble's current leader, as this peer sees it (this host when standalone). */
    public java.util.Optional<String> leaderHost() {
        if (standalone != null) {
            return standalone.isRunning() ? java.util.Optional.of(config.ip()) : java.util.Optional.empty();
        }
        if (quorum != null && quorum.peer() != null && ensemble != null) {
            QuorumPeer peer = quorum.peer();
            String state = peer.getServerState();
            if (!"leading".equals(state) && !"following".equals(state)) {
                return java.util.Optional.empty();
            }
            long sid = peer.getCurrentVote().getId();
            int index = (int) sid - 1;
            return index >= 0 && index < ensemble.hosts().size() ? java.util.Optional.of(ensemble.hosts().get(index))
                    : java.util.Optional.empty();
        }
        return java.util.Optional.empty();
    }

    /** The ensemble this master belongs to, when ZooKeeper is embedded. */
    public Ensemble ensemble() {
        return ensemble;
    }

    public synchronized void stop() {
        if (cleanup != null) {
            cleanup.shutdown();
            cleanup = null;
        }
        if (standaloneFactory != null) {
            standaloneFactory.shutdown();
            standaloneFactory = null;
        }
        if (standalone != null) {
            standalone.shutdown();
            standalone = null;
        }
        if (quorum != null) {
            quorum.close();
            quorum = null;
        }
        connectString = null;
    }

    /** QuorumPeerMain with access to its peer, run on a thread of our own. */
    private static final class QuorumPeerHost extends QuorumPeerMain {
        void run(QuorumPeerConfig peerConfig) {
            try {
                runFromConfig(peerConfig);
            } catch (Exception e) {
                LOG.error("The embedded ZooKeeper peer stopped", e);
            }
        }

        QuorumPeer peer() {
            return quorumPeer;
        }
    }
}
