package dev.dcosnative.master.exhibitor.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class EnsembleTest {

    @Test
    void oneMasterIsStandalone() {
        Ensemble ensemble = Ensemble.of(List.of("10.0.0.1"), "10.0.0.1", 2181, 2888, 3888);
        assertThat(ensemble.standalone()).isTrue();
        assertThat(ensemble.quorum()).isEqualTo(1);
        assertThat(ensemble.myId()).isEqualTo(1);
        assertThat(ensemble.connectString()).isEqualTo("10.0.0.1:2181");
    }

    @Test
    void threeMastersFormAQuorumWithIdsInListOrder() {
        Ensemble ensemble = Ensemble.of(List.of("10.0.0.1", " 10.0.0.2", "10.0.0.3"), "10.0.0.2", 2181, 2888, 3888);

        assertThat(ensemble.standalone()).isFalse();
        assertThat(ensemble.quorum()).isEqualTo(2);
        assertThat(ensemble.myId()).isEqualTo(2);
        assertThat(ensemble.connectString()).isEqualTo("10.0.0.1:2181,10.0.0.2:2181,10.0.0.3:2181");
        Properties zoo = ensemble.quorumConfig("/var/lib/zk", 2000);
        assertThat(zoo.getProperty("server.3")).isEqualTo("10.0.0.3:2888:3888;10.0.0.3:2181");
        assertThat(zoo.getProperty("dataDir")).isEqualTo("/var/lib/zk");
        assertThat(zoo.getProperty("standaloneEnabled")).isEqualTo("false");
    }

    @Test
    void fiveMastersNeedThree() {
        assertThat(Ensemble.of(List.of("a", "b", "c", "d", "e"), "e", 1, 2, 3).quorum()).isEqualTo(3);
    }

    @Test
    void refusesListsThatCannotFormAQuorum() {
        assertThatThrownBy(() -> Ensemble.of(List.of(), "a", 1, 2, 3)).hasMessageContaining("empty");
        assertThatThrownBy(() -> Ensemble.of(List.of("a", "b"), "a", 1, 2, 3)).hasMessageContaining("odd");
        assertThatThrownBy(() -> Ensemble.of(List.of("a", "a", "b"), "a", 1, 2, 3)).hasMessageContaining(
                "duplicates");
        assertThatThrownBy(() -> Ensemble.of(List.of("a", "b", "c"), "z", 1, 2, 3)).hasMessageContaining(
                "not in the master list");
    }
}
