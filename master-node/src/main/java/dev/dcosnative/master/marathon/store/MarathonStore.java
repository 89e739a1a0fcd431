package dev.dcosnative.master.marathon.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.jboss.logging.Logger;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.marathon.instance.core.Instance;
import dev.dcosnative.master.marathon.instance.core.InstanceId;
import dev.dcosnative.master.mesos.leader.LeaderElection;
import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.MarathonJson;
import dev.dcosnative.shared.marathon.PathId;

/**
 * Marathon's state in ZooKeeper, one znode per object, never one blob for the tree:
 *
 * <pre>
 * &lt;root&gt;/framework-id
 * &lt;root&gt;/apps/&lt;app id, / → _&gt;              data: the current version
 * &lt;root&gt;/apps/&lt;app id&gt;/&lt;version&gt;        data: the app definition of that version (JSON)
 * &lt;root&gt;/groups/&lt;group id or @root&gt;      data: the current version
 * &lt;root&gt;/groups/&lt;group id&gt;/&lt;version&gt;    data: {@link StoredGroup}
 * &lt;root&gt;/instances/&lt;instance id&gt;          data: {@link StoredInstance}
 * &lt;root&gt;/deployments/&lt;deployment id&gt;      data: {@link StoredDeployment}
 * </pre>
 *
 * A change is a {@link Batch} written in one ZooKeeper transaction fenced by the leader latch: all of it or nothing,
 * and never by a master that lost the lead. Blocking: called on Marathon's actor, or for reads of old versions on a
 * worker thread.
 */
@ApplicationScoped
public class MarathonStore {

    private static final Logger LOG = Logger.getLogger(MarathonStore.class);
    private static final String ROOT_GROUP = "@root";

    private final LeaderElection election;
    private final String root;
    private final int maxVersions;
    private final int maxNodeBytes;

    public MarathonStore(LeaderElection election, MasterConfig config) {
        this.election = election;
        this.root = config.marathon().zkRoot();
        this.maxVersions = config.marathon().maxVersions();
        this.maxNodeBytes = config.marathon().maxNodeBytes();
    }

    /** Everything Marathon needs to resume: the current apps, groups, instances, deployments and framework id. */
    public record Snapshot(Optional<String> frameworkId, Map<PathId, App> apps, Map<PathId, StoredGroup> groups,
            Map<InstanceId, Instance> instances, List<StoredDeployment> deployments) {
    }

    public Snapshot load() {
        CuratorFramework zk = election.client();
        try {
            Optional<String> frameworkId = read(zk, root + "/framework-id").map(b -> new String(b,
                    StandardCharsets.UTF_8));
            Map<PathId, App> apps = new LinkedHashMap<>();
            for (String name : children(zk, root + "/apps")) {
                current(zk, root + "/apps/" + name).ifPresent(data -> {
                    App app = decode(data, App.class, name);
                    if (app != null) {
                        apps.put(PathId.of(app.id()), app);
                    }
                });
            }
            Map<PathId, StoredGroup> groups = new LinkedHashMap<>();
            for (String name : children(zk, root + "/groups")) {
                current(zk, root + "/groups/" + name).ifPresent(data -> {
                    StoredGroup group = decode(data, StoredGroup.class, name);
                    if (group != null) {
                        groups.put(PathId.of(group.id()), group);
                    }
                });
            }
            Map<InstanceId, Instance> instances = new LinkedHashMap<>();
            for (String name : children(zk, root + "/instances")) {
                read(zk, root + "/instances/" + name).ifPresent(data -> {
                    StoredInstance stored = decode(data, StoredInstance.class, name);
                    if (stored != null) {
                        Instance instance = stored.toInstance();
                        instances.put(instance.id(), instance);
                    }
                });
            }
            List<StoredDeployment> deployments = new ArrayList<>();
            for (String name : children(zk, root + "/deployments")) {
                read(zk, root + "/deployments/" + name).ifPresent(data -> {
                    StoredDeployment deployment = decode(data, StoredDeployment.class, name);
                    if (deployment != null) {
                        deployments.add(deployment);
                    }
                });
            }
            deployments.sort(Comparator.comparing(StoredDeployment::startedAt));
            return new Snapshot(frameworkId, apps, groups, instances, deployments);
        } catch (StoreException e) {
            throw e;
        } catch (Exception e) {
            throw new StoreException("cannot read Marathon's state", e);
        }
    }

