package dev.dcosnative.shared.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.Value;
import org.junit.jupiter.api.Test;

class AttributesTest {

    @Test
    void typesValuesLikeMesos() {
        List<Attribute> attributes = Attributes.parse("public_ip:true;rack:r1;cores:4;weight:0.12345;slots:[1-4]");

        assertThat(attributes).extracting(Attribute::getType)
                .containsExactly(Value.Type.TEXT, Value.Type.TEXT, Value.Type.SCALAR, Value.Type.SCALAR,
                        Value.Type.RANGES);
        assertThat(attributes).extracting(Attributes::valueText)
                .containsExactly("true", "r1", "4", "0.123", "[1-4]");
    }

    @Test
    void refusesEntriesWithoutValue() {
        assertThatThrownBy(() -> Attributes.parse("rack")).hasMessageContaining("name:value");
        assertThatThrownBy(() -> Attributes.parse("rack:")).hasMessageContaining("name:value");
        assertThat(Attributes.parse("  ")).isEmpty();
    }
}
