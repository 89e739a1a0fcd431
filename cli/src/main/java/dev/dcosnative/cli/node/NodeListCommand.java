package dev.dcosnative.cli.node;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.cli.api.MesosApi;
import dev.dcosnative.cli.common.CliException;
import dev.dcosnative.cli.common.ClusterCommandBase;
import dev.dcosnative.cli.common.JsonMixin;
import dev.dcosnative.cli.http.ApiResponse;
import dev.dcosnative.cli.output.Json;
import dev.dcosnative.cli.output.Table;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code dcos node list}: the masters (the leader from Mesos, the others from the ZooKeeper ensemble's status) and
 * the agents Mesos knows.
 */
@Command(name = "list", description = "List the masters and agents: host name, IP, Mesos id, type, region, zone.")
public class NodeListCommand extends ClusterCommandBase {

    @Mixin
    JsonMixin json;

    @Override
    public Integer call() {
        MesosApi mesos = mesos();
        JsonNode state = mesos.state();
        JsonNode agents = state.path("slaves");
        if (json.json()) {
            Json.print(out(), agents);
            return 0;
        }
        Table table = Table.of("HOSTNAME", "IP", "ID", "TYPE", "REGION", "ZONE");
        String leaderIp = hostOfPid(state.path("leader").asText(""));
        table.row(state.path("leader_info").path("hostname").asText(leaderIp), leaderIp,
                state.path("leader_info").path("id").asText(state.path("id").asText("")), "master (leader)", "N/A",
                "N/A");
        for (String ip : otherMasters(mesos, leaderIp)) {
            table.row(ip, ip, "N/A", "master", "N/A", "N/A");
        }
        for (JsonNode agent : agents) {
            JsonNode domain = agent.path("domain").path("fault_domain");
            table.row(agent.path("hostname").asText(), hostOfPid(agent.path("pid").asText("")),
                    agent.path("id").asText(),
                    agent.path("attributes").path("public_ip").asText("").equals("true") ? "agent (public)" : "agent",
                    domain.path("region").path("name").asText("N/A"), domain.path("zone").path("name").asText("N/A"));
        }
        table.print(out());
        return 0;
    }

    /** The other masters of the ZooKeeper ensemble (Exhibitor's status, open on the edge); none if unknown. */
    private List<String> otherMasters(MesosApi mesos, String leaderIp) {
        List<String> others = new ArrayList<>();
        try {
            ApiResponse status = mesos.client().send("GET", mesos.dcosUrl() + "/exhibitor/exhibitor/v1/cluster/status",
                    null, null);
            if (status.ok() && status.json().isArray()) {
                for (JsonNode peer : status.json()) {
                    String host = peer.path("hostname").asText("");
                    if (!host.isEmpty() && !host.equals(leaderIp)) {
                        others.add(host);
                    }
                }
            }
        } catch (CliException e) {
            // the leader alone, then
        }
        return others;
    }

    /** {@code slave(1)@10.0.0.2:5051} → {@code 10.0.0.2}. */
    static String hostOfPid(String pid) {
        int at = pid.indexOf('@');
        int colon = pid.lastIndexOf(':');
        return at >= 0 && colon > at ? pid.substring(at + 1, colon) : pid;
    }
}
