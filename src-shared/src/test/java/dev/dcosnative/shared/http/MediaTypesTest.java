package dev.dcosnative.shared.http;

import static dev.dcosnative.shared.http.MediaTypes.APPLICATION_JSON;
import static dev.dcosnative.shared.http.MediaTypes.APPLICATION_PROTOBUF;
import static dev.dcosnative.shared.http.MediaTypes.MESOS_ENCODINGS;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MediaTypesTest {

    @Test
    void negotiatesLikeMesos() {
        assertThat(MediaTypes.negotiate(null, MESOS_ENCODINGS)).contains(APPLICATION_JSON);
        assertThat(MediaTypes.negotiate("*/*", MESOS_ENCODINGS)).contains(APPLICATION_JSON);
        assertThat(MediaTypes.negotiate("application/x-protobuf", MESOS_ENCODINGS)).contains(APPLICATION_PROTOBUF);
        assertThat(MediaTypes.negotiate("application/json;q=0.5, application/x-protobuf", MESOS_ENCODINGS))
                .contains(APPLICATION_PROTOBUF);
        assertThat(MediaTypes.negotiate("application/*", MESOS_ENCODINGS)).contains(APPLICATION_JSON);
        assertThat(MediaTypes.negotiate("text/html", MESOS_ENCODINGS)).isEmpty();
        assertThat(MediaTypes.negotiate("application/json;q=0", MESOS_ENCODINGS)).isEmpty();
        assertThat(MediaTypes.negotiate("garbage", MESOS_ENCODINGS)).isEmpty();
    }

    @Test
    void essenceDropsParameters() {
        assertThat(MediaTypes.essence("Application/JSON; charset=utf-8")).isEqualTo(APPLICATION_JSON);
        assertThat(MediaTypes.essence(null)).isNull();
    }
}
