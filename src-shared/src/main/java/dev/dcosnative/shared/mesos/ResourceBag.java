package dev.dcosnative.shared.mesos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/**
 * Resource arithmetic, as the Mesos {@code Resources} class does it: an immutable bag of resources keyed by name and
 * reservation role, where scalars add up (three-decimal fixed point), ranges are unions of disjoint intervals and sets
 * are sets. {@code minus} and {@code contains} are exact, so offers can never exceed what an agent has minus what its
 * tasks use, ports included. Revocable, disk, shared and provider details are not modelled yet (no such resources
 * exist in the cluster): resources are told apart by name, role and type.
 */
public final class ResourceBag {

    private static final ResourceBag EMPTY = new ResourceBag(new TreeMap<>());

    /** What tells two resources apart. */
    public record Key(String name, String role, Value.Type type) implements Comparable<Key> {
        private static final Comparator<Key> ORDER = Comparator.comparing(Key::name)
                .thenComparing(Key::role)
                .thenComparing(Key::type);

        @Override
        public int compareTo(Key other) {
            return ORDER.compare(this, other);
        }
    }

    /** SCALAR: Double; RANGES: long[] of sorted, disjoint, non-adjacent [begin,end] pairs; SET: TreeSet of items. */
    private final TreeMap<Key, Object> values;

    private ResourceBag(TreeMap<Key, Object> values) {
        this.values = values;
    }

    public static ResourceBag empty() {
        return EMPTY;
    }

    /** The bag of these resources (allocation info is ignored; equal keys add up). */
    public static ResourceBag of(Collection<Resource> resources) {
        TreeMap<Key, Object> values = new TreeMap<>();
        for (Resource resource : resources) {
            Key key = new Key(resource.getName(), Resources.roleOf(resource), resource.getType());
            Object value = switch (resource.getType()) {
                case SCALAR -> resource.getScalar().getValue();
                case RANGES -> intervals(resource.getRanges());
                case SET -> new TreeSet<>(resource.getSet().getItemList());
                default -> throw new IllegalArgumentException("resource '" + resource.getName() + "' is of type "
                        + resource.getType() + ", which resources cannot be");
            };
            values.merge(key, value, ResourceBag::add);
        }
        return normalized(values);
    }

    public ResourceBag plus(ResourceBag other) {
        TreeMap<Key, Object> sum = new TreeMap<>(values);
        other.values.forEach((key, value) -> sum.merge(key, value, ResourceBag::add));
        return normalized(sum);
    }

    /**
     * This bag without {@code other}.
     *
     * @throws IllegalArgumentException when {@code other} is not contained in this bag
     */
    public ResourceBag minus(ResourceBag other) {
        if (!contains(other)) {
            throw new IllegalArgumentException(other + " is not contained in " + this);
        }
        TreeMap<Key, Object> rest = new TreeMap<>(values);
        other.values.forEach((key, value) -> rest.put(key, subtract(rest.get(key), value)));
        return normalized(rest);
    }

