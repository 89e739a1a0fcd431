package dev.dcosnative.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

import picocli.CommandLine;

/** The Quarkus application: picocli's exit codes become the process', and nothing but the command's output shows. */
@QuarkusMainTest
class DcosMainTest {

    @Test
    @Launch("--version")
    void version(LaunchResult result) {
        assertThat(result.getOutput()).startsWith("dcos 0.1.0").contains("DC/OS 2.2 APIs");
        assertThat(result.getErrorOutput()).isEmpty();
    }

    @Test
    @Launch(value = { "marathon", "app", "lsit" }, exitCode = 2)
    void usageErrorsExitWithTwo(LaunchResult result) {
        assertThat(result.getErrorOutput()).isEqualTo("Error: 'lsit' is not a command of 'dcos marathon app' (did you "
                + "mean 'list'?) (see 'dcos marathon app --help')");
        assertThat(result.getOutput()).isEmpty();
    }

    @Test
    void everyCommandsHelpThroughTheQuarkusLauncher(QuarkusMainLauncher launcher) {
        for (CommandLine command : CommandTreeTest.all(CommandTreeTest.tree())) {
            String name = command.getCommandSpec().qualifiedName();
            if (name.equals("dcos help")) {
                continue;
            }
            List<String> args = new ArrayList<>(List.of(name.split(" ")).subList(1, name.split(" ").length));
            args.add("--help");
            LaunchResult result = launcher.launch(args.toArray(String[]::new));
            assertThat(result.exitCode()).as(name).isZero();
            assertThat(result.getOutput()).as(name).startsWith("Usage: " + name);
        }
    }

    @Test
    @Launch(value = { "marathon", "app", "list", "--cluster", "no-such-cluster" }, exitCode = 1)
    void failuresExitWithOne(LaunchResult result) {
        assertThat(result.getErrorOutput()).startsWith("Error: No cluster named 'no-such-cluster'");
    }
}
