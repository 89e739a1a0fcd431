package dev.dcosnative.cli.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.dcosnative.cli.common.CliEnvironment;
import dev.dcosnative.cli.common.CliException;

/**
 * The CLI's configuration directory in the upstream layout: {@code $DCOS_DIR} (default {@code ~/.dcos}) holds
 * {@code clusters/<cluster id>/dcos.toml} per configured cluster and an {@code attached} marker in the directory of
 * the cluster commands talk to.
 */
public final class ConfigStore {

    private final Path dir;

    public ConfigStore(Path dir) {
        this.dir = dir;
    }

    /** The store of {@code DCOS_DIR}, or of {@code ~/.dcos}. */
    public static ConfigStore of(CliEnvironment env) {
        return new ConfigStore(env.get("DCOS_DIR").map(Path::of).orElse(env.home().resolve(".dcos")));
    }

    public Path dir() {
        return dir;
    }

    public Path clustersDir() {
        return dir.resolve("clusters");
    }

    /** Every configured cluster, by name. */
    public List<ClusterConfig> clusters() {
        Path clusters = clustersDir();
        if (!Files.isDirectory(clusters)) {
            return List.of();
        }
        List<ClusterConfig> found = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(clusters)) {
            for (Path cluster : dirs.filter(Files::isDirectory).toList()) {
                if (Files.exists(cluster.resolve(ClusterConfig.FILE))) {
                    found.add(ClusterConfig.load(cluster));
                }
            }
        } catch (IOException e) {
            throw new CliException("Cannot list " + clusters + ": " + e.getMessage(), e);
        }
        found.sort(Comparator.comparing(ClusterConfig::name).thenComparing(ClusterConfig::id));
        return found;
    }

    /** The attached cluster, if one is. */
    public Optional<ClusterConfig> attached() {
        return clusters().stream().filter(ClusterConfig::attached).findFirst();
    }

    /** A cluster by id, by name, or by a unique id prefix. */
    public Optional<ClusterConfig> lookup(String nameOrId) {
        List<ClusterConfig> clusters = clusters();
        for (ClusterConfig c : clusters) {
            if (c.id().equals(nameOrId)) {
                return Optional.of(c);
            }
        }
        List<ClusterConfig> named = clusters.stream().filter(c -> c.name().equals(nameOrId)).toList();
        if (named.size() > 1) {
            throw new CliException("Several clusters are named '" + nameOrId + "': use an id ("
                    + String.join(", ", named.stream().map(ClusterConfig::id).toList()) + ")");
        }
        if (named.size() == 1) {
            return Optional.of(named.get(0));
        }
        List<ClusterConfig> prefixed = clusters.stream().filter(c -> c.id().startsWith(nameOrId)).toList();
        return prefixed.size() == 1 ? Optional.of(prefixed.get(0)) : Optional.empty();
    }

    /** {@link #lookup}, or a failure that says how to see the configured clusters. */
    public ClusterConfig find(String nameOrId) {
        return lookup(nameOrId).orElseThrow(() -> new CliException("No cluster named '" + nameOrId
                + "' (or with that id) is configured; 'dcos cluster list' shows them"));
    }

    /** The configuration of cluster {@code id}: the existing one, or a new, empty one (not written yet). */
    public ClusterConfig open(String id) {
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new CliException("'" + id + "' cannot be a cluster id");
        }
        return ClusterConfig.load(clustersDir().resolve(id));
    }

    /** Makes {@code cluster} the attached one (and no other). */
    public void attach(ClusterConfig cluster) {
        for (ClusterConfig other : clusters()) {
            if (!other.id().equals(cluster.id())) {
                detach(other);
            }
        }
        SecureFiles.createPrivateDirectories(cluster.dir());
        SecureFiles.touchPrivate(cluster.dir().resolve(ClusterConfig.ATTACHED));
    }

    public void detach(ClusterConfig cluster) {
        try {
            Files.deleteIfExists(cluster.dir().resolve(ClusterConfig.ATTACHED));
        } catch (IOException e) {
            throw new CliException("Cannot detach " + cluster.name() + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a cluster's directory. */
    public void remove(ClusterConfig cluster) {
        try (Stream<Path> paths = Files.walk(cluster.dir())) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new CliException("Cannot remove " + cluster.dir() + ": " + e.getMessage(), e);
        }
    }
}
