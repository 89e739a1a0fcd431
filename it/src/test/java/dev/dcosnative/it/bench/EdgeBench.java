package dev.dcosnative.it.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.dcosnative.it.harness.Cluster;
import dev.dcosnative.it.harness.Http;

/**
 * The edge's overhead, measured with {@code wrk} in one run (same connections, threads and duration for each): GET
 * {@code /ping} of Marathon straight on the master's component port, through the edge
 * ({@code /service/marathon/ping}: token verified and ACL checked on every request), and through Debian's nginx
 * proxying to the same component; then logins per second ({@code POST /acs/api/v1/auth/login} through the edge).
 * Needs {@code wrk} and {@code nginx} ({@code bin/setup-machine --bench} installs them). Prints the figures.
 */
@Tag("bench")
class EdgeBench {

    private static final int CONNECTIONS = Integer.getInteger("bench.connections", 32);
    private static final String DURATION = System.getProperty("bench.duration", "15s");
    private static final String WARMUP = System.getProperty("bench.warmup", "10s");

    @Test
    void edgeOverhead() throws Exception {
        for (String tool : List.of("wrk", "nginx")) {
            assertThat(which(tool)).as(tool + " is installed (bin/setup-machine --bench)").isTrue();
        }
        try (Cluster cluster = Cluster.builder("bench-edge").privateAgents(0).publicAgents(0).build().start()) {
            String ip = cluster.leader().ip();
            String token = cluster.token();
            Path dir = Files.createTempDirectory("edge-bench");
            int nginxPort = 8090;
            Process nginx = startNginx(dir, ip, nginxPort);
            try {
                String header = "Authorization: token=" + token;
                Map<String, String> targets = new LinkedHashMap<>();
                targets.put("component :5050 /ping", "http://" + ip + ":5050/ping");
                targets.put("edge /service/marathon/ping", "http://" + ip + "/service/marathon/ping");
                targets.put("nginx -> :5050 /ping", "http://" + ip + ":" + nginxPort + "/ping");
                // the JVM's JIT first: an unmeasured run of each, then the measured ones
                for (String url : targets.values()) {
                    wrk(url, header, WARMUP, dir);
                }
                List<String> lines = new ArrayList<>();
                for (Map.Entry<String, String> target : targets.entrySet()) {
                    lines.add(run(target.getKey(), target.getValue(), header, dir));
                }
                Path login = dir.resolve("login.lua");
                Files.writeString(login, """
                        wrk.method = "POST"
                        wrk.headers["Content-Type"] = "application/json"
                        wrk.body = '{"uid":"%s","password":"%s"}'
                        """.formatted(Cluster.SUPERUSER, Cluster.SUPERUSER_PASSWORD));
                lines.add(run("edge login (POST /acs/api/v1/auth/login)", "http://" + ip + "/acs/api/v1/auth/login",
                        null, dir, "-s", login.toString()));
                System.out.printf(Locale.ROOT,
                        "%nEdge overhead, JVM mode, wrk -t2 -c%d -d%s after %s of warm-up each (same run):%n",
                        CONNECTIONS, DURATION, WARMUP);
                lines.forEach(System.out::println);
            } finally {
                nginx.destroy();
                nginx.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** wrk's report of {@code url} for {@code duration}. */
    private static String wrk(String url, String header, String duration, Path dir, String... extra)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + CONNECTIONS, "-d" + duration,
                "--latency"));
        if (header != null) {
            command.addAll(List.of("-H", header));
        }
        command.addAll(List.of(extra));
        command.add(url);
        Process wrk = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        wrk.waitFor();
        return output;
    }

    private static String run(String what, String url, String header, Path dir, String... extra) throws Exception {
        String output = wrk(url, header, DURATION, dir, extra);
        assertThat(output).as(what + ":\n" + output).doesNotContain("Non-2xx");
        return String.format(Locale.ROOT, "  %-44s %10s req/s   p50 %8s   p99 %8s", what,
                find(output, "Requests/sec:\\s+([\\d.]+)"), find(output, "\\s50%\\s+(\\S+)"),
                find(output, "\\s99%\\s+(\\S+)"));
    }

    private static Process startNginx(Path dir, String ip, int port) throws IOException, InterruptedException {
        Path conf = dir.resolve("nginx.conf");
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(conf, """
                worker_processes 2;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log;
                daemon off;
                events { worker_connections 1024; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  upstream component { server %2$s:5050; keepalive 64; }
                  server {
                    listen %2$s:%3$d;
                    location / {
                      proxy_pass http://component;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                    }
                  }
                }
                """.formatted(dir, ip, port));
        Process nginx = new ProcessBuilder("nginx", "-c", conf.toString(), "-p", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("logs/stdout.log").toFile()).start();
        for (int i = 0; i < 50; i++) {
            try {
                if (Http.get("http://" + ip + ":" + port + "/ping").statusCode() == 200) {
                    return nginx;
                }
            } catch (RuntimeException e) {
                // not up yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("nginx did not start: " + Files.readString(dir.resolve("logs/error.log")));
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : "?";
    }

    private static boolean which(String tool) throws IOException, InterruptedException {
        return new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
    }
}
