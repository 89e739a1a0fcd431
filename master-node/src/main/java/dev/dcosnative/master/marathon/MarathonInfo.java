package dev.dcosnative.master.marathon;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.mesos.v1.Protos.MasterInfo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.exhibitor.EmbeddedZooKeeper;
import dev.dcosnative.master.marathon.deployment.DeploymentService;
import dev.dcosnative.master.marathon.instance.core.Condition;
import dev.dcosnative.master.marathon.instance.core.Instance;
import dev.dcosnative.master.marathon.launch.LaunchService;
import dev.dcosnative.master.mesos.MasterIdentity;
import dev.dcosnative.master.mesos.leader.LeaderElection;
import dev.dcosnative.shared.BuildInfo;
import dev.dcosnative.shared.marathon.MarathonJson;

/**
 * What Marathon says about itself: {@code /v2/info} (version, leader, framework id and the configuration under
 * Marathon's flag names) and its metrics ({@code /metrics} as Dropwizard-style JSON, {@code /metrics/prometheus}).
 */
@ApplicationScoped
public class MarathonInfo {

    private final Marathon marathon;
    private final MarathonActor actor;
    private final LeaderElection election;
    private final MasterIdentity identity;
    private final EmbeddedZooKeeper zooKeeper;
    private final DeploymentService deployments;
    private final LaunchService launches;
    private final MasterConfig config;
    private final Clock clock;
    private final Instant started;

    public MarathonInfo(Marathon marathon, MarathonActor actor, LeaderElection election, MasterIdentity identity,
            EmbeddedZooKeeper zooKeeper, DeploymentService deployments, LaunchService launches, MasterConfig config,
            Clock clock) {
        this.marathon = marathon;
        this.actor = actor;
        this.election = election;
        this.identity = identity;
        this.zooKeeper = zooKeeper;
        this.deployments = deployments;
        this.launches = launches;
        this.config = config;
        this.clock = clock;
        this.started = clock.instant();
    }

    public static ObjectNode json() {
        return MarathonJson.MAPPER.createObjectNode();
    }

    public static String hostPort(MasterInfo info) {
        return (info.hasHostname() ? info.getHostname() : info.getAddress().getIp()) + ":" + info.getPort();
    }

    public Uni<ObjectNode> info() {
        return actor.ask(() -> {
            MasterConfig.Marathon m = config.marathon();
            ObjectNode info = json();
            info.put("name", m.frameworkName());
            info.put("version", BuildInfo.MARATHON_VERSION);
            info.put("buildref", "dcos-native-" + BuildInfo.version());
            info.put("elected", election.isLeader() && marathon.ready());
            info.put("leader", election.leader().map(MarathonInfo::hostPort).orElse(null));
            info.put("frameworkId", marathon.ready() ? marathon.frameworkIdNow().orElse(null) : null);
            String zk = zooKeeper.ensemble() == null ? config.zk().connect().orElse("")
                    : zooKeeper.ensemble().connectString();
            ObjectNode mc = info.putObject("marathon_config");
            mc.put("master", "zk://" + zk + config.zk().root());
            mc.put("failover_timeout", m.failoverTimeout().toSeconds());
            mc.put("framework_name", m.frameworkName());
            mc.put("ha", true);
            mc.put("checkpoint", true);
            mc.put("local_port_min", m.localPortMin());
            mc.put("local_port_max", m.localPortMax());
            mc.put("executor", "//cmd");
            mc.put("hostname", identity.hostname());
            mc.put("mesos_role", m.role());
            mc.put("mesos_user", m.user());
            mc.put("task_launch_timeout", m.taskLaunchTimeout().toMillis());
            mc.put("reconciliation_interval", m.reconciliationInterval().toMillis());
            mc.put("decline_offer_duration", m.declineOfferDuration().toMillis());
            mc.put("max_instances_per_offer", m.maxInstancesPerOffer());
            mc.put("min_revive_offers_interval", m.minReviveOffersInterval().toMillis());
            mc.put("max_running_deployments", m.maxRunningDeployments());
            m.envVarsPrefix().ifPresent(p -> mc.put("env_vars_prefix", p));
            ArrayNode roles = mc.putArray("default_accepted_resource_roles");
            m.defaultAcceptedResourceRoles().forEach(roles::add);
            ArrayNode features = mc.putArray("features");
            features.add("task_killing").add("gpu_resources");
            mc.put("mesos_leader_ui_url", election.leader().map(l -> "http://" + hostPort(l) + "/").orElse(null));
            ObjectNode zkc = info.putObject("zookeeper_config");
            zkc.put("zk", "zk://" + zk + m.zkRoot());
            zkc.put("zk_timeout", config.zk().sessionTimeout().toMillis());
            zkc.put("zk_connection_timeout", config.zk().sessionTimeout().toMillis());
            zkc.put("zk_session_timeout", config.zk().sessionTimeout().toMillis());
            zkc.put("zk_max_versions", m.maxVersions());
            ObjectNode http = info.putObject("http_config");
            http.put("http_port", identity.port());
            http.putNull("https_port");
            return info;
        });
    }

    /** The gauges Marathon publishes, by their Marathon names. */
    private Uni<Map<String, Double>> gauges() {
        return actor.ask(() -> {
            Map<String, Double> gauges = new LinkedHashMap<>();
            boolean ready = marathon.ready();
            gauges.put("marathon.leadership.duration.gauge.seconds", ready
                    ? (double) java.time.Duration.between(started, clock.instant()).toSeconds()
                    : 0.0);
            gauges.put("marathon.uptime.gauge.seconds",
                    (double) java.time.Duration.between(started, clock.instant()).toSeconds());
            if (ready) {
                MarathonState state = marathon.stateNow();
                gauges.put("marathon.apps.active.gauge", (double) state.apps().size());
                gauges.put("marathon.groups.active.gauge", (double) state.groups().size());
                gauges.put("marathon.deployments.active.gauge", (double) deployments.count());
                gauges.put("marathon.instances.running.gauge", (double) state.instances().stream()
                        .filter(Instance::isRunning).count());
                gauges.put("marathon.instances.staged.gauge", (double) state.instances().stream()
                        .filter(i -> i.condition() == Condition.Provisioned || i.condition() == Condition.Staging
                                || i.condition() == Condition.Starting)
                        .count());
                gauges.put("marathon.instances.launch-overdue.gauge", (double) launches.entries().size());
            }
            return gauges;
        });
    }

    public Uni<ObjectNode> metrics() {
        return gauges().map(gauges -> {
            ObjectNode metrics = json();
            metrics.put("version", "4.0.0");
            ObjectNode g = metrics.putObject("gauges");
            gauges.forEach((name, value) -> g.putObject(name).put("value", value));
            metrics.putObject("counters");
            metrics.putObject("histograms");
            metrics.putObject("meters");
            metrics.putObject("timers");
            return metrics;
        });
    }

    public Uni<String> prometheus() {
        return gauges().map(gauges -> {
            StringBuilder text = new StringBuilder();
            gauges.forEach((name, value) -> {
                String metric = name.replaceAll("[^a-zA-Z0-9_]", "_");
                text.append("# TYPE ").append(metric).append(" gauge\n").append(metric).append(' ').append(value)
                        .append('\n');
            });
            return text.toString();
        });
    }
}
