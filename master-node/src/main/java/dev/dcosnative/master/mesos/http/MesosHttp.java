package dev.dcosnative.master.mesos.http;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.mesos.v1.Protos.MasterInfo;
import org.jboss.logging.Logger;

import io.vertx.ext.web.RoutingContext;

import dev.dcosnative.master.mesos.KernelState;
import dev.dcosnative.master.mesos.leader.LeaderElection;
import dev.dcosnative.master.mesos.registry.AgentRegistryStore;
import dev.dcosnative.shared.http.MesosHttpException;
import dev.dcosnative.shared.vertx.MesosResponses;

/**
 * What every Mesos endpoint of the master shares: the leader gate and the mapping of failures to responses. Like Mesos, a
 * master that does not lead answers {@code 307} with a protocol-relative {@code Location} to the same path on the
 * leader, or {@code 503 No leader elected}; a leader still reading its registry answers {@code 503}.
 */
@ApplicationScoped
public class MesosHttp {

    private static final Logger LOG = Logger.getLogger(MesosHttp.class);

    private final LeaderElection election;
    private final KernelState kernel;

    public MesosHttp(LeaderElection election, KernelState kernel) {
        this.election = election;
        this.kernel = kernel;
    }

    /**
     * True when the request may be served here. Otherwise the redirect or 503 has been sent and the handler stops.
     */
    public boolean leading(RoutingContext ctx) {
        if (election.isLeader()) {
            if (kernel.recovered()) {
                return true;
            }
            MesosResponses.error(ctx, 503, "Master has not finished recovery");
            return false;
        }
        redirectToLeader(ctx, false);
        return false;
    }

    /** Sends 307 to the leader ({@code toBase}: to its root, as {@code /redirect} does) or 503 without one. */
    public void redirectToLeader(RoutingContext ctx, boolean toBase) {
        Optional<MasterInfo> leader = election.leader();
        if (leader.isEmpty()) {
            MesosResponses.error(ctx, 503, "No leader elected");
            return;
        }
        MasterInfo info = leader.get();
        String base = "//" + (info.hasHostname() ? info.getHostname() : info.getAddress().getIp()) + ":"
                + info.getPort();
        ctx.response()
                .setStatusCode(307)
                .putHeader("Location", toBase ? base : base + ctx.request().path())
                .end();
    }

    /** Maps a failure of a service call to its response; unexpected ones are logged and answered 500. */
    public static void fail(RoutingContext ctx, Throwable failure) {
        if (failure instanceof MesosHttpException e) {
            MesosResponses.error(ctx, e);
        } else if (failure instanceof LeaderElection.NotLeaderException) {
            MesosResponses.error(ctx, 503, "This master lost the leadership; retry against the new leader");
        } else if (failure instanceof AgentRegistryStore.RegistryException e) {
            LOG.error("Registry operation failed", e);
            MesosResponses.error(ctx, 503, "Registry operation failed: " + e.getMessage());
        } else {
            LOG.error("Unexpected failure on " + ctx.request().path(), failure);
            MesosResponses.error(ctx, 500, "Internal error");
        }
    }

}
