package dev.dcosnative.cli.task;

import java.util.ArrayList;
import java.util.List;

import dev.dcosnative.cli.api.MesosApi;
import dev.dcosnative.cli.common.CliException;
import dev.dcosnative.cli.common.ClusterCommandBase;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dcos task log <task> [<file>] [--follow] [--lines=<n>] [--completed]}. */
@Command(name = "log", description = { "Print the last lines of a task's stdout (or another file of its sandbox); "
        + "with --follow, keep printing what it writes until interrupted.",
        "Several matching tasks are printed one after the other, each under a '===> <task id> <===' header." })
public class TaskLogCommand extends ClusterCommandBase {

    static final long FOLLOW_INTERVAL_MILLIS = 1000;

    @Parameters(index = "0", paramLabel = "<task>", description = "A task id, part of one, or a regular expression.")
    String task;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<file>", defaultValue = "stdout", description = "The sandbox file (default stdout; e.g. stderr).")
    String file;

    @Option(names = "--follow", description = "Keep printing what is appended (Ctrl-C stops).")
    boolean follow;

    @Option(names = "--lines", paramLabel = "<n>", defaultValue = "10", description = "How many last lines to "
            + "print first (default 10).")
    int lines;

    @Option(names = "--completed", description = "Also consider tasks that have ended.")
    boolean completed;

    @Override
    public Integer call() throws InterruptedException {
        if (lines < 0) {
            throw usage("--lines must be 0 or more");
        }
        MesosApi mesos = mesos();
        List<MesosTasks.Task> all = MesosTasks.of(mesos.state(), true);
        List<MesosTasks.Task> matches = MesosTasks.matching(all.stream().filter(t -> completed || !t.completed())
                .toList(), task);
        if (matches.isEmpty() && !completed) {
            matches = MesosTasks.matching(all, task);
        }
        if (matches.isEmpty()) {
            throw new CliException("No task matches '" + task + "' ('dcos task list --all' shows them)");
        }
        List<SandboxFile> files = new ArrayList<>();
        for (MesosTasks.Task t : matches) {
            files.add(SandboxFile.of(mesos, t, file));
        }
        boolean headers = matches.size() > 1;
        int shown = -1;
        for (int i = 0; i < files.size(); i++) {
            String text = files.get(i).tail(lines);
            if (headers) {
                out().println((i > 0 ? "\n" : "") + "===> " + matches.get(i).id() + " <===");
            }
            out().print(text);
            out().flush();
            shown = i;
        }
        while (follow) {
            context().sleeper().sleep(FOLLOW_INTERVAL_MILLIS);
            for (int i = 0; i < files.size(); i++) {
                String text = files.get(i).next();
                if (text.isEmpty()) {
                    continue;
                }
                if (headers && shown != i) {
                    out().println("\n===> " + matches.get(i).id() + " <===");
                    shown = i;
                }
                out().print(text);
                out().flush();
            }
        }
        return 0;
    }
}