    /** The versions stored for an app, oldest first; empty when the app does not exist. */
    public List<String> appVersions(PathId id) {
        return versions(root + "/apps/" + id.safePath());
    }

    /** The app as of {@code version}. */
    public Optional<App> appVersion(PathId id, String version) {
        try {
            return read(election.client(), root + "/apps/" + id.safePath() + "/" + version)
                    .map(data -> decode(data, App.class, id + "@" + version));
        } catch (Exception e) {
            throw new StoreException("cannot read version " + version + " of " + id, e);
        }
    }

    /** The versions stored for a group, oldest first. */
    public List<String> groupVersions(PathId id) {
        return versions(root + "/groups/" + groupName(id));
    }

    public Optional<StoredGroup> groupVersion(PathId id, String version) {
        try {
            return read(election.client(), root + "/groups/" + groupName(id) + "/" + version)
                    .map(data -> decode(data, StoredGroup.class, id + "@" + version));
        } catch (Exception e) {
            throw new StoreException("cannot read version " + version + " of group " + id, e);
        }
    }

    private List<String> versions(String path) {
        try {
            List<String> versions = new ArrayList<>(children(election.client(), path));
            versions.sort(Comparator.naturalOrder());
            return versions;
        } catch (Exception e) {
            throw new StoreException("cannot list the versions under " + path, e);
        }
    }

    /** A new, empty batch of changes. */
    public Batch batch() {
        return new Batch();
    }

    /** Writes a batch in one fenced transaction. Nothing is written when it fails. */
    public void write(Batch batch) {
        if (batch.ops.isEmpty()) {
            return;
        }
        CuratorFramework zk = election.client();
        try {
            String fence = election.fencingPath();
            List<CuratorOp> ops = new ArrayList<>();
            ops.add(zk.transactionOp().check().forPath(fence));
            Set<String> created = new HashSet<>();
            for (Op op : batch.ops) {
                op.append(zk, ops, created);
            }
            zk.transaction().forOperations(ops);
        } catch (LeaderElection.NotLeaderException e) {
            throw e;
        } catch (Exception e) {
            throw new StoreException("cannot write Marathon's state (" + batch.ops.size() + " changes)", e);
        }
    }

    private interface Op {
        void append(CuratorFramework zk, List<CuratorOp> ops, Set<String> created) throws Exception;
    }

    /** Changes to write together. Apps and groups keep their last {@code zk_max_versions} versions. */
    public final class Batch {

        private final List<Op> ops = new ArrayList<>();

        public Batch frameworkId(String id) {
            ops.add((zk, list, created) -> put(zk, list, created, root + "/framework-id",
                    id.getBytes(StandardCharsets.UTF_8)));
            return this;
        }

        /** Stores {@code app} (it carries its version) as a new version and makes it the current one. */
        public Batch app(App app) {
            byte[] data = encode(app, "app " + app.id());
            String node = root + "/apps/" + PathId.of(app.id()).safePath();
            ops.add((zk, list, created) -> versioned(zk, list, created, node, app.version(), data));
            return this;
        }

        /** Removes an app and all its versions. */
        public Batch removeApp(PathId id) {
            String node = root + "/apps/" + id.safePath();
            ops.add((zk, list, created) -> removeTree(zk, list, node));
            return this;
        }

        public Batch group(StoredGroup group) {
            byte[] data = encode(group, "group " + group.id());
            String node = root + "/groups/" + groupName(PathId.of(group.id()));
            ops.add((zk, list, created) -> versioned(zk, list, created, node, group.version(), data));
            return this;
        }

        public Batch removeGroup(PathId id) {
            String node = root + "/groups/" + groupName(id);
            ops.add((zk, list, created) -> removeTree(zk, list, node));
            return this;
        }

        public Batch instance(Instance instance) {
            byte[] data = encode(StoredInstance.of(instance), "instance " + instance.id());
            ops.add((zk, list, created) -> put(zk, list, created, root + "/instances/" + instance.id().value(),
                    data));
            return this;
        }

        public Batch removeInstance(InstanceId id) {
            ops.add((zk, list, created) -> delete(zk, list, root + "/instances/" + id.value()));
            return this;
        }

