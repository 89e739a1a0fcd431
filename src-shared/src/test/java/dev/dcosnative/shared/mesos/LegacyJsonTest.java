package dev.dcosnative.shared.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.mesos.v1.Protos.Resource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

class LegacyJsonTest {

    private final List<Resource> publicAgent = Resources.parse("cpus:2;mem:1024;disk:500;ports:[1-21,23-5050]",
            "slave_public");

    @Test
    void flattensResourcesWithTheFourScalarsAlwaysPresent() {
        ObjectNode flat = LegacyJson.resources(Resources.parse("cpus:2;cpus:0.5;ports:[31000-32000]", "*"));

        assertThat(flat.path("cpus").asDouble()).isEqualTo(2.5);
        assertThat(flat.path("gpus").asDouble()).isZero();
        assertThat(flat.path("mem").isNumber()).isTrue();
        assertThat(flat.path("disk").isNumber()).isTrue();
        assertThat(flat.path("ports").asText()).isEqualTo("[31000-32000]");
    }

    @Test
    void splitsReservedAndUnreserved() {
        assertThat(LegacyJson.reservedByRole(publicAgent).path("slave_public").path("mem").asDouble()).isEqualTo(1024);
        assertThat(LegacyJson.unreserved(publicAgent).path("mem").asDouble()).isZero();
        assertThat(LegacyJson.reservedFullByRole(publicAgent).path("slave_public").size()).isEqualTo(4);
        assertThat(LegacyJson.unreservedFull(publicAgent)).isEmpty();
    }

    @Test
    void attributesKeepScalarsNumeric() {
        ObjectNode attributes = LegacyJson.attributes(Attributes.parse("public_ip:true;cores:4"));
        assertThat(attributes.path("public_ip").asText()).isEqualTo("true");
        assertThat(attributes.path("cores").isNumber()).isTrue();
    }
}
