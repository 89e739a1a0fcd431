package dev.dcosnative.cli.output;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.dcosnative.cli.common.CliEnvironment;

/**
 * What the output goes to: an interactive terminal (progress bars redrawn in place) or a pipe, file or log (plain
 * lines). A terminal needs a console (standard input and output are terminals) and a {@code TERM} that is not
 * {@code dumb}. Its width is {@code COLUMNS} when exported, else what {@code stty size} says, else 80.
 */
public record Terminal(boolean interactive, int width) {

    public static Terminal detect(CliEnvironment env) {
        boolean console = env.console().isPresent();
        boolean dumb = env.get("TERM").map(t -> t.equals("dumb")).orElse(false);
        boolean interactive = console && !dumb;
        int width = env.get("COLUMNS").flatMap(Terminal::parse)
                .or(() -> interactive ? sttyColumns() : Optional.empty())
                .orElse(80);
        return new Terminal(interactive, Math.max(40, width));
    }

    /** The terminal's columns from {@code stty size} (rows, then columns), asked of {@code /dev/tty}. */
    private static Optional<Integer> sttyColumns() {
        File tty = new File("/dev/tty");
        if (!tty.canRead()) {
            return Optional.empty();
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!stty.waitFor(500, TimeUnit.MILLISECONDS)) {
                stty.destroyForcibly();
                return Optional.empty();
            }
            String[] size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim()
                    .split("\\s+");
            return size.length == 2 ? parse(size[1]).filter(c -> c > 0) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<Integer> parse(String columns) {
        try {
            return Optional.of(Integer.parseInt(columns.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