        public Batch deployment(StoredDeployment deployment) {
            byte[] data = encode(deployment, "deployment " + deployment.id());
            ops.add((zk, list, created) -> put(zk, list, created, root + "/deployments/" + deployment.id(), data));
            return this;
        }

        public Batch removeDeployment(String id) {
            ops.add((zk, list, created) -> delete(zk, list, root + "/deployments/" + id));
            return this;
        }

        public boolean isEmpty() {
            return ops.isEmpty();
        }

        public int size() {
            return ops.size();
        }
    }

    private void versioned(CuratorFramework zk, List<CuratorOp> ops, Set<String> created, String node, String version,
            byte[] data) throws Exception {
        put(zk, ops, created, node, version.getBytes(StandardCharsets.UTF_8));
        put(zk, ops, created, node + "/" + version, data);
        List<String> versions = new ArrayList<>(children(zk, node));
        if (!versions.contains(version)) {
            versions.add(version);
        }
        versions.sort(Comparator.naturalOrder());
        for (int i = 0; i < versions.size() - maxVersions; i++) {
            ops.add(zk.transactionOp().delete().forPath(node + "/" + versions.get(i)));
        }
    }

    private void put(CuratorFramework zk, List<CuratorOp> ops, Set<String> created, String path, byte[] data)
            throws Exception {
        ensureParent(zk, path, created);
        if (created.contains(path) || zk.checkExists().forPath(path) != null) {
            ops.add(zk.transactionOp().setData().forPath(path, data));
        } else {
            ops.add(zk.transactionOp().create().forPath(path, data));
            created.add(path);
        }
    }

    private void delete(CuratorFramework zk, List<CuratorOp> ops, String path) throws Exception {
        if (zk.checkExists().forPath(path) != null) {
            ops.add(zk.transactionOp().delete().forPath(path));
        }
    }

    private void removeTree(CuratorFramework zk, List<CuratorOp> ops, String node) throws Exception {
        if (zk.checkExists().forPath(node) == null) {
            return;
        }
        for (String child : children(zk, node)) {
            ops.add(zk.transactionOp().delete().forPath(node + "/" + child));
        }
        ops.add(zk.transactionOp().delete().forPath(node));
    }

    /** Creates the parent of {@code path} now, outside the transaction, unless the transaction creates it. */
    private void ensureParent(CuratorFramework zk, String path, Set<String> created) throws Exception {
        String parent = path.substring(0, path.lastIndexOf('/'));
        if (!created.contains(parent) && zk.checkExists().forPath(parent) == null) {
            try {
                zk.create().creatingParentsIfNeeded().forPath(parent);
            } catch (KeeperException.NodeExistsException e) {
                // created meanwhile
            }
        }
    }

    private byte[] encode(Object value, String what) {
        byte[] data = MarathonJson.write(value);
        if (data.length > maxNodeBytes) {
            throw new TooLargeException(what + " is " + data.length + " bytes as JSON, more than the "
                    + maxNodeBytes + " bytes a znode may hold");
        }
        return data;
    }

    private static <T> T decode(byte[] data, Class<T> type, String name) {
        try {
            return MarathonJson.MAPPER.readValue(data, type);
        } catch (Exception e) {
            LOG.errorf("Skipping the unreadable Marathon entry %s: %s", name, e.getMessage());
            return null;
        }
    }

    private static Optional<byte[]> read(CuratorFramework zk, String path) throws Exception {
        try {
            return Optional.of(zk.getData().forPath(path));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        }
    }

    private static Optional<byte[]> current(CuratorFramework zk, String node) throws Exception {
        Optional<byte[]> version = read(zk, node);
        if (version.isEmpty()) {
            return Optional.empty();
        }
        return read(zk, node + "/" + new String(version.get(), StandardCharsets.UTF_8));
    }

    private static List<String> children(CuratorFramework zk, String path) throws Exception {
        try {
            return zk.getChildren().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        }
    }

    private static String groupName(PathId id) {
        return id.isRoot() ? ROOT_GROUP : id.safePath();
    }

    /** Marathon's state could not be read or written; the change that needed it did not happen. */
    public static final class StoreException extends RuntimeException {
        public StoreException(String message, Throwable cause) {
            super(message + ": " + cause.getMessage(), cause);
        }
    }

    /** A document too large for one znode; nothing was written. */
    public static final class TooLargeException extends RuntimeException {
        public TooLargeException(String message) {
            super(message);
        }
    }
}
