package dev.dcosnative.agent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.apache.mesos.v1.Protos.Resource;
import org.junit.jupiter.api.Test;

import dev.dcosnative.shared.mesos.Resources;

class AgentResourceModelTest {

    private static final long GB = 1024L * 1024 * 1024;
    private static final AgentResourceModel.Overrides NONE = new AgentResourceModel.Overrides(OptionalDouble.empty(),
            OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty(),
            Optional.empty());

    private static Resource named(List<Resource> resources, String name) {
        return resources.stream().filter(r -> r.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void detectsWhatTheMachineHasMinusWhatTheSystemKeeps() {
        List<Resource> resources = AgentResourceModel.resources(new Machine(8, 16 * GB, 100 * GB), NONE, "*");

        assertThat(named(resources, "cpus").getScalar().getValue()).isEqualTo(8);
        assertThat(named(resources, "mem").getScalar().getValue()).isEqualTo(15 * 1024);
        assertThat(named(resources, "disk").getScalar().getValue()).isEqualTo(95 * 1024);
        assertThat(resources).extracting(Resource::getName).doesNotContain("gpus");
        assertThat(Resources.format(named(resources, "ports").getRanges()))
                .isEqualTo("[1025-2180, 2182-3887, 3889-5049, 5052-8079, 8082-8180, 8182-32000]");
    }

    @Test
    void smallMachinesKeepHalf() {
        List<Resource> resources = AgentResourceModel.resources(new Machine(1, GB, 8 * GB), NONE, "*");
        assertThat(named(resources, "mem").getScalar().getValue()).isEqualTo(512);
        assertThat(named(resources, "disk").getScalar().getValue()).isEqualTo(4 * 1024);
    }

    @Test
    void thePublicRoleGetsThePublicPortsAndEverythingIsReserved() {
        List<Resource> resources = AgentResourceModel.resources(new Machine(2, 4 * GB, 20 * GB), NONE,
                AgentResourceModel.PUBLIC_ROLE);

        assertThat(Resources.format(named(resources, "ports").getRanges())).isEqualTo("[1-21, 23-5050, 5052-32000]");
        assertThat(resources).allSatisfy(r -> assertThat(Resources.roleOf(r)).isEqualTo("slave_public"));
    }

    @Test
    void overridesWin() {
        AgentResourceModel.Overrides overrides = new AgentResourceModel.Overrides(OptionalDouble.of(0.5),
                OptionalDouble.of(256), OptionalDouble.of(100), OptionalDouble.of(1), Optional.of("[31000-31010]"),
                Optional.of("tags:{a,b}"));

        List<Resource> resources = AgentResourceModel.resources(new Machine(8, 16 * GB, 100 * GB), overrides, "*");

        assertThat(named(resources, "cpus").getScalar().getValue()).isEqualTo(0.5);
        assertThat(named(resources, "mem").getScalar().getValue()).isEqualTo(256);
        assertThat(named(resources, "gpus").getScalar().getValue()).isEqualTo(1);
        assertThat(Resources.format(named(resources, "ports").getRanges())).isEqualTo("[31000-31010]");
        assertThat(named(resources, "tags").getSet().getItemList()).containsExactly("a", "b");
    }

    @Test
    void badOverridesAreRefused() {
        AgentResourceModel.Overrides negative = new AgentResourceModel.Overrides(OptionalDouble.of(-1),
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty(),
                Optional.empty());
        assertThatThrownBy(() -> AgentResourceModel.resources(new Machine(1, GB, GB), negative, "*"))
                .hasMessageContaining("cpus");
        AgentResourceModel.Overrides badPorts = new AgentResourceModel.Overrides(OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), Optional.of("31000-32000"),
                Optional.empty());
        assertThatThrownBy(() -> AgentResourceModel.resources(new Machine(1, GB, GB), badPorts, "*"))
                .hasMessageContaining("ranges");
    }
}
