package dev.dcosnative.it.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Ends what a test cluster's agents left running — tasks outlive their agent by design — and removes their cgroups:
 * every process in the cluster's own cgroup root, and every process whose command line or environment names the
 * cluster's work directory (task supervisors, tasks without cgroups). Only processes younger than the cluster are
 * touched, never this JVM.
 */
final class Leftovers {

    private static final List<String> CONTROLLERS = List.of("freezer", "memory", "pids", "cpu", "cpuacct", "unified");
    private static final Path CGROUPS = Path.of("/sys/fs/cgroup");

    private Leftovers() {
    }

    static void end(Path workRoot, String cgroupsRoot, Instant since) {
        String marker = workRoot.toAbsolutePath().toString();
        long self = ProcessHandle.current().pid();
        for (int round = 0; round < 3; round++) {
            for (String controller : CONTROLLERS) {
                Path root = CGROUPS.resolve(controller).resolve(cgroupsRoot);
                for (Path procs : files(root, "cgroup.procs")) {
                    for (String line : lines(procs)) {
                        kill(Long.parseLong(line.trim()), self, since);
                    }
                }
            }
            try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
                for (Path dir : proc.toList()) {
                    String name = dir.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    if (mentions(dir.resolve("cmdline"), marker) || mentions(dir.resolve("environ"), marker)) {
                        kill(Long.parseLong(name), self, since);
                    }
                }
            } catch (IOException e) {
                // no /proc: nothing to find
            }
            Await.sleep(Duration.ofMillis(200));
        }
        for (String controller : CONTROLLERS) {
            Path root = CGROUPS.resolve(controller).resolve(cgroupsRoot);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> dirs = Files.walk(root)) {
                for (Path dir : dirs.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                    try {
                        Files.deleteIfExists(dir);
                    } catch (IOException e) {
                        // still busy: left for the machine
                    }
                }
            } catch (IOException e) {
                // gone meanwhile
            }
        }
    }

    private static void kill(long pid, long self, Instant since) {
        if (pid == self) {
            return;
        }
        ProcessHandle.of(pid).ifPresent(process -> {
            boolean young = process.info().startInstant().map(start -> !start.isBefore(since)).orElse(false);
            if (young) {
                process.destroyForcibly();
            }
        });
    }

    private static boolean mentions(Path file, String marker) {
        try {
            byte[] content = Files.readAllBytes(file);
            return new String(content, StandardCharsets.ISO_8859_1).contains(marker);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static List<Path> files(Path root, String name) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(p -> p.getFileName().toString().equals(name)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
