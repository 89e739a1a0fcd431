package dev.dcosnative.master.mesos.allocator.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.dcosnative.shared.mesos.ResourceBag;
import dev.dcosnative.shared.mesos.Resources;

/**
 * The smallest offer worth making, Mesos' {@code --min_allocatable_resources}: alternatives separated by {@code |},
 * each a list of {@code name:quantity} separated by {@code ;} that must all be met. A scalar's quantity is its value, a
 * ranges or set resource's quantity is the number of values it holds ({@code ports:1} = at least one port); quantities
 * are summed over roles. Example: {@code cpus:0.01;mem:32|disk:1024}. Immutable.
 */
public final class MinAllocatable {

    private final List<Map<String, Double>> alternatives;

    private MinAllocatable(List<Map<String, Double>> alternatives) {
        this.alternatives = alternatives;
    }

    /**
     * Parses a specification. Quantities are non-negative numbers with Mesos' three-decimal precision; a name given
     * twice in one alternative adds up.
     *
     * @throws IllegalArgumentException naming the part that does not parse: an empty specification or alternative, an
     *         entry that is not {@code name:number}, a negative or non-finite number
     */
    public static MinAllocatable parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("min allocatable resources: the specification is empty");
        }
        List<Map<String, Double>> alternatives = new ArrayList<>();
        for (String alternative : spec.split("\\|", -1)) {
            if (alternative.isBlank()) {
                throw new IllegalArgumentException(
                        "min allocatable resources '" + spec + "': an alternative between '|' is empty");
            }
            Map<String, Double> quantities = new LinkedHashMap<>();
            for (String entry : alternative.split(";")) {
                String trimmed = entry.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                int colon = trimmed.indexOf(':');
                String name = colon < 0 ? "" : trimmed.substring(0, colon).trim();
                if (name.isEmpty()) {
                    throw new IllegalArgumentException(
                            "min allocatable resources: '" + trimmed + "' is not of the form name:quantity");
                }
                String text = trimmed.substring(colon + 1).trim();
                double quantity;
                try {
                    quantity = Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "min allocatable resources: the quantity of '" + trimmed + "' is not a number");
                }
                if (Double.isNaN(quantity) || Double.isInfinite(quantity) || quantity < 0) {
                    throw new IllegalArgumentException("min allocatable resources: the quantity of '" + trimmed
                            + "' must be a finite non-negative number");
                }
                quantities.merge(name, Resources.round(quantity), (a, b) -> Resources.round(a + b));
            }
            if (quantities.isEmpty()) {
                throw new IllegalArgumentException(
                        "min allocatable resources '" + spec + "': the alternative '" + alternative.trim()
                                + "' names no resource");
            }
            alternatives.add(Map.copyOf(quantities));
        }
        return new MinAllocatable(List.copyOf(alternatives));
    }

    /**
     * True when {@code offerable} meets every quantity of at least one alternative. (The allocator never offers an
     * empty bag, whatever this answers.)
     */
    public boolean allows(ResourceBag offerable) {
        for (Map<String, Double> alternative : alternatives) {
            boolean met = true;
            for (Map.Entry<String, Double> minimum : alternative.entrySet()) {
                if (offerable.quantity(minimum.getKey()) < minimum.getValue()) {
                    met = false;
                    break;
                }
            }
            if (met) {
                return true;
            }
        }
        return false;
    }

    /** The alternatives, each a map from resource name to the least quantity. */
    public List<Map<String, Double>> alternatives() {
        return alternatives;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MinAllocatable other && alternatives.equals(other.alternatives);
    }

    @Override
    public int hashCode() {
        return Objects.hash(alternatives);
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (Map<String, Double> alternative : alternatives) {
            List<String> entries = new ArrayList<>();
            alternative.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> entries.add(e.getKey() + ":" + format(e.getValue())));
            parts.add(String.join(";", entries));
        }
        return String.join("|", parts);
    }

    private static String format(double quantity) {
        return quantity == Math.rint(quantity) ? Long.toString((long) quantity) : Double.toString(quantity);
    }
}
