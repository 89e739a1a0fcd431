package dev.dcosnative.master.mesos.allocator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.dcosnative.shared.mesos.ResourceBag;
import dev.dcosnative.shared.mesos.Resources;

class MinAllocatableTest {

    private static ResourceBag bag(String spec) {
        return ResourceBag.of(Resources.parse(spec, "*"));
    }

    @Test
    void theDcosMinimumNeedsCpusMemAndAPort() {
        MinAllocatable dcos = MinAllocatable.parse("cpus:0.01;mem:32;ports:1");

        assertThat(dcos.allows(bag("cpus:0.01;mem:32;ports:[31000-31000]"))).isTrue();
        assertThat(dcos.allows(bag("cpus:0.005;mem:4096;ports:[31000-32000]"))).isFalse();
        assertThat(dcos.allows(bag("cpus:4;mem:31.999;ports:[31000-32000]"))).isFalse();
        assertThat(dcos.allows(bag("cpus:4;mem:4096"))).isFalse();
        assertThat(dcos.allows(ResourceBag.empty())).isFalse();
        assertThat(dcos).hasToString("cpus:0.01;mem:32;ports:1");
    }

    @Test
    void alternativesAreOred() {
        MinAllocatable either = MinAllocatable.parse("cpus:1 | mem:64;disk:10|ids:2");

        assertThat(either.allows(bag("cpus:1"))).isTrue();
        assertThat(either.allows(bag("mem:64;disk:10"))).isTrue();
        assertThat(either.allows(bag("mem:64"))).isFalse();
        assertThat(either.allows(bag("ids:{a,b}"))).as("a set counts its items").isTrue();
        assertThat(either.allows(bag("ids:{a}"))).isFalse();
        assertThat(either.alternatives()).hasSize(3);
        assertThat(MinAllocatable.parse("cpus:0.5;cpus:0.5")).isEqualTo(MinAllocatable.parse("cpus:1"));
    }

    @Test
    void badSpecificationsNameTheBadPart() {
        assertThatThrownBy(() -> MinAllocatable.parse(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> MinAllocatable.parse("cpus:1||mem:2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alternative");
        assertThatThrownBy(() -> MinAllocatable.parse("cpus:1;mem")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'mem'");
        assertThatThrownBy(() -> MinAllocatable.parse("cpus:lots")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'cpus:lots'");
        assertThatThrownBy(() -> MinAllocatable.parse("mem:-1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'mem:-1'");
        assertThatThrownBy(() -> MinAllocatable.parse("mem:NaN")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MinAllocatable.parse(":1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("':1'");
        assertThatThrownBy(() -> MinAllocatable.parse("cpus:1|;")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no resource");
    }
}
