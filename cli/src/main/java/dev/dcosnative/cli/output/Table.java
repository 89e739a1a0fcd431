package dev.dcosnative.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An aligned table for humans: upper-case headers, columns padded to their widest cell and separated by two spaces,
 * numeric columns right-aligned, no trailing blanks. {@code --json} prints the API's documents instead.
 */
public final class Table {

    private final List<String> headers;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    private Table(List<String> headers) {
        this.headers = headers;
        this.rightAligned = new boolean[headers.size()];
    }

    public static Table of(String... headers) {
        return new Table(Arrays.asList(headers));
    }

    /** Right-aligns the given columns (numbers). */
    public Table right(int... columns) {
        for (int column : columns) {
            rightAligned[column] = true;
        }
        return this;
    }

    public Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + headers.size() + " columns");
        }
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cell == null ? "" : oneLine(String.valueOf(cell)));
        }
        rows.add(row);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table as lines. */
    public List<String> lines() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(line(headers, widths));
        rows.forEach(row -> lines.add(line(row, widths)));
        return lines;
    }

    public void print(PrintWriter out) {
        lines().forEach(out::println);
        out.flush();
    }

    private String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            if (i > 0) {
                line.append("  ");
            }
            boolean last = i == cells.size() - 1;
            if (rightAligned[i]) {
                line.append(" ".repeat(widths[i] - cell.length())).append(cell);
            } else {
                line.append(cell);
                if (!last) {
                    line.append(" ".repeat(widths[i] - cell.length()));
                }
            }
        }
        return line.toString().stripTrailing();
    }

    private static String oneLine(String cell) {
        return cell.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }
}
