package dev.dcosnative.cli.output;

import java.util.Optional;

import dev.dcosnative.cli.common.CliEnvironment;

/**
 * What the output goes to: an interactive terminal (progress bars redrawn in place) or a pipe, file or log (plain
 * lines). A terminal needs a console (standard input and output are terminals) and a {@code TERM} that is not
 * {@code dumb}.
 */
public record Terminal(boolean interactive, int width) {

    public static Terminal detect(CliEnvironment env) {
        boolean console = env.console().isPresent();
        boolean dumb = env.get("TERM").map(t -> t.equals("dumb")).orElse(false);
        int width = env.get("COLUMNS").flatMap(Terminal::parse).orElse(80);
        return new Terminal(console && !dumb, Math.max(40, width));
    }

    private static Optional<Integer> parse(String columns) {
        try {
            return Optional.of(Integer.parseInt(columns.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
