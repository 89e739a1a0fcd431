package dev.dcosnative.shared.vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import dev.dcosnative.shared.recordio.RecordIO;

/**
 * One streaming HTTP response of RecordIO records (an operator event stream, an agent's stream). Records may be sent
 * from any thread: every write hops onto the response's Vert.x context, in order. The status line and headers go out
 * with the first record, so a call refused before that still gets a plain error response. A consumer too slow to keep
 * up (its write queue is full) is disconnected rather than buffered without bound.
 */
public final class RecordIOSink {

    private final HttpServerResponse response;
    private final Context context;
    private final String contentType;
    private final Map<String, String> headers;
    private final List<Runnable> closeActions = new ArrayList<>();
    private boolean started;
    private volatile boolean closed;

    public RecordIOSink(HttpServerResponse response, Context context, String contentType,
            Map<String, String> headers) {
        this.response = response;
        this.context = context;
        this.contentType = contentType;
        this.headers = Map.copyOf(headers);
    }

    /** Sends one record (framed here). Silently dropped once the stream is closed. */
    public void send(byte[] record) {
        byte[] framed = RecordIO.frame(record);
        context.runOnContext(v -> {
            if (closed || response.ended() || response.closed()) {
                return;
            }
            if (!started) {
                started = true;
                response.setStatusCode(200).setChunked(true).putHeader("Content-Type", contentType);
                headers.forEach(response::putHeader);
            }
            if (response.writeQueueFull()) {
                close();
                return;
            }
            response.write(Buffer.buffer(framed));
        });
    }

    /** Ends the stream. */
    public void close() {
        context.runOnContext(v -> {
            closed = true;
            if (!response.ended() && !response.closed()) {
                response.end();
            }
        });
    }

    /** Runs {@code action} once when the client goes away or the stream ends (each registered action runs). */
    public void onClose(Runnable action) {
        context.runOnContext(v -> {
            if (closeActions.isEmpty()) {
                response.closeHandler(x -> closed());
                response.endHandler(x -> closed());
            }
            closeActions.add(action);
            if (response.closed() || response.ended()) {
                closed();
            }
        });
    }

    private void closed() {
        closed = true;
        List<Runnable> actions = new ArrayList<>(closeActions);
        closeActions.clear();
        actions.forEach(Runnable::run);
    }

    public boolean isClosed() {
        return closed;
    }
}
