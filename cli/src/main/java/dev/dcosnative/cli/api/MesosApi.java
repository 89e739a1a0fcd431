package dev.dcosnative.cli.api;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.cli.http.DcosClient;

/**
 * The Mesos master at {@code <dcos_url>/mesos} and the agents at {@code <dcos_url>/agent/<agent id>}, through the
 * edge: the legacy state documents (reference §3.4) and the files API of the sandboxes.
 */
public final class MesosApi {

    private final DcosClient client;
    private final String dcosUrl;
    private final String master;

    public MesosApi(DcosClient client, String dcosUrl, String master) {
        this.client = client;
        this.dcosUrl = dcosUrl;
        this.master = master;
    }

    public DcosClient client() {
        return client;
    }

    public String dcosUrl() {
        return dcosUrl;
    }

    /** {@code /master/state}: agents, frameworks and their tasks. */
    public JsonNode state() {
        return client.getJson(master + "/master/state");
    }

    public JsonNode stateSummary() {
        return client.getJson(master + "/master/state-summary");
    }

    public JsonNode agents() {
        return client.getJson(master + "/master/slaves");
    }

    public JsonNode frameworks() {
        return client.getJson(master + "/master/frameworks");
    }

    /** An agent's {@code /state} (its executors and their sandbox directories). */
    public JsonNode agentState(String agentId) {
        return client.getJson(agentBase(agentId) + "/state");
    }

    /** {@code /files/read} of an agent: {@code {data, offset}}; {@code offset -1} asks only for the size. */
    public JsonNode readFile(String agentId, String path, long offset, long length) {
        return client.getJson(agentBase(agentId) + "/files/read?path=" + MarathonApi.encode(path) + "&offset="
                + offset + "&length=" + length);
    }

    public String agentBase(String agentId) {
        return dcosUrl + "/agent/" + MarathonApi.encode(agentId);
    }
}
