package dev.dcosnative.cli.auth;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** How to log in: the options {@code dcos cluster setup} and {@code dcos auth login} share. */
public class LoginOptions {

    @Option(names = "--provider", paramLabel = "<id>", description = "The login provider ('dcos auth list-providers'); default: chosen from the other options "
            + "and what the cluster offers.")
    String provider;

    @Option(names = "--username", paramLabel = "<uid>", description = "The user or service account to log in as (default: DCOS_USERNAME, or asked).")
    String username;

    @Option(names = "--password", paramLabel = "<password>", description = "The password (visible to other users of this machine: prefer --password-file or "
            + "DCOS_PASSWORD).")
    String password;

    @Option(names = "--password-file", paramLabel = "<file>", description = "A file holding the password.")
    Path passwordFile;

    @Option(names = "--private-key", paramLabel = "<file>", description = "A service account's PEM private key: log in with a token signed by it.")
    Path privateKey;

    public String provider() {
        return provider;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public Path passwordFile() {
        return passwordFile;
    }

    public Path privateKey() {
        return privateKey;
    }
}
