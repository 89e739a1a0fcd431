package dev.dcosnative.agent.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

class MasterLinkTest {

    @Test
    void mastersAreHostPortOrUrls() {
        assertThat(MasterLink.parseMasters(List.of("10.0.0.1:5050", " http://10.0.0.2:5050 ", "")))
                .containsExactly(URI.create("http://10.0.0.1:5050"), URI.create("http://10.0.0.2:5050"));
    }

    @Test
    void unusableMasterListsAreRefused() {
        assertThatThrownBy(() -> MasterLink.parseMasters(List.of("10.0.0.1"))).hasMessageContaining("host:port");
        assertThatThrownBy(() -> MasterLink.parseMasters(List.of(" "))).hasMessageContaining("empty");
    }
}
