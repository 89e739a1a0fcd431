package dev.dcosnative.master.iam.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

/**
 * A PostgreSQL server the master runs and supervises under its work directory, as DC/OS runs its databases: the
 * system's server binaries ({@code /usr/lib/postgresql/<version>/bin}), run as the {@code postgres} user when the
 * master runs as root (PostgreSQL refuses root), data in its {@code data} directory, log in its {@code postgres.log},
 * listening on the master's IP with password (SCRAM) authentication for TCP clients and a private Unix socket for
 * its own administration. The server is a process of its own: it outlives a master killed with SIGKILL, and the
 * restarted master finds it running.
 */
public final class EmbeddedPostgres {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgres.class);
    private static final Path DEBIAN_BINARIES = Path.of("/usr/lib/postgresql");

    private final Path dir;
    private final Path bin;
    private final String ip;
    private final int port;
    private final boolean fsync;
    private final Path socketDir;
    private final boolean asPostgresUser;

    public EmbeddedPostgres(Path dir, Path bin, String ip, int port, boolean fsync) {
        this.dir = dir.toAbsolutePath();
        this.bin = bin;
        this.ip = ip;
        this.port = port;
        this.fsync = fsync;
        // Unix socket paths are limited to ~107 bytes: keep the socket in a short, private directory.
        this.socketDir = Path.of("/tmp", "dcos-pg-" + Integer.toHexString(this.dir.toString().hashCode()));
        this.asPostgresUser = "root".equals(System.getProperty("user.name"));
    }

    /** The newest PostgreSQL server binaries of the system, or the configured ones. */
    public static Path binaries(String configured) {
        if (configured != null) {
            Path bin = Path.of(configured);
            if (!Files.isExecutable(bin.resolve("pg_ctl"))) {
                throw new IllegalStateException("No pg_ctl in " + bin + " (dcos.master.db.binaries)");
            }
            return bin;
        }
        try (Stream<Path> versions = Files.list(DEBIAN_BINARIES)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> version(b.getParent().getFileName().toString())))
                    .orElseThrow();
        } catch (IOException | java.util.NoSuchElementException e) {
            throw new IllegalStateException("No PostgreSQL server binaries under " + DEBIAN_BINARIES + ": install "
                    + "Debian's postgresql package (bin/setup-machine does), set dcos.master.db.binaries, or point "
                    + "dcos.master.db.url at an external database");
        }
    }

    private static int version(String name) {
        try {
            return Integer.parseInt(name.replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Makes sure the server runs: creates the cluster (with the role and database) at first start, starts the server
     * when it is down. Idempotent; blocking.
     */
    public void start(String role, String password, String database) {
        try {
            Files.createDirectories(dir);
            Files.createDirectories(socketDir);
            if (asPostgresUser) {
                chown(dir);
                chown(socketDir);
            }
            Path data = dir.resolve("data");
            boolean created = false;
            if (!Files.exists(data.resolve("PG_VERSION"))) {
                initdb(data);
                created = true;
            }
            if (!running()) {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                        dir.resolve("postgres.log").toString(), "-w", "-t", "60", "-o", serverOptions(), "start"),
                        null, 90);
                LOG.infof("PostgreSQL started on %s:%d (data in %s)", ip, port, data);
            }
            if (created) {
                String quoted = password.replace("'", "''");
                run(psql("postgres"), "create role \"" + role + "\" login password '" + quoted + "';\n"
                        + "create database \"" + database + "\" owner \"" + role + "\";\n", 60);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL in " + dir, e);
        }
    }

    /** True when the server of this data directory runs. */
    public boolean running() {
        try {
            return run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "status"),
                    null, 30, true) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the server (fast shutdown: sessions end, data is safe). */
    public void stop() {
        try {
            if (running()) {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast",
                        "-w", "stop"), null, 60);
                LOG.info("PostgreSQL stopped");
            }
        } catch (IOException e) {
            LOG.warnf("Stopping PostgreSQL: %s", e.getMessage());
        }
    }

    private void initdb(Path data) throws IOException {
        List<String> command = new ArrayList<>(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U",
                "postgres", "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-locale"));
        if (!fsync) {
            command.add("--no-sync");
        }
        run(command, null, 120);
        // TCP clients (this and the other masters) authenticate with the role's password; the local socket, in a
        // directory only postgres and root can enter, is for administration.
        Path hba = data.resolve("pg_hba.conf");
        Files.writeString(hba, """
                # written by dcos-master: administration over the private Unix socket, SCRAM for TCP clients
                local all all trust
                host all all 0.0.0.0/0 scram-sha-256
                host all all ::/0 scram-sha-256
                """);
        if (asPostgresUser) {
            chown(hba);
        }
        LOG.infof("Created a PostgreSQL cluster in %s", data);
    }

    private String serverOptions() {
        StringBuilder options = new StringBuilder("-p " + port + " -k " + socketDir + " -c listen_addresses=" + ip);
        if (!fsync) {
            options.append(" -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        }
        return options.toString();
    }

    private List<String> psql(String database) {
        return List.of(bin.resolve("psql").toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h",
                socketDir.toString(), "-p", Integer.toString(port), "-U", "postgres", "-d", database);
    }

    private void chown(Path path) throws IOException {
        run(List.of("chown", "-R", "postgres:postgres", path.toString()), null, 60, false, false);
        try {
            Files.setPosixFilePermissions(path.equals(socketDir) ? socketDir : path,
                    java.nio.file.attribute.PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------"
                            : "rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }

    private int run(List<String> command, String stdin, int timeoutSeconds) throws IOException {
        return run(command, stdin, timeoutSeconds, false);
    }

    private int run(List<String> command, String stdin, int timeoutSeconds, boolean mayFail) throws IOException {
        return run(command, stdin, timeoutSeconds, mayFail, asPostgresUser);
    }

    /** Runs a command (as postgres when asked), its output to the server log; fails unless {@code mayFail}. */
    private int run(List<String> command, String stdin, int timeoutSeconds, boolean mayFail, boolean asPostgres)
            throws IOException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Path log = dir.resolve("commands.log");
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .directory(dir.toFile());
        builder.environment().put("LC_ALL", "C");
        Process process = builder.start();
        try (var in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish in " + timeoutSeconds + "s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted", e);
        }
        int code = process.exitValue();
        if (code != 0 && !mayFail) {
            throw new IOException(Path.of(command.get(0)).getFileName() + " failed with exit code " + code
                    + " (see " + log + " and " + dir.resolve("postgres.log") + ")");
        }
        return code;
    }
}
