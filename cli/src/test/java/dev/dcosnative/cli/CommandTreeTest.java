package dev.dcosnative.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dcosnative.cli.common.CliContext;
import dev.dcosnative.cli.common.CliEnvironment;
import dev.dcosnative.cli.support.CliRunner;

import picocli.CommandLine;

/** The command tree: every command has help, the naming scheme holds, completion covers it all. */
class CommandTreeTest {

    @TempDir
    Path home;

    static List<CommandLine> all(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        collect(root, all);
        return all;
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().forEach(sub -> collect(sub, into));
    }

    static CommandLine tree() {
        return Cli.commandLine(CommandLine.defaultFactory(), new CliContext(CliEnvironment.system()));
    }

    /** Upstream's command tree (reference §10) for what this cluster serves. */
    static final List<String> EXPECTED = List.of("dcos cluster setup", "dcos cluster list", "dcos cluster attach",
            "dcos cluster remove", "dcos cluster rename", "dcos auth login", "dcos auth logout",
            "dcos auth list-providers", "dcos config show", "dcos config set", "dcos config unset", "dcos config keys",
            "dcos marathon about", "dcos marathon app add", "dcos marathon app list", "dcos marathon app remove",
            "dcos marathon app restart", "dcos marathon app show", "dcos marathon app start",
            "dcos marathon app stop", "dcos marathon app update", "dcos marathon app kill",
            "dcos marathon app version list", "dcos marathon group add", "dcos marathon group list",
            "dcos marathon group remove", "dcos marathon group scale", "dcos marathon group show",
            "dcos marathon group update", "dcos marathon deployment list", "dcos marathon deployment rollback",
            "dcos marathon deployment stop", "dcos marathon deployment watch", "dcos marathon task list",
            "dcos marathon task show", "dcos marathon task stop", "dcos marathon task kill", "dcos node list",
            "dcos node log", "dcos task list", "dcos task log", "dcos service list", "dcos help", "dcos completion");

    @Test
    void hasUpstreamsCommands() {
        List<String> names = all(tree()).stream().map(c -> c.getCommandSpec().qualifiedName()).toList();
        assertThat(names).containsAll(EXPECTED);
    }

    @Test
    void everyCommandHasHelpWithExitCodeZero() {
        CliRunner cli = new CliRunner(home);
        for (CommandLine command : all(tree())) {
            String name = command.getCommandSpec().qualifiedName();
            List<String> args = new ArrayList<>(List.of(name.split(" ")).subList(1, name.split(" ").length));
            if (name.equals("dcos help")) {
                args.add("marathon");
            } else {
                args.add("--help");
            }
            CliRunner.Result result = cli.run(args.toArray(String[]::new));
            assertThat(result.exitCode()).as(name + "\n" + result).isZero();
            assertThat(result.err()).as(name).isEmpty();
            String usage = name.equals("dcos help") ? "Usage: dcos marathon" : "Usage: " + name;
            assertThat(result.out()).as(name).startsWith(usage);
            assertThat(command.getCommandSpec().usageMessage().description()).as(name + " has a description")
                    .isNotEmpty();
        }
    }

    @Test
    void verbsAreClassesNamedNounVerbCommandInAPackagePerNoun() {
        Pattern scheme = Pattern.compile("dev\\.dcosnative\\.cli(\\.[a-z]+)*\\.[A-Z][A-Za-z]*Command");
        for (CommandLine command : all(tree())) {
            Class<?> type = command.getCommandSpec().userObject().getClass();
            if (type == CommandLine.HelpCommand.class) {
                continue;
            }
            assertThat(type.getName()).matches(scheme);
            String name = command.getCommandSpec().name();
            String simple = type.getSimpleName().toLowerCase();
            assertThat(simple).as(type.getName()).contains(name.replace("-", ""));
        }
    }

    @Test
    void everyCommandTakesVerboseAndClusterCommandsTakeCluster() {
        for (CommandLine command : all(tree())) {
            var spec = command.getCommandSpec();
            if (spec.userObject() instanceof CommandLine.HelpCommand) {
                continue;
            }
            assertThat(spec.findOption("--verbose")).as(spec.qualifiedName()).isNotNull();
            if (spec.qualifiedName().startsWith("dcos marathon ") || spec.qualifiedName().startsWith("dcos node ")
                    || spec.qualifiedName().startsWith("dcos task ")) {
                if (spec.subcommands().isEmpty()) {
                    assertThat(spec.findOption("--cluster")).as(spec.qualifiedName()).isNotNull();
                }
            }
        }
    }

    @Test
    void completionScriptsCoverTheTree() {
        CliRunner cli = new CliRunner(home);
        CliRunner.Result bash = cli.run("completion", "bash");
        assertThat(bash.exitCode()).isZero();
        assertThat(bash.out()).contains("complete -F _complete_dcos").contains("deployment").contains("rollback")
                .contains("list-providers");
        CliRunner.Result zsh = cli.run("completion", "zsh");
        assertThat(zsh.out()).startsWith("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit");
        assertThat(cli.run("completion", "fish").exitCode()).isEqualTo(2);
    }

    @Test
    void versionAndBareCommand() {
        CliRunner cli = new CliRunner(home);
        CliRunner.Result version = cli.run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("dcos 0.1.0").contains("DC/OS 2.2 APIs");
        assertThat(cli.run().out()).startsWith("Usage: dcos [-hvV] [COMMAND]");
    }
}
