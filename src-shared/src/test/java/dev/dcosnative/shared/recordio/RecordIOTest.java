package dev.dcosnative.shared.recordio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class RecordIOTest {

    @Test
    void framesWithDecimalLengthAndNewline() {
        assertThat(new String(RecordIO.frame("{\"a\":1}".getBytes()), StandardCharsets.US_ASCII))
                .isEqualTo("7\n{\"a\":1}");
    }

    @Test
    void decodesRecordsWhateverTheChunkBoundaries() {
        List<String> records = List.of("one", "{\"type\":\"HEARTBEAT\"}", "x".repeat(1000), "\n\n12\n");
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        records.forEach(r -> wire.writeBytes(RecordIO.frame(r.getBytes(StandardCharsets.UTF_8))));
        byte[] bytes = wire.toByteArray();

        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            RecordIO.Decoder decoder = new RecordIO.Decoder();
            List<String> decoded = new ArrayList<>();
            int i = 0;
            while (i < bytes.length) {
                int n = Math.min(bytes.length - i, 1 + random.nextInt(40));
                byte[] chunk = new byte[n];
                System.arraycopy(bytes, i, chunk, 0, n);
                decoder.feed(chunk).forEach(r -> decoded.add(new String(r, StandardCharsets.UTF_8)));
                i += n;
            }
            assertThat(decoded).isEqualTo(records);
            assertThat(decoder.atBoundary()).isTrue();
        }
    }

    @Test
    void refusesMalformedAndOversizedRecords() {
        assertThatThrownBy(() -> new RecordIO.Decoder().feed("abc\n".getBytes()))
                .isInstanceOf(RecordIO.RecordIOException.class);
        assertThatThrownBy(() -> new RecordIO.Decoder().feed("0\n".getBytes()))
                .isInstanceOf(RecordIO.RecordIOException.class);
        assertThatThrownBy(() -> new RecordIO.Decoder(10).feed("11\n".getBytes()))
                .isInstanceOf(RecordIO.RecordIOException.class)
                .hasMessageContaining("exceeds");
        assertThatThrownBy(() -> new RecordIO.Decoder().feed("99999999999999999999\n".getBytes()))
                .isInstanceOf(RecordIO.RecordIOException.class);
    }
}
