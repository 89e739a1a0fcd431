package dev.dcosnative.cli.common;

import picocli.CommandLine.Option;

/** {@code -h, --help} on every command. */
public class HelpMixin {

    @Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
