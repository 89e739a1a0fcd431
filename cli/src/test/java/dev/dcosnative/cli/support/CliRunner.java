package dev.dcosnative.cli.support;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import dev.dcosnative.cli.Cli;
import dev.dcosnative.cli.common.CliContext;
import dev.dcosnative.cli.common.CliEnvironment;

import picocli.CommandLine;

/**
 * Runs the CLI in-process, the way picocli's docs recommend testing: the real command tree and error handling, output
 * captured, a fixed environment (variables, home, standard input), and waits that return at once. A test that answers
 * a prompt gives standard input as a stream it writes while the CLI runs, reading the prompt from {@link #errSoFar()}.
 */
public final class CliRunner {

    /** What a run printed and returned. */
    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private final Map<String, String> env = new HashMap<>();
    private final Path home;
    private String stdin = "";
    private InputStream stdinStream;
    private volatile StringWriter err = new StringWriter();

    public CliRunner(Path home) {
        this.home = home;
        env.put("DCOS_DIR", home.resolve(".dcos").toString());
    }

    public CliRunner env(String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return this;
    }

    public CliRunner stdin(String text) {
        this.stdin = text;
        this.stdinStream = null;
        return this;
    }

    /** Standard input as a stream, for the next run: what a test writes to it while the CLI runs. */
    public CliRunner stdin(InputStream in) {
        this.stdinStream = in;
        return this;
    }

    /** What the CLI wrote to stderr so far in its current (or last) run. */
    public String errSoFar() {
        return err.toString();
    }

    public Path dcosDir() {
        return Path.of(env.get("DCOS_DIR"));
    }

    public Result run(String... args) {
        CliEnvironment environment = CliEnvironment.of(Map.copyOf(env), home,
                stdinStream != null ? stdinStream : new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        CliContext context = new CliContext(environment, Clock.systemUTC(), millis -> {
        });
        CommandLine commandLine = Cli.commandLine(CommandLine.defaultFactory(), context);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        this.err = err;
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
