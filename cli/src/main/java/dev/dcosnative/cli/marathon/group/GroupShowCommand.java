package dev.dcosnative.cli.marathon.group;

import dev.dcosnative.cli.common.ClusterCommandBase;
import dev.dcosnative.cli.output.Json;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dcos marathon group show <group-id> [--group-version=<version>]}. */
@Command(name = "show", description = "Print a group (its apps and groups) as JSON.")
public class GroupShowCommand extends ClusterCommandBase {

    @Parameters(paramLabel = "<group-id>", description = "The group's id, e.g. /prod.")
    String groupId;

    @Option(names = "--group-version", paramLabel = "<version>", description = "A version of the group (a time "
            + "stamp).")
    String version;

    @Override
    public Integer call() {
        Json.print(out(), version == null ? marathon().group(groupId) : marathon().groupVersion(groupId, version));
        return 0;
    }
}
