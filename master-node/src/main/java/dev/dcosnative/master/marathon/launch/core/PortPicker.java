package dev.dcosnative.master.marathon.launch.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;

import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.AppContainer.PortMapping;

/**
 * Chooses an app's host ports from what is left of an offer (upstream {@code PortsMatcher}). Each port of the app
 * wants no host port ({@link #NONE}: a container-network mapping without {@code hostPort}), any port ({@link #ANY}),
 * or a given one. Given ports must lie in a usable ports range; the others are taken the upstream way: the usable
 * ranges in random order, read as one sequence from a random start with wrap-around, so that consecutive ports are
 * taken (little fragmentation) and different tasks rarely get the same dynamic port.
 */
final class PortPicker {

    static final int NONE = -1;
    static final int ANY = 0;

    /** A host port and the index of the remaining-offer resource it comes from. */
    record Pick(int port, int resource) {
    }

    private record Span(int resource, long begin, long end) {
        long size() {
            return end - begin + 1;
        }
    }

    private PortPicker() {
    }

    /**
     * What the app wants, one entry per port definition (host networking) or port mapping (container networking):
     * {@link #NONE}, {@link #ANY} or a port number. With {@code requirePorts} a port definition wants its service
     * port.
     */
    static List<Integer> wants(App app, List<Integer> servicePorts) {
        if (isHostNetworking(app)) {
            List<Integer> wants = new ArrayList<>();
            for (int i = 0; i < app.portDefinitions().size(); i++) {
                int declared = i < servicePorts.size() ? servicePorts.get(i) : app.portDefinitions().get(i).port();
                wants.add(Boolean.TRUE.equals(app.requirePorts()) ? Math.max(declared, ANY) : ANY);
            }
            return wants;
        }
        return portMappings(app).stream()
                .map(m -> m.hostPort() == null ? NONE : Math.max(m.hostPort(), ANY))
                .toList();
    }

    static boolean isHostNetworking(App app) {
        return app.networks() == null || app.networks().stream().allMatch(n -> "host".equals(n.mode()));
    }

    static List<PortMapping> portMappings(App app) {
        return app.container() == null || app.container().portMappings() == null ? List.of()
                : app.container().portMappings();
    }

    /**
     * The chosen ports, one per want ({@code null} for {@link #NONE}); empty when the offer cannot give them all.
     *
     * @param remaining the offer's resources, {@code null} where one is used up
     * @param usable whether the app may use the resource at that index
     */
    static Optional<Pick[]> pick(List<Integer> wants, List<Resource> remaining, IntPredicate usable,
            RandomGenerator random) {
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < remaining.size(); i++) {
            Resource r = remaining.get(i);
            if (r != null && r.getName().equals("ports") && r.getType() == Value.Type.RANGES && usable.test(i)) {
                for (Value.Range range : r.getRanges().getRangeList()) {
                    spans.add(new Span(i, range.getBegin(), range.getEnd()));
                }
            }
        }
        Pick[] picks = new Pick[wants.size()];
        Set<Long> taken = new HashSet<>();
        for (int i = 0; i < wants.size(); i++) {
            int want = wants.get(i);
            if (want > 0) {
                Optional<Span> span = spans.stream().filter(s -> s.begin() <= want && want <= s.end()).findFirst();
                if (span.isEmpty() || !taken.add((long) want)) {
                    return Optional.empty();
                }
                picks[i] = new Pick(want, span.get().resource());
            }
        }
        shuffle(spans, random);
        long total = spans.stream().mapToLong(Span::size).sum();
        long position = total == 0 ? 0 : random.nextLong(total);
        long visited = 0;
        for (int i = 0; i < wants.size(); i++) {
            if (wants.get(i) != ANY) {
                continue;
            }
            Pick pick = null;
            while (pick == null && visited < total) {
                Pick candidate = at(spans, position);
                position = (position + 1) % total;
                visited++;
                if (taken.add((long) candidate.port())) {
                    pick = candidate;
                }
            }
            if (pick == null) {
                return Optional.empty();
            }
            picks[i] = pick;
        }
        return Optional.of(picks);
    }

    private static Pick at(List<Span> spans, long position) {
        long offset = position;
        for (Span span : spans) {
            if (offset < span.size()) {
                return new Pick((int) (span.begin() + offset), span.resource());
            }
            offset -= span.size();
        }
        throw new IllegalStateException("position " + position + " beyond the offered ports");
    }

    private static void shuffle(List<Span> spans, RandomGenerator random) {
        for (int i = spans.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Span swap = spans.get(i);
            spans.set(i, spans.get(j));
            spans.set(j, swap);
        }
    }
}
