package dev.dcosnative.cli;

import dev.dcosnative.cli.common.CommandBase;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dcos completion bash|zsh}: the shell completion script of the whole command tree (picocli's). */
@Command(name = "completion", description = { "Print a shell completion script for dcos.",
        "bash: source <(dcos completion bash)      zsh: source <(dcos completion zsh)" })
public class CompletionCommand extends CommandBase {

    /** The shells a script is printed for. */
    public enum Shell {
        bash,
        zsh
    }

    @Parameters(paramLabel = "<shell>", description = "The shell: ${COMPLETION-CANDIDATES}.")
    Shell shell;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("dcos", spec.root().commandLine());
        if (shell == Shell.zsh) {
            // zsh runs bash completion scripts through bashcompinit
            script = "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + script;
        }
        out().print(script);
        out().flush();
        return 0;
    }
}
