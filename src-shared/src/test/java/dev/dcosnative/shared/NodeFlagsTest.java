package dev.dcosnative.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class NodeFlagsTest {

    @Test
    void mesosStyleFlagsBecomeConfigurationKeys() {
        assertThat(NodeFlags.parse("dcos.agent.", new String[] { "--work_dir=/var/x", "--masters", "10.0.0.1:5050",
                "--resources.cpus=2", "--verbose", "--", "--ignored=1" }))
                .containsExactly(Map.entry("dcos.agent.work-dir", "/var/x"),
                        Map.entry("dcos.agent.masters", "10.0.0.1:5050"),
                        Map.entry("dcos.agent.resources.cpus", "2"),
                        Map.entry("dcos.agent.verbose", "true"));
    }

    @Test
    void nonFlagsAndEverythingAfterTheSeparatorPassThrough() {
        assertThat(NodeFlags.apply("x.test-flags.", new String[] { "run", "--a=1", "--b", "2", "--", "--c" }))
                .containsExactly("run", "--c");
        assertThat(System.getProperty("x.test-flags.a")).isEqualTo("1");
        assertThat(System.getProperty("x.test-flags.b")).isEqualTo("2");
    }
}
