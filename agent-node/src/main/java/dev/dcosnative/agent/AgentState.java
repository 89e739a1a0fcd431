package dev.dcosnative.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.Resource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.quarkus.vertx.http.HttpServer;

import dev.dcosnative.agent.core.AgentResourceModel;
import dev.dcosnative.agent.core.Machine;
import dev.dcosnative.agent.registration.AgentCheckpoint;
import dev.dcosnative.shared.mesos.Attributes;

/**
 * Who this agent is and where it stands: its AgentInfo (hostname, port, resources, attributes; the id once a master
 * admitted it, recovered from the checkpoint after a restart) and the master it is registered with.
 */
@Startup
@ApplicationScoped
public class AgentState {

    /** What this agent can do, as it tells the master and its {@code /state}. */
    public static final List<AgentInfo.Capability> CAPABILITIES = List.of(
            capability(AgentInfo.Capability.Type.MULTI_ROLE),
            capability(AgentInfo.Capability.Type.HIERARCHICAL_ROLE),
            capability(AgentInfo.Capability.Type.RESERVATION_REFINEMENT));

    private static final Logger LOG = Logger.getLogger(AgentState.class);

    private final AgentConfig config;
    private final Instance<HttpServer> httpServer;
    private final int configuredPort;
    private final Instant startTime;
    private final AgentCheckpoint checkpoint;
    private final List<Resource> resources;
    private final List<Attribute> attributes;

    private volatile AgentID id;
    private volatile MasterInfo master;

    public AgentState(AgentConfig config, Instance<HttpServer> httpServer,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "5051") int configuredPort) {
        this.config = config;
        this.httpServer = httpServer;
        this.configuredPort = configuredPort;
        this.startTime = Instant.now();
        this.checkpoint = new AgentCheckpoint(config.workDir());
        this.resources = AgentResourceModel.resources(probe(config.workDir()), overrides(config), config.role());
        this.attributes = Attributes.parse(config.attributes().orElse(""));
        this.id = checkpoint.recover().map(AgentInfo::getId).orElse(null);
        if (id != null) {
            LOG.infof("Recovered agent id %s from %s", id.getValue(), config.workDir());
        }
    }

    /** The AgentInfo this agent registers with (its id included once it has one). */
    public AgentInfo info() {
        AgentInfo.Builder info = AgentInfo.newBuilder()
                .setHostname(hostname())
                .setPort(port())
                .addAllResources(resources)
                .addAllAttributes(attributes);
        AgentID current = id;
        if (current != null) {
            info.setId(current);
        }
        return info.build();
    }

    /**
     * A master admitted this agent: remember its id. Returns true when the id is new and must be checkpointed
     * ({@link #checkpoint()}, blocking file I/O, off the event loop).
     */
    public boolean registered(AgentID agentId, MasterInfo masterInfo) {
        master = masterInfo;
        if (id != null && id.equals(agentId)) {
            return false;
        }
        id = agentId;
        return true;
    }

    /** Writes the current AgentInfo to the checkpoint. Blocking. */
    public void checkpoint() {
        checkpoint.checkpoint(info());
    }

    /** The master is gone (until the agent registers again). */
    public void disconnected() {
        master = null;
    }

    public Optional<AgentID> id() {
        return Optional.ofNullable(id);
    }

    /** The master this agent is registered with, if it is. */
    public Optional<MasterInfo> master() {
        return Optional.ofNullable(master);
    }

    public String hostname() {
        return config.hostname().orElse(config.ip());
    }

    public String ip() {
        return config.ip();
    }

    /** The HTTP port actually bound. */
    public int port() {
        if (httpServer.isResolvable()) {
            int port = httpServer.get().getPort();
            if (port > 0) {
                return port;
            }
        }
        return configuredPort;
    }

    /** The libprocess-style pid, {@code slave(1)@ip:port}. */
    public String pid() {
        return "slave(1)@" + config.ip() + ":" + port();
    }

    public Instant startTime() {
        return startTime;
    }

    public String role() {
        return config.role();
    }

    private static Machine probe(Path workDir) {
        long memory = 0;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = os.getTotalMemorySize();
        }
        long disk;
        try {
            Files.createDirectories(workDir);
            disk = Files.getFileStore(workDir).getTotalSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the agent work directory " + workDir, e);
        }
        return new Machine(Runtime.getRuntime().availableProcessors(), memory, disk);
    }

    private static AgentResourceModel.Overrides overrides(AgentConfig config) {
        AgentConfig.AgentResources r = config.resources();
        return new AgentResourceModel.Overrides(r.cpus(), r.mem(), r.disk(), r.gpus(), r.ports(), r.extra());
    }

    private static AgentInfo.Capability capability(AgentInfo.Capability.Type type) {
        return AgentInfo.Capability.newBuilder().setType(type).build();
    }
}
