package dev.dcosnative.master.mesos.leader;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.recipes.leader.Participant;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.jboss.logging.Logger;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.shared.proto.ProtoJson;

/**
 * Leader election among the masters with Curator's {@link LeaderLatch} under {@code <zk root>/leader}. Each
 * participant's latch node carries its MasterInfo (JSON), so every master knows who leads and can redirect to it. A
 * master that loses its ZooKeeper session loses leadership at once (Curator's standard error policy), and keeps
 * contending.
 */
@ApplicationScoped
public class LeaderElection {

    /** What the kernel does when this master gains or loses the lead. Called on a Curator thread. */
    public interface Listener {
        void elected();

        void deposed();
    }

    private static final Logger LOG = Logger.getLogger(LeaderElection.class);

    private final MasterConfig config;
    private final ExecutorService leaderLookup = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "leader-lookup");
        t.setDaemon(true);
        return t;
    });

    private CuratorFramework client;
    private MasterInfo self;
    private Listener listener;
    private volatile LeaderLatch latch;
    private CuratorCache participants;
    private volatile MasterInfo leader;

    public LeaderElection(MasterConfig config) {
        this.config = config;
    }

    /** Connects to ZooKeeper and starts contending. Returns at once; the listener hears the outcome. */
    public synchronized void start(String connectString, MasterInfo self, Listener listener) {
        client = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .sessionTimeoutMs((int) config.zk().sessionTimeout().toMillis())
                .connectionTimeoutMs((int) Math.min(config.zk().sessionTimeout().toMillis(), 15_000))
                .retryPolicy(new ExponentialBackoffRetry(200, 29, 5_000))
                .build();
        client.start();
        this.self = self;
        this.listener = listener;
        String path = config.zk().root() + "/leader";
        participants = CuratorCache.build(client, path);
        participants.listenable().addListener((type, oldData, data) -> refreshLeader());
        participants.start();
        contend();
    }

    private void contend() {
        String path = config.zk().root() + "/leader";
        LeaderLatch current = new LeaderLatch(client, path,
                new String(ProtoJson.toJson(self), StandardCharsets.UTF_8));
        current.addListener(new LeaderLatchListener() {
            @Override
            public void isLeader() {
                LOG.infof("Elected as the leading master (%s)", self.getPid());
                leader = self;
                listener.elected();
            }

            @Override
            public void notLeader() {
                LOG.warnf("Lost leadership (%s)", self.getPid());
                listener.deposed();
                refreshLeader();
            }
        });
        latch = current;
        try {
            current.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the leader latch", e);
        }
    }

    /**
     * Gives up the lead (Marathon's {@code DELETE /v2/leader}): this master leaves the election, which makes another
     * master leader when there is one, and joins it again at the back of the line.
     *
     * @return false when this master did not lead
     */
    public synchronized boolean abdicate() {
        LeaderLatch current = latch;
        if (current == null || !current.hasLeadership()) {
            return false;
        }
        try {
            current.close(LeaderLatch.CloseMode.NOTIFY_LEADER);
        } catch (Exception e) {
            LOG.warnf("Closing the leader latch: %s", e.getMessage());
        }
        contend();
        return true;
    }

    /** True while this master holds the lead. Cheap: no ZooKeeper round trip. */
    public boolean isLeader() {
        LeaderLatch current = latch;
        return current != null && current.hasLeadership();
    }

    /** The leading master as last seen in ZooKeeper, if any. Cheap: cached, refreshed on every latch change. */
    public Optional<MasterInfo> leader() {
        return Optional.ofNullable(leader);
    }

    /** The Curator client of this master, shared by the stores. */
    public CuratorFramework client() {
        return client;
    }

    /**
     * The znode of this master's latch. A write made "as the leader" checks it in the same transaction: if the session
     * that held the lead has expired, the node is gone and the write fails instead of racing a newer leader.
     */
    public String fencingPath() {
        String path = latch == null ? null : latch.getOurPath();
        if (path == null || !latch.hasLeadership()) {
            throw new NotLeaderException();
        }
        return path;
    }

    private void refreshLeader() {
        if (leaderLookup.isShutdown()) {
            return;
        }
        leaderLookup.execute(() -> {
            try {
                Participant participant = latch.getLeader();
                if (participant == null || !participant.isLeader() || participant.getId().isEmpty()) {
                    leader = null;
                    return;
                }
                leader = ProtoJson.merge(participant.getId(), MasterInfo.newBuilder()).build();
            } catch (InvalidProtocolBufferException e) {
                LOG.warnf("The leader latch holds an unreadable MasterInfo: %s", e.getMessage());
            } catch (Exception e) {
                LOG.debugf("Leader lookup failed: %s", e.getMessage());
            }
        });
    }

    public synchronized void stop() {
        try {
            if (participants != null) {
                participants.close();
            }
            if (latch != null) {
                latch.close(LeaderLatch.CloseMode.NOTIFY_LEADER);
            }
        } catch (Exception e) {
            LOG.debugf("Closing the leader latch: %s", e.getMessage());
        }
        if (client != null) {
            client.close();
        }
        leaderLookup.shutdown();
        try {
            leaderLookup.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        latch = null;
        leader = null;
    }

    /** Thrown by a write that must only be made by the leader when this master does not lead (anymore). */
    public static final class NotLeaderException extends RuntimeException {
        public NotLeaderException() {
            super("this master is not the leader");
        }
    }
}
