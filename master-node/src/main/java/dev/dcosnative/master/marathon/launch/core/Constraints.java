package dev.dcosnative.master.marathon.launch.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.PatternSyntaxException;

import dev.dcosnative.master.marathon.instance.core.AgentPlacement;
import dev.dcosnative.master.marathon.instance.core.Instance;
import dev.dcosnative.shared.marathon.Constraint;

/**
 * Marathon's placement constraints ({@code constraints.md}, reference §1.2; upstream {@code Constraints.scala}): may
 * one more instance of an app go to a candidate agent, given where the app's counted instances already are?
 * "Counted" is the caller's choice, as upstream's: the active instances of the app's current configuration plus the
 * ones placed earlier in the same offer round.
 *
 * <p>
 * The field is read from the agent: {@code hostname} or {@code @hostname} is its hostname, {@code @region} and
 * {@code @zone} its fault domain (absent when the agent has none), anything else the attribute of that name (the
 * first one, as text; see {@link AgentPlacement}). When the candidate has no value for the field only UNLIKE holds;
 * placed instances without a value form a group of their own for GROUP_BY and MAX_PER and differ from every value for
 * UNIQUE, as upstream. Operators:
 * <ul>
 * <li>UNIQUE: no placed instance has the candidate's value.</li>
 * <li>CLUSTER with a value: the candidate's value is it. Without: the candidate's value is that of the placed
 * instances (any value when none is placed). Upstream compares with the first placed instance only; here every
 * placed instance must share it, which is the same in any consistent state and does not depend on order.</li>
 * <li>GROUP_BY with an optional expected number of values {@code n} ({@code inf}: unbounded; not a number: 0): a value
 * no placed instance has is always fine; a value already used is fine only when at least {@code n} values are in use
 * and its group is one of the smallest. So instances spread over {@code n} values before any value gets a second
 * one, then fill the values evenly.</li>
 * <li>MAX_PER {@code n}: fewer than {@code n} placed instances have the candidate's value.</li>
 * <li>LIKE / UNLIKE: the whole value matches / does not match the regular expression (no value or a bad pattern:
 * not met).</li>
 * <li>IS: the value is exactly the given one. IN (upstream has it too): the value is one of a comma-separated
 * list.</li>
 * </ul>
 * An unknown operator is never met: validation turns those away before they get here.
 */
public final class Constraints {

    public static final String HOSTNAME = "hostname";
    public static final String AT_HOSTNAME = "@hostname";
    public static final String REGION = "@region";
    public static final String ZONE = "@zone";

    private Constraints() {
    }

    /** The agent's value for a constraint field; empty when it has none. */
    public static Optional<String> valueOf(AgentPlacement agent, String field) {
        return switch (field) {
            case HOSTNAME, AT_HOSTNAME -> Optional.ofNullable(agent.hostname());
            case REGION -> nonEmpty(agent.region());
            case ZONE -> nonEmpty(agent.zone());
            default -> Optional.ofNullable(agent.attributes().get(field));
        };
    }

