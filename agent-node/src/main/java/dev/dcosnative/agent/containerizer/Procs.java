package dev.dcosnative.agent.containerizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.dcosnative.agent.containerizer.core.ProcStat;

/** What the containerizer reads from {@code /proc}, and how it signals processes that are not its children. */
final class Procs {

    private static final Path PROC = Path.of("/proc");

    private Procs() {
    }

    /** The stat of a process; empty when there is no such process (any more). */
    static Optional<ProcStat> stat(long pid) {
        if (pid <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(ProcStat.parse(Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"))));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether {@code pid} is still the running process that was identified: by its start time when known (ticks
     * above zero), else by its command line holding {@code cmdlineMark}.
     */
    static boolean isRunning(long pid, long startTicks, String cmdlineMark) {
        Optional<ProcStat> stat = stat(pid);
        if (stat.isEmpty() || !stat.get().running()) {
            return false;
        }
        if (startTicks > 0) {
            return stat.get().startTicks() == startTicks;
        }
        try {
            byte[] cmdline = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
            return new String(cmdline, StandardCharsets.UTF_8).contains(cmdlineMark);
        } catch (IOException e) {
            return false;
        }
    }

    /** The running processes of process group {@code pgid} that started at or after {@code notBeforeTicks}. */
    static List<Long> group(long pgid, long notBeforeTicks) {
        List<Long> members = new ArrayList<>();
        if (pgid <= 1) {
            return members;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
                    continue;
                }
                stat(Long.parseLong(name)).filter(s -> s.pgrp() == pgid && s.running())
                        .filter(s -> s.startTicks() >= notBeforeTicks)
                        .ifPresent(s -> members.add(s.pid()));
            }
        } catch (IOException | NumberFormatException e) {
            // a racing /proc: what was read is the answer
        }
        return members;
    }

    /** SIGTERM ({@code force} false) or SIGKILL to {@code pid}, if it still runs. */
    static void signal(long pid, boolean force) {
        ProcessHandle.of(pid).ifPresent(process -> {
            if (force) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
        });
    }

    /** The kernel's boot id: processes of an earlier boot are gone. */
    static String bootId() {
        try {
            return Files.readString(PROC.resolve("sys/kernel/random/boot_id")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Whether this process runs as root (effective uid 0). */
    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(PROC.resolve("self"), "unix:uid")) == 0;
        } catch (IOException | RuntimeException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
