package dev.dcosnative.agent.containerizer.core;

/**
 * The fields of {@code /proc/<pid>/stat} the containerizer uses.
 *
 * @param pid the process id
 * @param state R, S, D, Z (zombie), X (dead), T, ...
 * @param ppid the parent's pid
 * @param pgrp the process group
 * @param startTicks when it started, in clock ticks since boot: with the pid, it identifies a process across pid reuse
 */
public record ProcStat(long pid, char state, long ppid, long pgrp, long startTicks) {

    /** Whether the process still runs (a zombie or a dead entry does not). */
    public boolean running() {
        return state != 'Z' && state != 'X' && state != 'x';
    }

    /**
     * Parses one {@code /proc/<pid>/stat} line. The command name (field 2) is in parentheses and may itself hold spaces
     * and parentheses, so fields are counted from the last closing parenthesis.
     *
     * @throws IllegalArgumentException when the line is not a stat line
     */
    public static ProcStat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 1 || close < open) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line);
        }
        String[] fields = line.substring(close + 1).trim().split("\\s+");
        if (fields.length < 20) {
            throw new IllegalArgumentException("short /proc/<pid>/stat line: " + line);
        }
        // fields[0] is field 3 (state); starttime is field 22
        return new ProcStat(Long.parseLong(line.substring(0, open).trim()), fields[0].charAt(0),
                Long.parseLong(fields[1]), Long.parseLong(fields[2]), Long.parseLong(fields[19]));
    }
}
