package dev.dcosnative.cli.node;

import dev.dcosnative.cli.api.MarathonApi;
import dev.dcosnative.cli.common.CliException;
import dev.dcosnative.cli.common.ClusterCommandBase;
import dev.dcosnative.cli.http.ApiException;
import dev.dcosnative.cli.http.ApiResponse;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dcos node log [--leader | --mesos-id=<id>] [--component=<unit>] [--lines=<n>] [--follow]}: a node's journal
 * through dcos-log (reference §8.2): {@code /system/v1/logs/v1/range/} on the leading master,
 * {@code /system/v1/agent/<id>/logs/v1/range/} on an agent.
 */
@Command(name = "log", description = { "Print the last lines of a node's system log (its journal, through dcos-log); "
        + "with --follow, keep printing new entries.", "Needs dcos-log on the cluster." })
public class NodeLogCommand extends ClusterCommandBase {

    static class Which {
        @Option(names = "--leader", description = "The leading master (the default).")
        boolean leader;

        @Option(names = "--mesos-id", paramLabel = "<agent-id>", description = "The agent with this Mesos id "
                + "('dcos node list').")
        String mesosId;
    }

    @ArgGroup(exclusive = true)
    Which which;

    @Option(names = "--component", paramLabel = "<unit>", description = "Only this systemd unit, e.g. "
            + "dcos-mesos-master.service.")
    String component;

    @Option(names = "--lines", paramLabel = "<n>", defaultValue = "10", description = "How many last lines (default "
            + "10).")
    int lines;

    @Option(names = "--follow", description = "Keep printing new entries (Ctrl-C stops).")
    boolean follow;

    @Override
    public Integer call() throws InterruptedException {
        if (lines < 0) {
            throw usage("--lines must be 0 or more");
        }
        String base = context().target().dcosUrl() + (which == null || which.mesosId == null
                ? "/system/v1/logs/v1"
                : "/system/v1/agent/" + MarathonApi.encode(which.mesosId) + "/logs/v1");
        String filter = component == null ? "" : "&filter=" + MarathonApi.encode("_SYSTEMD_UNIT:" + component);
        String cursor = null;
        String url = base + "/range/?skip_prev=" + lines + filter;
        while (true) {
            ApiResponse response;
            try {
                response = client().call("GET", url, null, null, "Accept", "text/plain");
            } catch (ApiException e) {
                if (e.status() == 503 || e.status() == 404) {
                    throw new CliException("Cannot read the node's log: " + e.getMessage(), e);
                }
                throw e;
            }
            String text = response.status() == 204 ? "" : response.text();
            out().print(text);
            out().flush();
            cursor = response.header("X-Journal-Cursor").orElse(cursor);
            if (!follow) {
                return 0;
            }
            context().sleeper().sleep(1000);
            url = base + "/range/?skip_next=1" + filter + (cursor == null ? ""
                    : "&cursor="
                            + MarathonApi.encode(cursor));
        }
    }
}
