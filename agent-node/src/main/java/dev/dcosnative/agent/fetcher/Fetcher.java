package dev.dcosnative.agent.fetcher;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.mesos.v1.Protos.CommandInfo;
import org.jboss.logging.Logger;

import dev.dcosnative.agent.containerizer.ContainerException;
import dev.dcosnative.agent.containerizer.TaskProcesses;
import dev.dcosnative.agent.fetcher.core.FetchItem;

/**
 * The agent's fetcher, as Mesos' {@code mesos-fetcher}: before a task is launched, each of its
 * {@code CommandInfo.uris} is copied (absolute paths, {@code file://}) or downloaded ({@code http://},
 * {@code https://}; redirects followed, user info sent as basic authentication to the URL's own host only) into the
 * sandbox, then made executable or unpacked there ({@code tar}, {@code unzip} or {@code gzip}; a zip is read with
 * {@code java.util.zip} when there is no {@code unzip}), the archive staying in place.
 * <p>
 * Every step that touches the sandbox runs as the task's user ({@link TaskProcesses}), the way Mesos' fetcher runs as
 * that user: the files it fetches are the user's, and a local path is only copied when the user may read it. The agent
 * itself only streams downloads into such a process. Each URI is capped in bytes ({@code dcos.agent.fetcher.max-bytes})
 * and in time ({@code dcos.agent.fetcher.timeout}). What is fetched is logged to the sandbox's {@code stderr}, as Mesos'
 * fetcher logs it, never with credentials. Blocking: call it off the event loop and off the agent actor; a
 * {@link Cancellation} stops it from another thread.
 */
public final class Fetcher {

    private static final Logger LOG = Logger.getLogger(Fetcher.class);
    private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final int MAX_REDIRECTS = 10;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int ERROR_TAIL = 300;
    private static final DateTimeFormatter GLOG = DateTimeFormatter.ofPattern("MMdd HH:mm:ss.SSSSSS")
            .withZone(ZoneId.systemDefault());

    private final long maxBytes;
    private final Duration timeout;
    private final boolean systemUnzip;
    private final HttpClient http;
    private final ScheduledExecutorService watchdog;

    /**
     * @param maxBytes the largest download (and zip content) per URI
     * @param timeout the longest one URI may take, download and extraction included
     */
    public Fetcher(long maxBytes, Duration timeout) {
        this(maxBytes, timeout, onPath("unzip"));
    }

    /** @param systemUnzip whether zips are unpacked with the system's {@code unzip} (else {@code java.util.zip}) */
    Fetcher(long maxBytes, Duration timeout, boolean systemUnzip) {
        if (maxBytes <= 0 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the fetcher needs a positive size limit and timeout");
        }
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        this.systemUnzip = systemUnzip;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout.compareTo(Duration.ofSeconds(30)) < 0 ? timeout : Duration.ofSeconds(30))
                .build();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fetcher-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Stops a fetch under way from another thread: its current step is aborted (process killed, download closed) and
     * it fails with "cancelled". Thread-safe.
     */
    public static final class Cancellation {

        private boolean cancelled;
        private Deadline current;

        /** Cancels the fetch; idempotent. */
        public void cancel() {
            Deadline step;
            synchronized (this) {
                cancelled = true;
                step = current;
            }
            if (step != null) {
                step.abort("cancelled");
            }
        }

        private synchronized boolean enter(Deadline step) {
            current = step;
            return !cancelled;
        }
    }

    /** {@link #fetch(String, List, Path, Optional, Cancellation)} that nobody cancels. */
    public void fetch(String containerId, List<CommandInfo.URI> uris, Path sandbox, Optional<String> user)
            throws FetchException {
        fetch(containerId, uris, sandbox, user, new Cancellation());
    }

