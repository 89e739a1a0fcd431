package dev.dcosnative.shared.mesos;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;
import org.apache.mesos.v1.Protos.Value;

/**
 * Building, parsing and reading Mesos resources: the {@code cpus:2;mem:1024;ports:[31000-32000]} notation of the
 * {@code --resources} flag, scalar arithmetic with Mesos' three-decimal precision, and role lookup.
 */
public final class Resources {

    /** The unreserved role. */
    public static final String ANY_ROLE = "*";

    private Resources() {
    }

    /** A scalar resource; a role other than {@code *} becomes a static reservation. */
    public static Resource scalar(String name, double value, String role) {
        return withRole(Resource.newBuilder()
                .setName(name)
                .setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(round(value))), role).build();
    }

    /** A ranges resource; a role other than {@code *} becomes a static reservation. */
    public static Resource ranges(String name, Value.Ranges ranges, String role) {
        return withRole(Resource.newBuilder().setName(name).setType(Value.Type.RANGES).setRanges(ranges), role).build();
    }

    /** A set resource; a role other than {@code *} becomes a static reservation. */
    public static Resource set(String name, Value.Set set, String role) {
        return withRole(Resource.newBuilder().setName(name).setType(Value.Type.SET).setSet(set), role).build();
    }

    private static Resource.Builder withRole(Resource.Builder builder, String role) {
        builder.setRole(role);
        if (!ANY_ROLE.equals(role)) {
            builder.addReservations(ReservationInfo.newBuilder().setType(ReservationInfo.Type.STATIC).setRole(role));
        }
        return builder;
    }

    /**
     * Parses the Mesos {@code --resources} notation: {@code name[(role)]:value} separated by {@code ;}, where a value is
     * a number, a range list {@code [a-b,c-d]} or a set <code>{a,b}</code>. Entries without a role get
     * {@code defaultRole}.
     *
     * @throws IllegalArgumentException naming the entry that does not parse
     */
    public static List<Resource> parse(String spec, String defaultRole) {
        List<Resource> result = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return result;
        }
        for (String entry : spec.split(";")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("resource '" + trimmed + "' is not of the form name:value");
            }
            String name = trimmed.substring(0, colon).trim();
            String value = trimmed.substring(colon + 1).trim();
            String role = defaultRole;
            int paren = name.indexOf('(');
            if (paren > 0) {
                if (!name.endsWith(")")) {
                    throw new IllegalArgumentException("resource '" + trimmed + "' has an unterminated role");
                }
                role = name.substring(paren + 1, name.length() - 1).trim();
                name = name.substring(0, paren).trim();
            }
            result.add(parseValue(name, value, role));
        }
        return result;
    }

    private static Resource parseValue(String name, String value, String role) {
        if (value.startsWith("[")) {
            return ranges(name, parseRanges(value), role);
        }
        if (value.startsWith("{")) {
            return set(name, parseSet(value), role);
        }
        try {
            double number = Double.parseDouble(value);
            if (number < 0 || Double.isNaN(number) || Double.isInfinite(number)) {
                throw new IllegalArgumentException("resource '" + name + "' must be a non-negative number: " + value);
            }
            return scalar(name, number, role);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("resource '" + name + "' has an unparseable value '" + value + "'");
        }
    }

    /** Parses {@code [a-b,c-d]} (a single number {@code n} means {@code n-n}). */
    public static Value.Ranges parseRanges(String text) {
        String trimmed = text.trim();
        if (!trimmed.startsWith("[") || !trimmed.endsWith("]")) {
            throw new IllegalArgumentException("ranges must look like [a-b,c-d]: " + text);
        }
        Value.Ranges.Builder ranges = Value.Ranges.newBuilder();
        String body = trimmed.substring(1, trimmed.length() - 1).trim();
        if (body.isEmpty()) {
            return ranges.build();
        }
        for (String part : body.split(",")) {
            String[] bounds = part.trim().split("-", 2);
            try {
                long begin = Long.parseLong(bounds[0].trim());
                long end = bounds.length == 2 ? Long.parseLong(bounds[1].trim()) : begin;
                if (begin < 0 || end < begin) {
                    throw new IllegalArgumentException("range '" + part.trim() + "' is empty or negative");
                }
                ranges.addRange(Value.Range.newBuilder().setBegin(begin).setEnd(end));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("range '" + part.trim() + "' is not of the form a-b");
            }
        }
        return ranges.build();
    }

    /** Parses <code>{a,b,c}</code>. */
    public static Value.Set parseSet(String text) {
        String trimmed = text.trim();
        if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) {
            throw new IllegalArgumentException("sets must look like {a,b}: " + text);
        }
        Value.Set.Builder set = Value.Set.newBuilder();
        for (String item : trimmed.substring(1, trimmed.length() - 1).split(",")) {
            if (!item.isBlank()) {
                set.addItem(item.trim());
            }
        }
        return set.build();
    }

    /** Ranges as Mesos prints them: {@code [1-21, 23-5050]}. */
    public static String format(Value.Ranges ranges) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < ranges.getRangeCount(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(ranges.getRange(i).getBegin()).append('-').append(ranges.getRange(i).getEnd());
        }
        return text.append(']').toString();
    }

    /** A set as Mesos prints it: <code>{a,b}</code>. */
    public static String format(Value.Set set) {
        return "{" + String.join(",", set.getItemList()) + "}";
    }

    /** A scalar rounded to Mesos' fixed-point precision of three decimals. */
    public static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }

    /** The role a resource is reserved for, or {@code *}: the innermost reservation wins over the legacy field. */
    public static String roleOf(Resource resource) {
        if (resource.getReservationsCount() > 0) {
            return resource.getReservations(resource.getReservationsCount() - 1).getRole();
        }
        return resource.hasRole() ? resource.getRole() : ANY_ROLE;
    }

    /** The sum of the named scalar over all resources, whatever their roles. */
    public static double sumScalar(Collection<Resource> resources, String name) {
        double sum = 0;
        for (Resource resource : resources) {
            if (resource.getName().equals(name) && resource.getType() == Value.Type.SCALAR) {
                sum += resource.getScalar().getValue();
            }
        }
        return round(sum);
    }

    /** A short human form of a resource list for logs: {@code cpus:2; mem:1024; ports:[31000-32000]}. */
    public static String describe(Collection<Resource> resources) {
        List<String> parts = new ArrayList<>();
        for (Resource r : resources) {
            String role = roleOf(r);
            String name = ANY_ROLE.equals(role) ? r.getName() : r.getName() + "(" + role + ")";
            String value = switch (r.getType()) {
                case SCALAR -> String.format(Locale.ROOT, "%s", r.getScalar().getValue());
                case RANGES -> format(r.getRanges());
                case SET -> format(r.getSet());
                default -> "?";
            };
            parts.add(name + ":" + value);
        }
        return String.join("; ", parts);
    }
}
