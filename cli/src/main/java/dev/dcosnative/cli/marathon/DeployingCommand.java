package dev.dcosnative.cli.marathon;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dcosnative.cli.api.MarathonApi;
import dev.dcosnative.cli.common.CliException;
import dev.dcosnative.cli.common.ClusterCommandBase;
import dev.dcosnative.cli.marathon.watch.DeploymentWatcher;
import dev.dcosnative.cli.marathon.watch.ProgressView;

import picocli.CommandLine.Option;

/**
 * A command that starts a Marathon deployment and, unless {@code --no-wait}, follows it to its end: a progress bar on a
 * terminal, plain lines otherwise; exit code 1 when it does not finish.
 */
public abstract class DeployingCommand extends ClusterCommandBase {

    @Option(names = "--no-wait", description = "Return once the deployment has started instead of following it.")
    boolean noWait;

    /** The deployment id of a deploying answer: {@code deploymentId}, or the first of {@code deployments}. */
    public static String deploymentId(JsonNode response) {
        String id = response.path("deploymentId").asText("");
        if (id.isEmpty()) {
            id = response.path("deployments").path(0).path("id").asText("");
        }
        if (id.isEmpty()) {
            throw new CliException("Marathon's answer names no deployment");
        }
        return id;
    }

    /** {@link #changes(List, String, Consumer)} without a check of the document. */
    protected ObjectNode changes(List<String> properties, String what) {
        return changes(properties, what, document -> {
        });
    }

    /**
     * The fields an update changes: from {@code <key>=<value>} arguments, else the JSON object on standard input
     * ({@code check}ed first).
     *
     * @param what what the fields describe, for the error ({@code app}, {@code group})
     */
    protected ObjectNode changes(List<String> properties, String what, Consumer<Documents.Document> check) {
        if (properties != null && !properties.isEmpty()) {
            return Properties.parse(properties, this::usage);
        }
        Documents.Document document = Documents.read(null, context().env());
        if (!(document.tree() instanceof ObjectNode object)) {
            throw new CliException(document.source() + " is not a JSON object of " + what + " fields");
        }
        check.accept(document);
        return object;
    }

    /**
     * Prints the deployment's id and follows it (unless --no-wait).
     *
     * @param apps the apps the command changes (absolute ids), checked at the end even when the deployment is over
     *        before it is first seen
     */
    protected int follow(JsonNode response, String... apps) {
        String id = deploymentId(response);
        out().println("Created deployment " + id);
        out().flush();
        if (noWait) {
            return 0;
        }
        return watch(id, false, apps);
    }

    /** Follows deployment {@code id}: 0 when it finishes, a failure otherwise. */
    protected int watch(String id, boolean mustExist, String... apps) {
        ProgressView view = ProgressView.of(context().terminal(), err(), "deployment " + shortId(id));
        Set<String> known = new LinkedHashSet<>();
        for (String app : apps) {
            known.add(MarathonApi.absolute(app));
        }
        DeploymentWatcher.Result result = new DeploymentWatcher(marathon(), view, context().clock(),
                context().sleeper()).watch(id, mustExist, known);
        if (!result.success()) {
            throw new CliException(result.message());
        }
        return 0;
    }

    static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }
}
