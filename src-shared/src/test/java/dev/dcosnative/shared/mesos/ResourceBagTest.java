package dev.dcosnative.shared.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.Random;

import org.apache.mesos.v1.Protos.Resource;
import org.junit.jupiter.api.Test;

class ResourceBagTest {

    private static ResourceBag bag(String spec) {
        return ResourceBag.of(Resources.parse(spec, "*"));
    }

    private static ResourceBag bag(String spec, String role) {
        return ResourceBag.of(Resources.parse(spec, role));
    }

    @Test
    void scalarsAddAndSubtractWithThreeDecimals() {
        ResourceBag agent = bag("cpus:2;mem:1024");
        ResourceBag task = bag("cpus:0.1;mem:32");

        ResourceBag left = agent.minus(task).minus(task).minus(task);

        assertThat(left.scalar("cpus")).isEqualTo(1.7);
        assertThat(left.scalar("mem")).isEqualTo(928);
        assertThat(left.plus(task).plus(task).plus(task)).isEqualTo(agent);
    }

    @Test
    void portsAreCarvedOutOfRanges() {
        ResourceBag agent = bag("ports:[31000-32000]");
        ResourceBag used = bag("ports:[31000-31000,31500-31502]");

        ResourceBag left = agent.minus(used);

        assertThat(left.toString()).isEqualTo("ports:[31001-31499, 31503-32000]");
        assertThat(left.rangesSize("ports")).isEqualTo(1001 - 4);
        assertThat(left.contains(bag("ports:[31500-31500]"))).isFalse();
        assertThat(left.plus(used)).isEqualTo(agent);
        assertThat(bag("ports:[1-5,6-9]").toString()).isEqualTo("ports:[1-9]");
    }

    @Test
    void minusRefusesWhatIsNotThere() {
        assertThatThrownBy(() -> bag("cpus:1").minus(bag("cpus:1.5"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bag("ports:[1-10]").minus(bag("ports:[10-11]")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bag("cpus:1").minus(bag("cpus:1", "slave_public")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rolesAreKeptApart() {
        ResourceBag agent = bag("cpus:1").plus(bag("cpus:2;mem:10", "slave_public"));

        assertThat(agent.scalar("cpus")).isEqualTo(3);
        assertThat(agent.allocatableTo("*")).isEqualTo(bag("cpus:1"));
        assertThat(agent.allocatableTo("slave_public").scalar("cpus")).isEqualTo(3);
        assertThat(agent.allocatableTo("marathon")).isEqualTo(bag("cpus:1"));
        assertThat(agent.roles()).containsExactly("*", "slave_public");
        assertThat(agent.reservedFor("slave_public").toResources())
                .allSatisfy(r -> assertThat(Resources.roleOf(r)).isEqualTo("slave_public"));
    }

    @Test
    void offersCarryTheirAllocationRole() {
        Resource cpus = bag("cpus:1").toResources("slave_public").get(0);
        assertThat(cpus.getAllocationInfo().getRole()).isEqualTo("slave_public");
        assertThat(ResourceBag.of(bag("cpus:1").toResources("x"))).isEqualTo(bag("cpus:1"));
    }

    @Test
    void setsBehaveAsSets() {
        assertThat(bag("gpus_ids:{a,b,c}").minus(bag("gpus_ids:{b}")).toString()).isEqualTo("gpus_ids:[a, c]");
    }

    @Test
    void quantitiesSumOverRolesWhateverTheType() {
        ResourceBag agent = bag("cpus:1.5;mem:64;ports:[31000-31009,31020-31020];ids:{a,b,c}")
                .plus(bag("cpus:0.25;ports:[1-2]", "slave_public"));

        assertThat(agent.quantity("cpus")).isEqualTo(1.75);
        assertThat(agent.quantity("ports")).isEqualTo(13);
        assertThat(agent.quantity("ids")).isEqualTo(3);
        assertThat(agent.quantity("gpus")).isZero();
        assertThat(agent.scalarQuantities()).containsExactly(entry("cpus", 1.75), entry("mem", 64.0));
        assertThat(ResourceBag.empty().scalarQuantities()).isEmpty();
    }

    @Test
    void randomPortCarvingNeverLosesOrInventsPorts() {
        Random random = new Random(11);
        for (int round = 0; round < 500; round++) {
            ResourceBag whole = bag("ports:[1000-1999]");
            ResourceBag used = ResourceBag.empty();
            for (int i = 0; i < 20; i++) {
                long begin = 1000 + random.nextInt(1000);
                long end = Math.min(1999, begin + random.nextInt(20));
                ResourceBag piece = bag("ports:[" + begin + "-" + end + "]");
                ResourceBag free = whole.minus(used);
                if (free.contains(piece)) {
                    used = used.plus(piece);
                }
            }
            ResourceBag free = whole.minus(used);
            assertThat(free.rangesSize("ports") + used.rangesSize("ports")).isEqualTo(1000);
            assertThat(free.plus(used)).isEqualTo(whole);
        }
    }
}
