package dev.dcosnative.master.mesos.registry;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.zookeeper.KeeperException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.mesos.agent.core.RegistryRecord;
import dev.dcosnative.master.mesos.leader.LeaderElection;
import dev.dcosnative.shared.proto.ProtobufModule;

/**
 * The Mesos registry of agents in ZooKeeper: one znode per agent under {@code <zk root>/registry/agents/<agent id>},
 * holding its AgentInfo and, when unreachable, since when. Every write is fenced by the leader latch (see
 * {@link LeaderElection#fencingPath()}): a deposed master cannot overwrite its successor's registry. Blocking: called
 * on the master actor only.
 */
@ApplicationScoped
public class AgentRegistryStore {

    private static final Logger LOG = Logger.getLogger(AgentRegistryStore.class);

    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new ProtobufModule())
            .build();

    private final LeaderElection election;
    private final String root;

    public AgentRegistryStore(LeaderElection election, MasterConfig config) {
        this.election = election;
        this.root = config.zk().root() + "/registry/agents";
    }

    /** Every agent in the registry. Records that cannot be read are logged and skipped, never fatal. */
    public List<RegistryRecord> load() {
        CuratorFramework zk = election.client();
        List<RegistryRecord> records = new ArrayList<>();
        try {
            if (zk.checkExists().forPath(root) == null) {
                return records;
            }
            for (String id : zk.getChildren().forPath(root)) {
                byte[] data;
                try {
                    data = zk.getData().forPath(root + "/" + id);
                } catch (KeeperException.NoNodeException e) {
                    continue;
                }
                try {
                    Stored stored = JSON.readValue(data, Stored.class);
                    records.add(new RegistryRecord(stored.agentInfo(),
                            stored.unreachableTimeNanos() == null ? null : toInstant(stored.unreachableTimeNanos())));
                } catch (IOException e) {
                    LOG.errorf("Skipping the unreadable registry entry %s: %s", id, e.getMessage());
                }
            }
        } catch (Exception e) {
            throw new RegistryException("cannot read the agent registry", e);
        }
        return records;
    }

    /** Creates or replaces an agent's entry. */
    public void put(RegistryRecord record) {
        write(List.of(record), List.of());
    }

    /** Removes an agent's entry (absent is fine). */
    public void remove(String agentId) {
        write(List.of(), List.of(agentId));
    }

    /**
     * Creates or replaces {@code puts} and removes {@code removes} in one ZooKeeper transaction, fenced by this
     * master's leader latch: all of it happens, or none.
     */
    public void write(List<RegistryRecord> puts, List<String> removes) {
        CuratorFramework zk = election.client();
        try {
            String fence = election.fencingPath();
            ensureRoot(zk);
            List<CuratorOp> ops = new ArrayList<>();
            ops.add(zk.transactionOp().check().forPath(fence));
            for (RegistryRecord record : puts) {
                String path = root + "/" + record.id();
                byte[] data = encode(record);
                ops.add(zk.checkExists().forPath(path) == null ? zk.transactionOp().create().forPath(path, data)
                        : zk.transactionOp().setData().forPath(path, data));
            }
            for (String agentId : removes) {
                String path = root + "/" + agentId;
                if (zk.checkExists().forPath(path) != null) {
                    ops.add(zk.transactionOp().delete().forPath(path));
                }
            }
            zk.transaction().forOperations(ops);
        } catch (LeaderElection.NotLeaderException e) {
            throw e;
        } catch (Exception e) {
            throw new RegistryException("cannot write the agent registry (" + puts.size() + " put, " + removes.size()
                    + " removed)", e);
        }
    }

    private void ensureRoot(CuratorFramework zk) throws Exception {
        if (zk.checkExists().forPath(root) == null) {
            try {
                zk.create().creatingParentsIfNeeded().forPath(root);
            } catch (KeeperException.NodeExistsException e) {
                // created meanwhile
            }
        }
    }

    private static byte[] encode(RegistryRecord record) {
        try {
            return JSON.writeValueAsBytes(new Stored(record.info(),
                    record.unreachableTime() == null ? null : toNanos(record.unreachableTime())));
        } catch (IOException e) {
            throw new RegistryException("cannot encode the registry entry of agent " + record.id(), e);
        }
    }

    private static long toNanos(Instant time) {
        return time.getEpochSecond() * 1_000_000_000L + time.getNano();
    }

    private static Instant toInstant(long nanos) {
        return Instant.ofEpochSecond(0, nanos);
    }

    /** The znode's JSON: <code>{"agent_info":{...},"unreachable_time_nanos":...}</code>. */
    record Stored(AgentInfo agentInfo, Long unreachableTimeNanos) {
    }

    /** The registry could not be read or written; the operation that needed it did not happen. */
    public static final class RegistryException extends RuntimeException {
        public RegistryException(String message, Throwable cause) {
            super(message + ": " + cause.getMessage(), cause);
        }
    }
}
