package dev.dcosnative.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dcosnative.cli.support.CliRunner;

/**
 * Wrong usage is one line on stderr and exit code 2, found before anything is sent (no cluster needed). The failures
 * a cluster gives (exit code 1, one line, stack traces only with -v) are tested against a real one in CliClusterIT.
 */
class ErrorsTest {

    @TempDir
    Path home;

    @Test
    void usageErrorsAreOneLineWithExitCodeTwo() {
        CliRunner cli = new CliRunner(home);
        assertThat(cli.run("marathon", "app", "lsit")).satisfies(r -> {
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).isEqualTo("Error: 'lsit' is not a command of 'dcos marathon app' (did you mean "
                    + "'list'?) (see 'dcos marathon app --help')\n");
        });
        assertThat(cli.run("marathon", "app", "show")).satisfies(r -> {
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).isEqualTo("Error: Missing required parameter: '<app-id>' (see 'dcos marathon app "
                    + "show --help')\n");
        });
        assertThat(cli.run("marathon", "app", "list", "--jsn").err()).startsWith("Error: Unknown option: '--jsn'");
        assertThat(cli.run("auth").exitCode()).isEqualTo(2);
        assertThat(cli.run("marathon", "app", "update", "/web", "instances").err())
                .isEqualTo("Error: 'instances' is not <key>=<value> (see 'dcos marathon app update --help')\n");
        assertThat(cli.run("marathon", "group", "scale", "/g", "two").exitCode()).isEqualTo(2);
    }
}
