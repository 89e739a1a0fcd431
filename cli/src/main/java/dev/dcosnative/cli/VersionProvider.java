package dev.dcosnative.cli;

import dev.dcosnative.shared.BuildInfo;

import picocli.CommandLine.IVersionProvider;

/** {@code dcos --version}. */
public class VersionProvider implements IVersionProvider {

    /** The DC/OS release whose APIs the CLI speaks. */
    public static final String DCOS_API_VERSION = "2.2";

    @Override
    public String[] getVersion() {
        return new String[] {
                "dcos " + BuildInfo.version() + " (DC/OS Native CLI, DC/OS " + DCOS_API_VERSION + " APIs, Java "
                        + Runtime.version().feature() + ")" };
    }
}
