package dev.dcosnative.cli.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dcosnative.cli.common.CliException;
import dev.dcosnative.cli.common.CommandBase;
import dev.dcosnative.cli.common.JsonMixin;
import dev.dcosnative.cli.http.ApiResponse;
import dev.dcosnative.cli.http.DcosClient;
import dev.dcosnative.cli.output.Json;
import dev.dcosnative.cli.output.Table;
import dev.dcosnative.cli.store.ClusterConfig;
import dev.dcosnative.cli.store.ConfigKeys;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dcos cluster list}: the configured clusters, each checked for reachability (2 s, in parallel). */
@Command(name = "list", description = "List the configured clusters; the attached one is marked with *.")
public class ClusterListCommand extends CommandBase {

    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);

    @Mixin
    JsonMixin json;

    @Option(names = "--attached", description = "Only the attached cluster.")
    boolean attachedOnly;

    private record Row(ClusterConfig cluster, String status, String version) {
    }

    @Override
    public Integer call() {
        List<ClusterConfig> clusters = context().store().clusters().stream()
                .filter(c -> !attachedOnly || c.attached()).toList();
        if (attachedOnly && clusters.isEmpty()) {
            throw new CliException("No cluster is attached");
        }
        List<CompletableFuture<Row>> checks = new ArrayList<>();
        for (ClusterConfig cluster : clusters) {
            checks.add(CompletableFuture.supplyAsync(() -> check(cluster)));
        }
        List<Row> rows = checks.stream().map(CompletableFuture::join).toList();
        if (json.json()) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            for (Row row : rows) {
                ObjectNode node = array.addObject();
                node.put("attached", row.cluster().attached());
                node.put("cluster_id", row.cluster().id());
                node.put("name", row.cluster().name());
                node.put("status", row.status());
                node.put("url", row.cluster().get(ConfigKeys.DCOS_URL).orElse(""));
                node.put("version", row.version());
            }
            Json.print(out(), array);
            return 0;
        }
        if (rows.isEmpty()) {
            err().println("No cluster is set up: run 'dcos cluster setup <url>'");
            return 0;
        }
        Table table = Table.of("NAME", "ID", "STATUS", "VERSION", "URL");
        for (Row row : rows) {
            table.row(row.cluster().name() + (row.cluster().attached() ? "*" : ""), row.cluster().id(), row.status(),
                    row.version(), row.cluster().get(ConfigKeys.DCOS_URL).orElse(""));
        }
        table.print(out());
        return 0;
    }

    /** AVAILABLE when the cluster serves its version document, UNAVAILABLE otherwise. */
    static Row check(ClusterConfig cluster) {
        Optional<String> url = cluster.get(ConfigKeys.DCOS_URL);
        if (url.isEmpty()) {
            return new Row(cluster, "UNCONFIGURED", "N/A");
        }
        try {
            DcosClient client = DcosClient.create(cluster.name(), Optional.empty(),
                    cluster.get(ConfigKeys.SSL_VERIFY).orElse("true"), CHECK_TIMEOUT);
            ApiResponse response = client.send("GET", url.get() + "/dcos-metadata/dcos-version.json", null, null);
            if (!response.ok()) {
                return new Row(cluster, "UNAVAILABLE", "N/A");
            }
            JsonNode version = response.json();
            return new Row(cluster, "AVAILABLE", version.path("version").asText("N/A"));
        } catch (CliException e) {
            return new Row(cluster, "UNAVAILABLE", "N/A");
        }
    }

    static boolean available(ClusterConfig cluster) {
        return check(cluster).status().equals("AVAILABLE");
    }
}
