package dev.dcosnative.it.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.shared.recordio.RecordIO;

/** A RecordIO event stream read on a thread of its own into a queue, as a subscriber would read it. */
public final class EventStream implements AutoCloseable {

    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> records = new LinkedBlockingQueue<>();
    private final HttpResponse<InputStream> response;
    private final Thread reader;

    private EventStream(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "event-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static EventStream open(HttpRequest request) {
        try {
            HttpResponse<InputStream> response = Http.client().send(Http.authorized(request),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                String body = new String(response.body().readAllBytes());
                throw new AssertionError("SUBSCRIBE -> " + response.statusCode() + " " + body);
            }
            return new EventStream(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpHeaders headers() {
        return response.headers();
    }

    private void read() {
        RecordIO.Decoder decoder = new RecordIO.Decoder();
        byte[] buffer = new byte[8192];
        try (InputStream in = response.body()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                byte[] chunk = new byte[n];
                System.arraycopy(buffer, 0, chunk, 0, n);
                records.addAll(decoder.feed(chunk));
            }
        } catch (IOException e) {
            // the stream ended
        } finally {
            records.add(END);
        }
    }

    /** The next record, or null when the stream ended or nothing came within {@code timeout}. */
    public byte[] next(Duration timeout) {
        try {
            byte[] record = records.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (record == END) {
                records.add(END);
                return null;
            }
            return record;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The next JSON event matching {@code wanted}, skipping others (heartbeats...). */
    public JsonNode awaitJson(String what, Duration timeout, Predicate<JsonNode> wanted) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            byte[] record = next(Duration.between(Instant.now(), deadline));
            if (record == null) {
                break;
            }
            try {
                JsonNode event = Http.JSON.readTree(record);
                if (wanted.test(event)) {
                    return event;
                }
            } catch (IOException e) {
                throw new AssertionError("an event that is not JSON: " + new String(record), e);
            }
        }
        throw new AssertionError("no " + what + " within " + timeout);
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // closing anyway
        }
        reader.interrupt();
    }
}
