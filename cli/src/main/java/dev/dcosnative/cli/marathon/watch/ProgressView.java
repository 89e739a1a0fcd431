package dev.dcosnative.cli.marathon.watch;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

import dev.dcosnative.cli.output.Terminal;

/**
 * How a watched deployment is shown: on a terminal a progress bar redrawn in place; elsewhere (a pipe, a file, a CI
 * log) one plain line whenever something changes.
 */
public interface ProgressView {

    /** The deployment moved (or was looked at again). */
    void update(DeploymentProgress progress);

    /** Why it is not moving (offers that do not fit, failing tasks); shown once per new reason. */
    void note(String note);

    /** It is over; {@code line} says how it ended (printed for a success; a failure is the command's error). */
    void finish(boolean success, String line);

    static ProgressView of(Terminal terminal, PrintWriter err, String label) {
        return terminal.interactive() ? new Bar(err, label, terminal.width()) : new Lines(err, label);
    }

    /** Plain lines: printed only when the description changes. */
    final class Lines implements ProgressView {
        private final PrintWriter out;
        private final String label;
        private String last = "";
        private String lastNote = "";

        public Lines(PrintWriter out, String label) {
            this.out = out;
            this.label = label;
        }

        @Override
        public void update(DeploymentProgress progress) {
            String line = label + ": " + progress.describe() + " ("
                    + Math.round(progress.fraction() * 100) + "%)";
            if (!line.equals(last)) {
                out.println(line);
                out.flush();
                last = line;
            }
        }

        @Override
        public void note(String note) {
            if (!note.equals(lastNote)) {
                out.println(label + ": " + note);
                out.flush();
                lastNote = note;
            }
        }

        @Override
        public void finish(boolean success, String line) {
            if (success) {
                out.println(line);
            }
            out.flush();
        }
    }

    /** A bar on one terminal line, redrawn with a carriage return; notes are printed above it. */
    final class Bar implements ProgressView {
        static final int BAR_WIDTH = 30;
        private static final String CLEAR_LINE = "\r\033[2K";
        private final PrintWriter out;
        private final String label;
        private final int width;
        private String lastNote = "";
        private String current = "";

        public Bar(PrintWriter out, String label, int width) {
            this.out = out;
            this.label = label;
            this.width = width;
        }

        @Override
        public void update(DeploymentProgress progress) {
            current = render(label, progress, width);
            out.print(CLEAR_LINE + current);
            out.flush();
        }

        /** {@code [##########--------------------]  33% label step 1/1: StartApplication /web 1/3}. */
        static String render(String label, DeploymentProgress progress, int width) {
            double fraction = progress.fraction();
            int filled = (int) Math.round(fraction * BAR_WIDTH);
            String line = "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] "
                    + String.format(Locale.ROOT, "%3d%%", Math.round(fraction * 100)) + " " + label + " "
                    + progress.describe();
            return line.length() >= width ? line.substring(0, width - 1) : line;
        }

        @Override
        public void note(String note) {
            if (!note.equals(lastNote)) {
                out.print(CLEAR_LINE + label + ": " + note + "\n" + current);
                out.flush();
                lastNote = note;
            }
        }

        @Override
        public void finish(boolean success, String line) {
            if (success) {
                out.print(CLEAR_LINE + "[" + "#".repeat(BAR_WIDTH) + "] 100% " + label + "\n");
                out.println(line);
            } else if (!current.isEmpty()) {
                out.print("\n");
            }
            out.flush();
        }
    }

    /** {@code 4.2 s}, {@code 1 min 5 s}. */
    static String duration(Duration d) {
        long millis = d.toMillis();
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return (millis / 60_000) + " min " + (millis % 60_000) / 1000 + " s";
    }
}
