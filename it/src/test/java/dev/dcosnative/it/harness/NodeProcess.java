package dev.dcosnative.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One real node process (a built {@code quarkus-run.jar}) with its output in a log file. Stopping is by its own pid
 * only: SIGTERM with a grace period, or SIGKILL to simulate a crash; its descendants go with it.
 */
public final class NodeProcess {

    private final String name;
    private final List<String> command;
    private final Path log;
    private Process process;

    private NodeProcess(String name, List<String> command, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.log = log;
    }

    /** A process of the given command line, logging to {@code log}; not started yet. */
    public static NodeProcess create(String name, List<String> command, Path log) {
        return new NodeProcess(name, command, log);
    }

    /** Starts the process; its output is appended to {@link #log()} (a restart keeps the earlier output). */
    public NodeProcess start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "=== start " + name + ": " + String.join(" ", command) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            process = builder.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /**
     * SIGKILL to the node's process only, as in a crash: what it started (an agent's tasks) lives on, as it would.
     */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        await(Duration.ofSeconds(10));
    }

    /**
     * SIGTERM, then SIGKILL after the grace period. An agent leaves its tasks running when it stops (they are
     * recovered when it starts again); {@link Cluster#close()} ends them.
     */
    public void stop(Duration grace) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!await(grace)) {
            process.destroyForcibly();
            await(Duration.ofSeconds(10));
        }
    }

    private boolean await(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Resident memory (VmRSS) in kB, from /proc. */
    public long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS for " + name);
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    /** The last {@code lines} lines of the log. */
    public String tail(int lines) {
        try {
            if (!Files.exists(log)) {
                return "";
            }
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
