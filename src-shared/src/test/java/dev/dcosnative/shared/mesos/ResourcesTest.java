package dev.dcosnative.shared.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;
import org.junit.jupiter.api.Test;

class ResourcesTest {

    @Test
    void parsesTheResourcesFlag() {
        List<Resource> resources = Resources.parse("cpus:2.5;mem:1024;ports:[1-21,23-5050];disk(ops):100;tags:{a,b}",
                "*");

        assertThat(resources).extracting(Resource::getName).containsExactly("cpus", "mem", "ports", "disk", "tags");
        assertThat(resources.get(0).getScalar().getValue()).isEqualTo(2.5);
        assertThat(Resources.format(resources.get(2).getRanges())).isEqualTo("[1-21, 23-5050]");
        assertThat(Resources.roleOf(resources.get(3))).isEqualTo("ops");
        assertThat(resources.get(3).getReservations(0).getType()).isEqualTo(Resource.ReservationInfo.Type.STATIC);
        assertThat(Resources.roleOf(resources.get(0))).isEqualTo("*");
        assertThat(resources.get(4).getSet().getItemList()).containsExactly("a", "b");
    }

    @Test
    void defaultRoleBecomesAStaticReservation() {
        Resource cpus = Resources.parse("cpus:1", "slave_public").get(0);
        assertThat(cpus.getRole()).isEqualTo("slave_public");
        assertThat(cpus.getReservationsList()).hasSize(1);
        assertThat(Resources.roleOf(cpus)).isEqualTo("slave_public");
    }

    @Test
    void refusesWhatDoesNotParse() {
        assertThatThrownBy(() -> Resources.parse("cpus", "*")).hasMessageContaining("name:value");
        assertThatThrownBy(() -> Resources.parse("cpus:many", "*")).hasMessageContaining("cpus");
        assertThatThrownBy(() -> Resources.parse("mem:-1", "*")).hasMessageContaining("non-negative");
        assertThatThrownBy(() -> Resources.parseRanges("[5-1]")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Resources.parseRanges("1-5")).hasMessageContaining("[a-b");
    }

    @Test
    void roundsToThreeDecimalsAndSums() {
        assertThat(Resources.round(0.1 + 0.2)).isEqualTo(0.3);
        assertThat(Resources.sumScalar(List.of(Resources.scalar("cpus", 0.1, "*"), Resources.scalar("cpus", 0.2, "r"),
                Resources.scalar("mem", 5, "*")), "cpus")).isEqualTo(0.3);
        assertThat(Resources.ranges("ports", Value.Ranges.getDefaultInstance(), "*").getType())
                .isEqualTo(Value.Type.RANGES);
    }
}