    /** True when every resource of {@code other} is in this bag, with the same role. */
    public boolean contains(ResourceBag other) {
        for (Map.Entry<Key, Object> entry : other.values.entrySet()) {
            Object mine = values.get(entry.getKey());
            if (mine == null || !covers(mine, entry.getValue())) {
                return false;
            }
        }
        return true;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Only the resources reserved for {@code role} ({@code *} gives the unreserved ones). */
    public ResourceBag reservedFor(String role) {
        TreeMap<Key, Object> kept = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.role().equals(role)) {
                kept.put(key, value);
            }
        });
        return new ResourceBag(kept);
    }

    /** What a framework subscribed with {@code role} may be offered: the unreserved resources and those of its role. */
    public ResourceBag allocatableTo(String role) {
        return Resources.ANY_ROLE.equals(role) ? reservedFor(role)
                : reservedFor(Resources.ANY_ROLE).plus(
                        reservedFor(role));
    }

    /** The roles this bag has resources reserved for, {@code *} included when it has unreserved ones. */
    public Set<String> roles() {
        Set<String> roles = new TreeSet<>();
        values.keySet().forEach(k -> roles.add(k.role()));
        return roles;
    }

    /** The sum of a scalar over all roles (0 when absent). */
    public double scalar(String name) {
        double sum = 0;
        for (Map.Entry<Key, Object> entry : values.entrySet()) {
            if (entry.getKey().name().equals(name) && entry.getValue() instanceof Double d) {
                sum += d;
            }
        }
        return Resources.round(sum);
    }

    /** How many values a ranges resource holds, over all roles (e.g. the number of ports). */
    public long rangesSize(String name) {
        long size = 0;
        for (Map.Entry<Key, Object> entry : values.entrySet()) {
            if (entry.getKey().name().equals(name) && entry.getValue() instanceof long[] intervals) {
                size += size(intervals);
            }
        }
        return size;
    }

    private static long size(long[] intervals) {
        long size = 0;
        for (int i = 0; i < intervals.length; i += 2) {
            size += intervals[i + 1] - intervals[i] + 1;
        }
        return size;
    }

    /**
     * How much of a resource this bag holds over all roles, whatever its type: a scalar's value, the number of values
     * in a ranges resource (ports), the number of items in a set. 0 when absent. This is Mesos' resource quantity, as
     * {@code --min_allocatable_resources} compares it.
     */
    public double quantity(String name) {
        double sum = 0;
        for (Map.Entry<Key, Object> entry : values.entrySet()) {
            if (!entry.getKey().name().equals(name)) {
                continue;
            }
            Object value = entry.getValue();
            if (value instanceof Double d) {
                sum += d;
            } else if (value instanceof long[] intervals) {
                sum += size(intervals);
            } else {
                sum += ((Set<?>) value).size();
            }
        }
        return Resources.round(sum);
    }

    /** The scalar resources by name, each summed over all roles (three-decimal precision); ranges and sets left out. */
    public Map<String, Double> scalarQuantities() {
        Map<String, Double> sums = new TreeMap<>();
        values.forEach((key, value) -> {
            if (value instanceof Double d) {
                sums.merge(key.name(), d, Double::sum);
            }
        });
        sums.replaceAll((name, sum) -> Resources.round(sum));
        return sums;
    }

    /** The names of the scalar resources in this bag. */
    public Set<String> scalarNames() {
        Set<String> names = new TreeSet<>();
        values.forEach((key, value) -> {
            if (value instanceof Double) {
                names.add(key.name());
            }
        });
        return names;
    }

    /** The resources, each with its role (a static reservation unless {@code *}). */
    public List<Resource> toResources() {
        List<Resource> resources = new ArrayList<>();
        values.forEach((key, value) -> resources.add(toResource(key, value)));
        return resources;
    }

    /** The resources as offered to a framework for {@code allocationRole} (Mesos' {@code allocation_info.role}). */
    public List<Resource> toResources(String allocationRole) {
        List<Resource> resources = new ArrayList<>();
        for (Resource resource : toResources()) {
            resources.add(resource.toBuilder()
                    .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(allocationRole))
                    .build());
        }
        return resources;
    }

    private static Resource toResource(Key key, Object value) {
        return switch (key.type()) {
            case SCALAR -> Resources.scalar(key.name(), (Double) value, key.role());
            case RANGES -> Resources.ranges(key.name(), toRanges((long[]) value), key.role());
            case SET -> Resources.set(key.name(), Value.Set.newBuilder().addAllItem(items(value)).build(), key.role());
            default -> throw new IllegalStateException(key.type().name());
        };
    }

    @SuppressWarnings("unchecked")
    private static Set<String> items(Object set) {
        return (Set<String>) set;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ResourceBag other) || values.size() != other.values.size()) {
            return false;
        }
        for (Map.Entry<Key, Object> entry : values.entrySet()) {
            Object theirs = other.values.get(entry.getKey());
            if (theirs == null || !sameValue(entry.getValue(), theirs)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return values.keySet().hashCode();
    }

    @Override
    public String toString() {
        Map<String, String> parts = new LinkedHashMap<>();
        values.forEach((key, value) -> parts.put(
                Resources.ANY_ROLE.equals(key.role()) ? key.name() : key.name() + "(" + key.role() + ")",
                value instanceof long[] intervals ? Resources.format(toRanges(intervals)) : Objects.toString(value)));
        StringBuilder text = new StringBuilder();
        parts.forEach((k, v) -> text.append(text.isEmpty() ? "" : "; ").append(k).append(':').append(v));
        return text.isEmpty() ? "{}" : text.toString();
    }

    private static ResourceBag normalized(TreeMap<Key, Object> values) {
        values.entrySet().removeIf(e -> isZero(e.getValue()));
        values.replaceAll((k, v) -> v instanceof Double d ? Resources.round(d) : v);
        return values.isEmpty() ? EMPTY : new ResourceBag(values);
    }

    private static boolean isZero(Object value) {
        if (value instanceof Double d) {
            return Resources.round(d) <= 0;
        }
        if (value instanceof long[] intervals) {
            return intervals.length == 0;
        }
        return ((Set<?>) value).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Object add(Object a, Object b) {
        if (a instanceof Double x) {
            return x + (Double) b;
        }
        if (a instanceof long[] x) {
            return union(x, (long[]) b);
        }
        TreeSet<String> union = new TreeSet<>((Set<String>) a);
        union.addAll((Set<String>) b);
        return union;
    }

    @SuppressWarnings("unchecked")
    private static Object subtract(Object a, Object b) {
        if (a instanceof Double x) {
            return x - (Double) b;
        }
        if (a instanceof long[] x) {
            return difference(x, (long[]) b);
        }
        TreeSet<String> rest = new TreeSet<>((Set<String>) a);
        rest.removeAll((Set<String>) b);
        return rest;
    }

    @SuppressWarnings("unchecked")
    private static boolean covers(Object mine, Object theirs) {
        if (mine instanceof Double x) {
            return Resources.round(x) >= Resources.round((Double) theirs);
        }
        if (mine instanceof long[] x) {
            return difference((long[]) theirs, x).length == 0;
        }
        return ((Set<String>) mine).containsAll((Set<String>) theirs);
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof long[] x && b instanceof long[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof Double x && b instanceof Double y) {
            return Resources.round(x) == Resources.round(y);
        }
        return a.equals(b);
    }

    private static long[] intervals(Value.Ranges ranges) {
        long[] raw = new long[ranges.getRangeCount() * 2];
        for (int i = 0; i < ranges.getRangeCount(); i++) {
            raw[2 * i] = ranges.getRange(i).getBegin();
            raw[2 * i + 1] = ranges.getRange(i).getEnd();
            if (raw[2 * i] > raw[2 * i + 1]) {
                throw new IllegalArgumentException("range " + raw[2 * i] + "-" + raw[2 * i + 1] + " is empty");
            }
        }
        return union(raw, new long[0]);
    }

    private static Value.Ranges toRanges(long[] intervals) {
        Value.Ranges.Builder ranges = Value.Ranges.newBuilder();
        for (int i = 0; i < intervals.length; i += 2) {
            ranges.addRange(Value.Range.newBuilder().setBegin(intervals[i]).setEnd(intervals[i + 1]));
        }
        return ranges.build();
    }

    /** The union of two interval lists, sorted, merged (adjacent intervals too). */
    static long[] union(long[] a, long[] b) {
        List<long[]> all = new ArrayList<>();
        for (long[] list : new long[][] { a, b }) {
            for (int i = 0; i < list.length; i += 2) {
                all.add(new long[] { list[i], list[i + 1] });
            }
        }
        all.sort(Comparator.comparingLong(r -> r[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] range : all) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && range[0] <= last[1] + 1) {
                last[1] = Math.max(last[1], range[1]);
            } else {
                merged.add(new long[] { range[0], range[1] });
            }
        }
        long[] result = new long[merged.size() * 2];
        for (int i = 0; i < merged.size(); i++) {
            result[2 * i] = merged.get(i)[0];
            result[2 * i + 1] = merged.get(i)[1];
        }
        return result;
    }

    /** The values of {@code a} not in {@code b}; both sorted and disjoint. */
    static long[] difference(long[] a, long[] b) {
        List<Long> out = new ArrayList<>();
        int j = 0;
        for (int i = 0; i < a.length; i += 2) {
            long begin = a[i];
            long end = a[i + 1];
            while (j < b.length && b[j + 1] < begin) {
                j += 2;
            }
            int k = j;
            while (begin <= end && k < b.length && b[k] <= end) {
                if (b[k] > begin) {
                    out.add(begin);
                    out.add(b[k] - 1);
                }
                begin = Math.max(begin, b[k + 1] + 1);
                k += 2;
            }
            if (begin <= end) {
                out.add(begin);
                out.add(end);
            }
        }
        long[] result = new long[out.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = out.get(i);
        }
        return result;
    }
}
