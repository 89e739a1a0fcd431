package dev.dcosnative.shared.mesos;

import java.util.ArrayList;
import java.util.List;

import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.Value;

/**
 * Agent attributes in the Mesos {@code --attributes} notation, {@code name:value;name:value}: a number is a scalar,
 * {@code [a-b]} ranges, <code>{a,b}</code> a set, anything else text.
 */
public final class Attributes {

    private Attributes() {
    }

    /**
     * Parses the notation. Duplicate names are kept in order, as Mesos does.
     *
     * @throws IllegalArgumentException naming the entry that does not parse
     */
    public static List<Attribute> parse(String spec) {
        List<Attribute> result = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return result;
        }
        for (String entry : spec.split(";")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon <= 0 || colon == trimmed.length() - 1) {
                throw new IllegalArgumentException("attribute '" + trimmed + "' is not of the form name:value");
            }
            result.add(of(trimmed.substring(0, colon).trim(), trimmed.substring(colon + 1).trim()));
        }
        return result;
    }

    /** One attribute, typed from its textual value. */
    public static Attribute of(String name, String value) {
        Attribute.Builder attribute = Attribute.newBuilder().setName(name);
        if (value.startsWith("[")) {
            return attribute.setType(Value.Type.RANGES).setRanges(Resources.parseRanges(value)).build();
        }
        if (value.startsWith("{")) {
            return attribute.setType(Value.Type.SET).setSet(Resources.parseSet(value)).build();
        }
        if (isNumber(value)) {
            return attribute.setType(Value.Type.SCALAR)
                    .setScalar(Value.Scalar.newBuilder().setValue(Resources.round(Double.parseDouble(value))))
                    .build();
        }
        return attribute.setType(Value.Type.TEXT).setText(Value.Text.newBuilder().setValue(value)).build();
    }

    private static boolean isNumber(String value) {
        return value.matches("-?\\d+(\\.\\d+)?");
    }

    /** The value as Marathon's constraints and the legacy JSON compare it: text, rounded scalar, ranges or set. */
    public static String valueText(Attribute attribute) {
        return switch (attribute.getType()) {
            case TEXT -> attribute.getText().getValue();
            case SCALAR -> formatScalar(attribute.getScalar().getValue());
            case RANGES -> Resources.format(attribute.getRanges());
            case SET -> Resources.format(attribute.getSet());
        };
    }

    static String formatScalar(double value) {
        double rounded = Resources.round(value);
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : Double.toString(rounded);
    }
}
