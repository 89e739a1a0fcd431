package dev.dcosnative.master.mesos;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.apache.mesos.v1.Protos.Address;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.vertx.http.HttpServer;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.shared.BuildInfo;

/** Who this master is: its id (new at every start, as in Mesos), address, pid and MasterInfo. */
@ApplicationScoped
public class MasterIdentity {

    private final String id = UUID.randomUUID().toString();
    private final MasterConfig config;
    private final Instance<HttpServer> httpServer;
    private final int configuredPort;
    private final Instant startTime;

    public MasterIdentity(MasterConfig config, Instance<HttpServer> httpServer, Clock clock,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "5050") int configuredPort) {
        this.config = config;
        this.httpServer = httpServer;
        this.configuredPort = configuredPort;
        this.startTime = clock.instant();
    }

    public String id() {
        return id;
    }

    public String ip() {
        return config.ip();
    }

    public String hostname() {
        return config.hostname().orElse(config.ip());
    }

    /** The HTTP port actually bound (differs from the configured one when that is 0). */
    public int port() {
        if (httpServer.isResolvable()) {
            int port = httpServer.get().getPort();
            if (port > 0) {
                return port;
            }
        }
        return configuredPort;
    }

    /** The libprocess-style pid, {@code master@ip:port}. */
    public String pid() {
        return "master@" + ip() + ":" + port();
    }

    public Instant startTime() {
        return startTime;
    }

    public MasterInfo masterInfo() {
        return MasterInfo.newBuilder()
                .setId(id)
                .setIp(packedIp(ip()))
                .setPort(port())
                .setPid(pid())
                .setHostname(hostname())
                .setVersion(BuildInfo.MESOS_VERSION)
                .setAddress(Address.newBuilder().setHostname(hostname()).setIp(ip()).setPort(port()))
                .build();
    }

    /**
     * The IPv4 address as Mesos packs it into {@code MasterInfo.ip}: the four address bytes in network order read as
     * a little-endian integer (MESOS-1201); consumers such as Mesos-DNS decode it that way. 0 for non-IPv4.
     */
    static int packedIp(String ip) {
        try {
            InetAddress address = InetAddress.getByName(ip);
            if (address instanceof Inet4Address) {
                byte[] b = address.getAddress();
                return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
            }
        } catch (UnknownHostException e) {
            // fall through: not an address we can pack
        }
        return 0;
    }
}
