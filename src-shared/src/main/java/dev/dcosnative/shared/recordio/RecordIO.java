package dev.dcosnative.shared.recordio;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Mesos RecordIO framing: each record is its length in decimal ASCII, a newline, then that many bytes. Used by every
 * streaming Mesos API (operator and scheduler SUBSCRIBE, the agent stream).
 */
public final class RecordIO {

    /** Records larger than this are refused by the {@link Decoder}: a hostile length must not exhaust memory. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 64 << 20;

    private RecordIO() {
    }

    /** One record, framed. */
    public static byte[] frame(byte[] record) {
        if (record.length == 0) {
            throw new IllegalArgumentException("RecordIO records are never empty");
        }
        byte[] header = (record.length + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] framed = new byte[header.length + record.length];
        System.arraycopy(header, 0, framed, 0, header.length);
        System.arraycopy(record, 0, framed, header.length, record.length);
        return framed;
    }

    /**
     * Incremental decoder: feed it chunks as they arrive off the wire, in any split, and it returns the records that
     * are complete. Not thread-safe; one decoder per stream.
     */
    public static final class Decoder {
        private final int maxRecordBytes;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private long expected = -1;
        private int lengthDigits;

        public Decoder() {
            this(DEFAULT_MAX_RECORD_BYTES);
        }

        public Decoder(int maxRecordBytes) {
            this.maxRecordBytes = maxRecordBytes;
        }

        /** The records completed by this chunk, in order. */
        public List<byte[]> feed(byte[] chunk) {
            List<byte[]> records = new ArrayList<>();
            int i = 0;
            while (i < chunk.length) {
                if (expected < 0) {
                    byte b = chunk[i++];
                    if (b == '\n') {
                        if (lengthDigits == 0) {
                            throw new RecordIOException("empty RecordIO length");
                        }
                        expected = Long.parseLong(pending.toString(StandardCharsets.US_ASCII));
                        pending.reset();
                        lengthDigits = 0;
                        if (expected == 0) {
                            throw new RecordIOException("zero-length RecordIO record");
                        }
                        if (expected > maxRecordBytes) {
                            throw new RecordIOException("RecordIO record of " + expected + " bytes exceeds the limit of "
                                    + maxRecordBytes);
                        }
                    } else if (b >= '0' && b <= '9' && lengthDigits < 19) {
                        pending.write(b);
                        lengthDigits++;
                    } else {
                        throw new RecordIOException("malformed RecordIO length byte 0x" + Integer.toHexString(b & 0xff));
                    }
                } else {
                    int take = (int) Math.min(expected - pending.size(), chunk.length - i);
                    pending.write(chunk, i, take);
                    i += take;
                    if (pending.size() == expected) {
                        records.add(pending.toByteArray());
                        pending.reset();
                        expected = -1;
                    }
                }
            }
            return records;
        }

        /** True when no partial record is buffered, i.e. the stream may end here cleanly. */
        public boolean atBoundary() {
            return expected < 0 && lengthDigits == 0;
        }
    }

    /** A stream that does not follow the RecordIO framing. */
    public static final class RecordIOException extends RuntimeException {
        public RecordIOException(String message) {
            super(message);
        }
    }
}
