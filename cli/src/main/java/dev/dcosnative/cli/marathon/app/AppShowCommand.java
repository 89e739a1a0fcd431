package dev.dcosnative.cli.marathon.app;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.cli.api.MarathonApi;
import dev.dcosnative.cli.common.CliException;
import dev.dcosnative.cli.common.ClusterCommandBase;
import dev.dcosnative.cli.output.Json;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dcos marathon app show <app-id> [--app-version=<version>]}: the app's JSON. */
@Command(name = "show", description = "Print an app's definition and state as JSON (Marathon's AppInfo).")
public class AppShowCommand extends ClusterCommandBase {

    @Parameters(paramLabel = "<app-id>", description = "The app's id, e.g. /web.")
    String appId;

    @Option(names = "--app-version", paramLabel = "<version>", description = "A version (an ISO-8601 time stamp "
            + "from 'app version list'), or a number ≤ 0: 0 is the current one, -1 the one before, ...")
    String version;

    @Override
    public Integer call() {
        MarathonApi api = marathon();
        if (version == null) {
            Json.print(out(), api.app(appId));
            return 0;
        }
        String wanted = version;
        if (version.matches("-?\\d+")) {
            int back = -Integer.parseInt(version);
            if (back < 0) {
                throw usage("--app-version must be a time stamp or a number ≤ 0, not " + version);
            }
            JsonNode versions = api.appVersions(appId);
            if (back >= versions.size()) {
                throw new CliException(MarathonApi.absolute(appId) + " has only " + versions.size() + " versions");
            }
            wanted = versions.get(back).asText();
        }
        Json.print(out(), api.appVersion(appId, wanted));
        return 0;
    }
}