    /**
     * Fetches {@code uris} into {@code sandbox} (which exists) as {@code user} (empty: the agent's user), in order,
     * stopping at the first failure.
     *
     * @throws FetchException "Failed to fetch all URIs for container '...': Failed to fetch '<uri>': <why>"
     */
    public void fetch(String containerId, List<CommandInfo.URI> uris, Path sandbox, Optional<String> user,
            Cancellation cancellation) throws FetchException {
        String prefix = "Failed to fetch all URIs for container '" + containerId + "': ";
        Path stderr = sandbox.resolve("stderr");
        // opened before anything runs as the user, so a link the user might put there later is never followed
        try (OutputStream log = Files.newOutputStream(stderr, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            try (OutputStream out = Files.newOutputStream(sandbox.resolve("stdout"), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS)) {
                out.flush();
            }
            for (Path path : List.of(sandbox, sandbox.resolve("stdout"), stderr)) {
                TaskProcesses.chown(path, user);
            }
            log(log, "Fetching " + uris.size() + " URI(s) into the sandbox directory '" + sandbox + "'"
                    + user.map(u -> " as user '" + u + "'").orElse(""));
            for (CommandInfo.URI uri : uris) {
                String display = FetchItem.redact(uri.getValue().strip());
                try {
                    fetch(FetchItem.of(uri), sandbox, user, log, cancellation);
                } catch (IllegalArgumentException | Failure e) {
                    log(log, "Failed to fetch '" + display + "': " + e.getMessage());
                    throw new FetchException(prefix + "Failed to fetch '" + display + "': " + e.getMessage());
                }
            }
            log(log, "Successfully fetched all URIs into '" + sandbox + "'");
        } catch (IOException e) {
            throw new FetchException(prefix + "cannot use the sandbox " + sandbox + ": " + e.getMessage());
        } catch (ContainerException e) {
            throw new FetchException(prefix + e.getMessage());
        }
    }

    private void fetch(FetchItem item, Path sandbox, Optional<String> user, OutputStream log,
            Cancellation cancellation) throws Failure, IOException {
        log(log, "Fetching URI '" + item.display() + "'");
        Path target = sandbox.resolve(item.outputFile());
        // the steps name files relative to the sandbox (their working directory): the user may not be able to reach
        // the sandbox by its absolute path
        String relative = "./" + item.outputFile();
        try (Deadline deadline = new Deadline()) {
            if (!cancellation.enter(deadline)) {
                throw new Failure("cancelled");
            }
            try {
                Path parent = Path.of(item.outputFile()).getParent();
                if (parent != null) {
                    run(List.of("mkdir", "-p", "--", "./" + parent), sandbox, user, log, deadline);
                }
                if (item.local() != null) {
                    log(log, "Copying resource from '" + item.local() + "' to '" + target + "'");
                    run(List.of("cp", "--", item.local().toString(), relative), sandbox, user, log, deadline);
                } else {
                    log(log, "Downloading resource from '" + item.display() + "' to '" + target + "'");
                    long bytes = download(item, relative, sandbox, user, deadline);
                    log(log, "Downloaded " + bytes + " bytes");
                }
                if (item.executable()) {
                    run(List.of("chmod", "0755", "--", relative), sandbox, user, log, deadline);
                } else {
                    extract(item, relative, sandbox, user, log, deadline);
                }
            } catch (InterruptedException | InterruptedIOException e) {
                throw new Failure(deadline.aborted().orElse("interrupted"));
            } catch (IOException | ContainerException e) {
                throw new Failure(deadline.aborted().orElse(e.getMessage()));
            } catch (Failure e) {
                throw deadline.aborted().map(Failure::new).orElse(e);
            } finally {
                cancellation.enter(null);
            }
        }
        log(log, "Fetched '" + item.display() + "' to '" + target + "'");
    }

    /** Unpacks an archive ({@code target}, relative to the sandbox) into the sandbox, if it is one. */
    private void extract(FetchItem item, String target, Path sandbox, Optional<String> user, OutputStream log,
            Deadline deadline) throws Failure, IOException, InterruptedException, ContainerException {
        switch (item.archive()) {
            case NONE -> {
                return;
            }
            case TAR -> run(List.of("tar", "--no-same-owner", "-C", ".", "-xf", target), sandbox, user, log,
                    deadline);
            case ZIP -> {
                if (systemUnzip) {
                    run(List.of("unzip", "-o", "-q", "-d", ".", target), sandbox, user, log, deadline);
                } else {
                    unzip(sandbox.resolve(item.outputFile()), sandbox, user);
                }
            }
            case GZIP -> run(List.of("/bin/sh", "-c", "exec gzip -dc -- \"$1\" > \"$2\"", "gunzip", target,
                    "./" + item.gunzippedName()), sandbox, user, log, deadline);
        }
        log(log, "Extracted '" + sandbox.resolve(item.outputFile()) + "' into '" + sandbox + "'");
    }

    // -------------------------------------------------------------------------------------------------- download

    /**
     * Streams the URL's content into {@code target} (relative to the sandbox), written by a process of the task's
     * user; the bytes written.
     */
    private long download(FetchItem item, String target, Path sandbox, Optional<String> user, Deadline deadline)
            throws Failure, IOException, InterruptedException, ContainerException {
        HttpResponse<InputStream> response = get(item, deadline);
        try (InputStream body = response.body()) {
            // a blocked read ignores interrupts: the deadline closes the body instead
            deadline.watch(body);
            if (response.statusCode() != 200) {
                throw new Failure("Error downloading resource, received HTTP return code " + response.statusCode());
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (length > maxBytes) {
                throw new Failure(tooLarge());
            }
            Process writer = TaskProcesses.builder(List.of("/bin/sh", "-c", "exec cat > \"$1\"", "fetch", target),
                    Map.of("PATH", PATH), sandbox, user)
                    .redirectErrorStream(true)
                    .start();
            deadline.watch(() -> TaskProcesses.destroyTree(writer));
            long total = 0;
            try {
                try (OutputStream in = writer.getOutputStream()) {
                    byte[] buffer = new byte[64 * 1024];
                    int n;
                    while ((n = body.read(buffer)) >= 0) {
                        total += n;
                        if (total > maxBytes) {
                            throw new Failure(tooLarge());
                        }
                        in.write(buffer, 0, n);
                    }
                } catch (IOException e) {
                    if (!writer.isAlive() && writer.exitValue() != 0) {
                        throw new Failure("cannot write '" + target + "': " + tail(writer.getInputStream()));
                    }
                    throw deadline.aborted().map(Failure::new)
                            .orElseGet(() -> new Failure("Error downloading resource: " + describe(e)));
                }
                String output = tail(writer.getInputStream());
                int status = writer.waitFor();
                if (status != 0) {
                    throw new Failure("cannot write '" + target + "': " + output);
                }
                return total;
            } finally {
                if (writer.isAlive()) {
                    TaskProcesses.destroyTree(writer);
                }
            }
        }
    }

    /** GET, following redirects itself so that credentials only ever go to the URL's own host. */
    private HttpResponse<InputStream> get(FetchItem item, Deadline deadline)
            throws Failure, IOException, InterruptedException {
        URI uri = item.url();
        String origin = origin(uri);
        Optional<String> authorization = item.userInfo().map(u -> "Basic "
                + Base64.getEncoder().encodeToString(u.getBytes(StandardCharsets.UTF_8)));
        for (int hops = 0;; hops++) {
            HttpRequest.Builder request;
            try {
                request = HttpRequest.newBuilder(uri).GET().timeout(deadline.remaining())
                        .header("User-Agent", "dcos-agent-fetcher");
            } catch (IllegalArgumentException e) {
                throw new Failure("Error downloading resource: " + e.getMessage());
            }
            if (authorization.isPresent() && origin(uri).equals(origin)) {
                request.header("Authorization", authorization.get());
            }
            HttpResponse<InputStream> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException | InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                throw new Failure("Error downloading resource: " + describe(e));
            }
            Optional<String> location = response.headers().firstValue("Location");
            if (!REDIRECTS.contains(response.statusCode()) || location.isEmpty()) {
                return response;
            }
            response.body().close();
            if (hops >= MAX_REDIRECTS) {
                throw new Failure("Error downloading resource: more than " + MAX_REDIRECTS + " redirects");
            }
            try {
                uri = uri.resolve(location.get().strip());
            } catch (IllegalArgumentException e) {
                throw new Failure("Error downloading resource: a redirect to an invalid location");
            }
            if (uri.getScheme() == null || !Set.of("http", "https").contains(uri.getScheme().toLowerCase())) {
                throw new Failure("Error downloading resource: a redirect to a URL that is not http or https");
            }
        }
    }

    private static String origin(URI uri) {
        return (uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort()).toLowerCase();
    }

    private String tooLarge() {
        return "Error downloading resource: it is larger than the fetcher's limit of " + maxBytes
                + " bytes (dcos.agent.fetcher.max-bytes)";
    }

    private String timedOut() {
        return "timed out after " + timeout.toSeconds() + " s (dcos.agent.fetcher.timeout)";
    }

    // ------------------------------------------------------------------------------------------------------ unzip

    /**
     * Unpacks a zip into the sandbox without {@code unzip}: entries that would leave the sandbox, or pass through a
     * link, are refused; what is written is given to the task's user; the content is capped like a download.
     */
    private void unzip(Path zip, Path sandbox, Optional<String> user)
            throws Failure, IOException, ContainerException {
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip, LinkOption.NOFOLLOW_LINKS))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                Path out = sandbox.resolve(entry.getName()).normalize();
                if (!out.startsWith(sandbox) || out.equals(sandbox)) {
                    throw new Failure("the archive entry '" + entry.getName() + "' is not inside the sandbox");
                }
                if (entry.isDirectory()) {
                    directories(sandbox, out, user);
                    continue;
                }
                directories(sandbox, out.getParent(), user);
                if (Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
                    throw new Failure("the archive entry '" + entry.getName() + "' is a directory in the sandbox");
                }
                Files.deleteIfExists(out);
                try (OutputStream file = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    byte[] buffer = new byte[64 * 1024];
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        total += n;
                        if (total > maxBytes) {
                            throw new Failure("the archive's content is larger than the fetcher's limit of " + maxBytes
                                    + " bytes (dcos.agent.fetcher.max-bytes)");
                        }
                        file.write(buffer, 0, n);
                    }
                }
                TaskProcesses.chown(out, user);
            }
        }
    }

    /** Creates the directories from {@code sandbox} down to {@code dir}, refusing to go through a link. */
    private static void directories(Path sandbox, Path dir, Optional<String> user)
            throws Failure, IOException, ContainerException {
        Path current = sandbox;
        for (Path name : sandbox.relativize(dir)) {
            current = current.resolve(name);
            if (Files.isSymbolicLink(current)) {
                throw new Failure("'" + current + "' is a link; the archive is not unpacked through it");
            }
            if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(current);
                TaskProcesses.chown(current, user);
            }
        }
    }

    // -------------------------------------------------------------------------------------------------- processes

    /** Runs one step as the task's user; its output goes to the fetcher's log. */
    private static void run(List<String> argv, Path sandbox, Optional<String> user, OutputStream log,
            Deadline deadline) throws Failure, IOException, InterruptedException, ContainerException {
        Process process = TaskProcesses.builder(argv, Map.of("PATH", PATH), sandbox, user)
                .redirectErrorStream(true)
                .redirectInput(new File("/dev/null"))
                .start();
        deadline.watch(() -> TaskProcesses.destroyTree(process));
        try {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            try (InputStream out = process.getInputStream()) {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = out.read(buffer)) >= 0) {
                    log.write(buffer, 0, n);
                    if (output.size() < 64 * 1024) {
                        output.write(buffer, 0, n);
                    }
                }
            }
            int status = process.waitFor();
            if (status != 0) {
                String said = lastLines(output.toString(StandardCharsets.UTF_8));
                throw new Failure("'" + String.join(" ", argv) + "' exited with status " + status
                        + (said.isEmpty() ? "" : ": " + said));
            }
        } finally {
            if (process.isAlive()) {
                TaskProcesses.destroyTree(process);
            }
        }
    }

    private static String tail(InputStream output) {
        try (output) {
            return lastLines(new String(output.readNBytes(64 * 1024), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return "";
        }
    }

    private static String lastLines(String output) {
        String trimmed = output.strip().replace('\n', ' ');
        return trimmed.length() <= ERROR_TAIL ? trimmed : "..." + trimmed.substring(trimmed.length() - ERROR_TAIL);
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }

    private static void log(OutputStream log, String line) throws IOException {
        log.write(("I" + GLOG.format(Instant.now()) + " fetcher] " + line + "\n").getBytes(StandardCharsets.UTF_8));
        log.flush();
    }

    private static boolean onPath(String program) {
        for (String dir : PATH.split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Stops the watchdog; the fetcher is unusable afterwards. */
    public void close() {
        watchdog.shutdownNow();
    }

    /** One step failed: why, fit for the task's status. */
    private static final class Failure extends Exception {

        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The time one URI may take, and the way to abort it: when it is over, or the fetch is cancelled, everything the
     * step registered is stopped (the current process killed, the download closed: a blocked read ignores interrupts)
     * and the fetching thread interrupted.
     */
    private final class Deadline implements AutoCloseable {

        final Instant end = Instant.now().plus(timeout);
        final Thread thread = Thread.currentThread();
        final ScheduledFuture<?> alarm;
        private final List<AutoCloseable> watched = new ArrayList<>();
        private String abortedBecause;
        private boolean closed;

        Deadline() {
            alarm = watchdog.schedule(() -> abort(timedOut()), timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Stops {@code resource} when the step is aborted (at once if it already was). */
        void watch(AutoCloseable resource) {
            boolean now;
            synchronized (this) {
                watched.add(resource);
                now = abortedBecause != null;
            }
            if (now) {
                stop(resource);
            }
        }

        /** Why the step was aborted, if it was. */
        synchronized Optional<String> aborted() {
            return Optional.ofNullable(abortedBecause);
        }

        Duration remaining() {
            Duration left = Duration.between(Instant.now(), end);
            return left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left;
        }

        synchronized void abort(String why) {
            if (closed || abortedBecause != null) {
                return;
            }
            abortedBecause = why;
            LOG.debugf("A fetch step is aborted: %s", why);
            watched.forEach(Deadline::stop);
            thread.interrupt();
        }

        private static void stop(AutoCloseable resource) {
            try {
                resource.close();
            } catch (Exception e) {
                // stopping is best effort
            }
        }

        @Override
        public void close() {
            boolean interrupted;
            synchronized (this) {
                closed = true;
                alarm.cancel(false);
                interrupted = abortedBecause != null;
            }
            if (interrupted) {
                // the interrupt was the deadline's, not a caller's
                Thread.interrupted();
            }
        }
    }
}
