package dev.dcosnative.agent.fetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.mesos.v1.Protos.CommandInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * The fetcher on its own, against real files and real HTTP servers on loopback: the edges a task launch does not
 * show (credentials, limits, stalls, zips without {@code unzip}).
 */
class FetcherTest {

    private Path dir;
    private Path sandbox;
    private final CountDownLatch release = new CountDownLatch(1);
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();
    private final List<HttpServer> servers = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createTempDirectory("fetcher-test-");
        sandbox = Files.createDirectories(dir.resolve("sandbox"));
    }

    @AfterEach
    void tearDown() throws IOException {
        release.countDown();
        servers.forEach(s -> s.stop(0));
        try (Stream<Path> tree = Files.walk(dir)) {
            tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static CommandInfo.URI uri(String value) {
        return CommandInfo.URI.newBuilder().setValue(value).build();
    }

    private String stderr() throws IOException {
        return Files.readString(sandbox.resolve("stderr"));
    }

    /** An HTTP server on {@code ip} with one handler per path; its base URL. */
    private String serve(String ip, Map<String, HttpHandler> handlers) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(ip, 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fetcher-test-server");
            t.setDaemon(true);
            return t;
        }));
        handlers.forEach((path, handler) -> server.createContext(path, exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.put(ip + exchange.getRequestURI().getPath(), authorization == null ? "" : authorization);
            handler.handle(exchange);
        }));
        server.start();
        servers.add(server);
        return "http://" + ip + ":" + server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void aZipIsUnpackedWithoutUnzipAndNothingLeavesTheSandbox() throws Exception {
        Path zip = dir.resolve("app.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("conf/"));
            out.putNextEntry(new ZipEntry("conf/app.properties"));
            out.write("x=1\n".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("README"));
            out.write("hello\n".getBytes(StandardCharsets.UTF_8));
        }
        Path evil = dir.resolve("evil.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(evil))) {
            out.putNextEntry(new ZipEntry("../escaped"));
            out.write("nope".getBytes(StandardCharsets.UTF_8));
        }
        Fetcher fetcher = new Fetcher(1 << 20, Duration.ofSeconds(30), false);

        fetcher.fetch("c1", List.of(uri(zip.toUri().toString())), sandbox, Optional.empty());

        assertThat(sandbox.resolve("conf/app.properties")).hasContent("x=1");
        assertThat(sandbox.resolve("README")).hasContent("hello");
        assertThat(sandbox.resolve("app.zip")).exists();
        assertThatThrownBy(() -> fetcher.fetch("c2", List.of(uri(evil.toString())), sandbox, Optional.empty()))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining("Failed to fetch all URIs for container 'c2'")
                .hasMessageContaining("'../escaped' is not inside the sandbox");
        assertThat(dir.resolve("escaped")).doesNotExist();
        fetcher.close();
    }

    @Test
    void credentialsGoToTheUrlsOwnHostOnlyAndAreNeverLogged() throws Exception {
        String elsewhere = serve("127.0.0.2", Map.of("/artifact.txt", exchange -> respond(exchange, 200,
                "artifact\n".getBytes(StandardCharsets.UTF_8))));
        String origin = serve("127.0.0.1", Map.of("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", elsewhere + "/artifact.txt");
            respond(exchange, 302, new byte[0]);
        }));
        Fetcher fetcher = new Fetcher(1 << 20, Duration.ofSeconds(30));
        String url = origin.replace("http://", "http://deployer:hunter2@") + "/moved";

        fetcher.fetch("c1", List.of(CommandInfo.URI.newBuilder().setValue(url).setOutputFile("artifact.txt")
                .build()), sandbox, Optional.empty());

        assertThat(sandbox.resolve("artifact.txt")).hasContent("artifact");
        assertThat(authorizations.get("127.0.0.1/moved")).startsWith("Basic ");
        assertThat(authorizations.get("127.0.0.2/artifact.txt")).isEmpty();
        assertThat(stderr()).contains("Fetched '" + origin + "/moved' to '" + sandbox.resolve("artifact.txt") + "'")
                .doesNotContain("hunter2").doesNotContain("deployer");
        fetcher.close();
    }

    @Test
    void downloadsAreCappedEvenWithoutAContentLength() throws Exception {
        String base = serve("127.0.0.1", Map.of("/big", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: the size is only known by counting
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = new byte[64 * 1024];
                for (int i = 0; i < 64; i++) {
                    out.write(chunk);
                }
            } catch (IOException e) {
                // the fetcher hung up, as it should
            }
        }, "/missing", exchange -> respond(exchange, 404, new byte[0])));
        Fetcher fetcher = new Fetcher(1 << 20, Duration.ofSeconds(30));

        assertThatThrownBy(() -> fetcher.fetch("c1", List.of(uri(base + "/big")), sandbox, Optional.empty()))
                .hasMessageContaining("Failed to fetch '" + base + "/big'")
                .hasMessageContaining("larger than the fetcher's limit of 1048576 bytes");
        assertThatThrownBy(() -> fetcher.fetch("c1", List.of(uri(base + "/missing")), sandbox, Optional.empty()))
                .hasMessageContaining("received HTTP return code 404");
        fetcher.close();
    }

    @Test
    void aStalledDownloadTimesOut() throws Exception {
        String base = serve("127.0.0.1", Map.of("/stall", exchange -> {
            exchange.sendResponseHeaders(200, 1000);
            exchange.getResponseBody().write(new byte[10]);
            exchange.getResponseBody().flush();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        }));
        Fetcher fetcher = new Fetcher(1 << 20, Duration.ofMillis(500));

        assertThatThrownBy(() -> fetcher.fetch("c1", List.of(uri(base + "/stall")), sandbox, Optional.empty()))
                .hasMessageContaining("timed out")
                .hasMessageContaining("dcos.agent.fetcher.timeout");
        // the fetching thread is not left interrupted
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        fetcher.close();
    }

    @Test
    void aGzFileIsDecompressedNextToIt() throws Exception {
        Path gz = dir.resolve("data.json.gz");
        try (OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("{}\n".getBytes(StandardCharsets.UTF_8));
        }
        Fetcher fetcher = new Fetcher(1 << 20, Duration.ofSeconds(30));

        fetcher.fetch("c1", List.of(uri(gz.toString())), sandbox, Optional.empty());

        assertThat(sandbox.resolve("data.json")).hasContent("{}");
        assertThat(sandbox.resolve("data.json.gz")).exists();
        fetcher.close();
    }
}
