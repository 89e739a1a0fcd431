package dev.dcosnative.cli.common;

import picocli.CommandLine.Option;

/** {@code --json}: print the API's documents as they are instead of a table. */
public class JsonMixin {

    @Option(names = "--json", description = "Print the API's JSON documents instead of a table.")
    boolean json;

    public boolean json() {
        return json;
    }
}
