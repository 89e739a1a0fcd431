package dev.dcosnative.shared.vertx;

import com.google.protobuf.Message;

import dev.dcosnative.shared.http.MediaTypes;
import dev.dcosnative.shared.proto.ProtoJson;

/**
 * A RecordIO stream of Mesos protobuf events in the encoding its client asked for (JSON or protobuf), as the operator
 * and scheduler SUBSCRIBE streams are.
 */
public final class MessageStream {

    private final RecordIOSink sink;
    private final String encoding;

    public MessageStream(RecordIOSink sink, String encoding) {
        this.sink = sink;
        this.encoding = encoding;
    }

    public void send(Message event) {
        sink.send(encode(event, encoding));
    }

    /** Sends an already encoded record (see {@link #encode}), to encode an event once for many streams. */
    public void sendEncoded(byte[] record) {
        sink.send(record);
    }

    public String encoding() {
        return encoding;
    }

    public RecordIOSink sink() {
        return sink;
    }

    public boolean isClosed() {
        return sink.isClosed();
    }

    public void close() {
        sink.close();
    }

    public static byte[] encode(Message event, String encoding) {
        return MediaTypes.APPLICATION_PROTOBUF.equals(encoding) ? event.toByteArray() : ProtoJson.toJson(event);
    }
}