    private static Optional<String> nonEmpty(String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** True when one more instance may go to {@code candidate} as far as {@code constraint} is concerned. */
    public static boolean meets(AgentPlacement candidate, Constraint constraint, Collection<AgentPlacement> placed) {
        Optional<String> offered = valueOf(candidate, constraint.field());
        if (offered.isEmpty()) {
            return constraint.operator().equals("UNLIKE");
        }
        String value = offered.get();
        String expected = constraint.value().orElse("");
        Function<AgentPlacement, Optional<String>> reader = p -> valueOf(p, constraint.field());
        return switch (constraint.operator()) {
            case "UNIQUE" -> placed.stream().noneMatch(p -> reader.apply(p).equals(offered));
            case "CLUSTER" -> expected.isEmpty()
                    ? placed.stream().allMatch(p -> reader.apply(p).equals(offered))
                    : value.equals(expected);
            case "GROUP_BY" -> groupByAllows(value, expectedGroups(expected), counts(placed, reader));
            case "MAX_PER" -> maxPerAllows(value, expected, counts(placed, reader));
            case "LIKE" -> !expected.isEmpty() && fullMatch(value, expected);
            case "UNLIKE" -> !expected.isEmpty() && !fullMatch(value, expected);
            case "IS" -> value.equals(expected);
            case "IN" -> List.of(expected.split(" *, *")).contains(value);
            default -> false;
        };
    }

    /** True when every constraint is met. */
    public static boolean meetsAll(AgentPlacement candidate, List<Constraint> constraints,
            Collection<AgentPlacement> placed) {
        return unmet(candidate, constraints, placed).isEmpty();
    }

    /** The constraints {@code candidate} does not meet, in their order. */
    public static List<Constraint> unmet(AgentPlacement candidate, List<Constraint> constraints,
            Collection<AgentPlacement> placed) {
        return constraints.stream().filter(c -> !meets(candidate, c, placed)).toList();
    }

    private static int expectedGroups(String value) {
        if (value.equals("inf")) {
            return Integer.MAX_VALUE;
        }
        try {
            return Math.max(0, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Map<Optional<String>, Integer> counts(Collection<AgentPlacement> placed,
            Function<AgentPlacement, Optional<String>> reader) {
        Map<Optional<String>, Integer> counts = new HashMap<>();
        placed.forEach(p -> counts.merge(reader.apply(p), 1, Integer::sum));
        return counts;
    }

    private static boolean groupByAllows(String value, int minimumGroups, Map<Optional<String>, Integer> counts) {
        Integer mine = counts.get(Optional.of(value));
        if (mine == null) {
            return true;
        }
        int smallest = counts.values().stream().mapToInt(Integer::intValue).min().orElse(0);
        return counts.size() >= minimumGroups && mine == smallest;
    }

    private static boolean maxPerAllows(String value, String max, Map<Optional<String>, Integer> counts) {
        try {
            return counts.getOrDefault(Optional.of(value), 0) < Integer.parseInt(max);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean fullMatch(String value, String regex) {
        try {
            return value.matches(regex);
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    /**
     * Which instances to kill on a scale-down so that the app's GROUP_BY constraints stay balanced (upstream
     * {@code selectInstancesToKill}): repeatedly takes an instance from the largest groups of the most uneven
     * distribution, keeping only choices after which every distribution differs by at most one between its largest
     * and smallest group, or is more even than before. May return fewer than {@code count} (none at all when the app
     * has no GROUP_BY constraint): the caller kills the rest in its {@code killSelection} order. All of them when
     * {@code count} is the number running. MAX_PER and UNIQUE need no care here: removing instances never breaks them.
     *
     * @param running the candidates, in the order the caller prefers to kill them (its {@code killSelection})
     * @param placement where a candidate runs
     */
    public static <T> List<T> selectToKill(List<Constraint> constraints, List<T> running,
            Function<? super T, AgentPlacement> placement, int count) {
        if (count > running.size()) {
            throw new IllegalArgumentException("cannot kill " + count + " of " + running.size() + " instances");
        }
        if (count == running.size()) {
            return List.copyOf(running);
        }
        List<Distribution> distributions = new ArrayList<>();
        for (Constraint constraint : constraints) {
            if (constraint.operator().equals("GROUP_BY")) {
                Map<Optional<String>, List<Integer>> groups = new LinkedHashMap<>();
                for (int i = 0; i < running.size(); i++) {
                    groups.computeIfAbsent(valueOf(placement.apply(running.get(i)), constraint.field()),
                            k -> new ArrayList<>()).add(i);
                }
                distributions.add(new Distribution(List.copyOf(groups.values())));
            }
        }
        if (distributions.isEmpty()) {
            return List.of();
        }
        Set<Integer> selected = new LinkedHashSet<>();
        while (selected.size() < count) {
            Optional<Integer> next = candidates(distributions, selected, running.size()).stream()
                    .filter(candidate -> {
                        Set<Integer> tried = new TreeSet<>(selected);
                        tried.add(candidate);
                        return distributions.stream().allMatch(d -> d.isMoreEvenWithout(tried));
                    })
                    .findFirst();
            if (next.isEmpty()) {
                break;
            }
            selected.add(next.get());
        }
        return selected.stream().map(running::get).toList();
    }

    /** {@link #selectToKill} for instances, by the agent each runs on. */
    public static List<Instance> selectInstancesToKill(List<Constraint> constraints, List<Instance> running,
            int count) {
        return selectToKill(constraints, running, Instance::agent, count);
    }

    private static List<Integer> candidates(List<Distribution> distributions, Set<Integer> selected, int size) {
        List<Integer> candidates = new ArrayList<>();
        distributions.stream()
                .sorted(Comparator.comparingInt((Distribution d) -> d.difference(selected)).reversed())
                .forEach(d -> candidates.addAll(d.inLargestGroups(selected)));
        for (int i = 0; i < size; i++) {
            candidates.add(i);
        }
        candidates.removeAll(selected);
        return candidates;
    }

    /** The instances of one GROUP_BY field, grouped by value (as indices into the running list). */
    private record Distribution(List<List<Integer>> groups) {

        int difference(Set<Integer> without) {
            Set<Integer> sizes = sizes(without).keySet();
            return sizes.stream().max(Integer::compare).orElse(0) - sizes.stream().min(Integer::compare).orElse(0);
        }

        boolean isMoreEvenWithout(Set<Integer> selected) {
            int after = difference(selected);
            return after <= 1 || difference(Set.of()) > after;
        }

        List<Integer> inLargestGroups(Set<Integer> without) {
            Map<Integer, List<Integer>> bySize = sizes(without);
            if (bySize.size() <= 1) {
                return List.of();
            }
            return bySize.get(bySize.keySet().stream().max(Integer::compare).orElseThrow());
        }

        /** Group size → the remaining members of all groups of that size (empty groups count, with size 0). */
        private Map<Integer, List<Integer>> sizes(Set<Integer> without) {
            Map<Integer, List<Integer>> bySize = new LinkedHashMap<>();
            for (List<Integer> group : groups) {
                List<Integer> rest = group.stream().filter(i -> !without.contains(i)).toList();
                bySize.computeIfAbsent(rest.size(), k -> new ArrayList<>()).addAll(rest);
            }
            return bySize;
        }
    }
}
