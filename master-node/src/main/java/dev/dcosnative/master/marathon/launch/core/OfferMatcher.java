package dev.dcosnative.master.marathon.launch.core;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

import dev.dcosnative.master.marathon.instance.core.AgentPlacement;
import dev.dcosnative.master.marathon.launch.core.PortPicker.Pick;
import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.PathId;
import dev.dcosnative.shared.mesos.Attributes;
import dev.dcosnative.shared.mesos.Resources;

/**
 * Matches one Mesos offer against the apps waiting to launch (upstream {@code ResourceMatcher} and the offer matcher
 * manager around it), producing the launches and, per app that did not get all it wanted, the
 * {@link NoMatchReason}s.
 *
 * <p>
 * Apps take turns in the order given, one instance per turn, as upstream's matcher manager re-queues an app that
 * matched: an app that fails a try is out for this offer (with its reasons), and matching stops once
 * {@link Settings#maxInstancesPerOffer} launches are made. What a launch takes is gone for the next one, so an offer
 * is never over-committed.
 *
 * <p>
 * Which resources an app may use: those whose role (the innermost reservation's, {@code *} when unreserved) is in its
 * {@code acceptedResourceRoles}, and that were allocated for the app's {@code role} (the resource's
 * {@code allocation_info.role}, else the offer's; no allocation info at all is taken as allocated for the framework,
 * hence for any role). Persistent volumes, revocable and shared resources are never used: resident apps are not
 * supported. Scalars ({@code cpus}, {@code mem}, {@code disk}, {@code gpus}) are needed only when the app asks for
 * more than 0 and are taken from usable resources in offer order.
 *
 * <p>
 * A try collects every reason at once, as upstream: {@code UnfulfilledRole} when the offer has resources but none
 * the app may use, {@code Insufficient<resource>} per scalar that falls short, {@code UnfulfilledConstraint} when a
 * constraint is not met (or the agent is outside the {@link Settings#homeRegion} and the app has no {@code @region}
 * constraint), {@code DeclinedScarceResources} when a GPU-free app would land on an agent offering it GPUs under the
 * restricted GPU scheduling behaviour. Ports are looked at only when all of that is fine ({@code InsufficientPorts}).
 */
public final class OfferMatcher {

    /** Marathon's {@code --gpu_scheduling_behavior}; an app's {@code GPU_SCHEDULING_BEHAVIOR} label overrides it. */
    public enum GpuScheduling {
        /** GPU-free apps may land on GPU agents (upstream's default, {@code undefined} behaves the same). */
        UNRESTRICTED,
        /** GPU agents are kept for apps that ask for GPUs (DC/OS sets this). */
        RESTRICTED
    }

    /** The app label that overrides {@link GpuScheduling} for one app ({@code restricted} / {@code unrestricted}). */
    public static final String GPU_SCHEDULING_LABEL = "GPU_SCHEDULING_BEHAVIOR";

    /**
     * Matching settings: {@code --max_instances_per_offer}, the GPU scheduling behaviour, and the region of the
     * masters ({@code null}: do not look at regions); apps without an {@code @region} constraint only go to agents
     * without a region or in this one, as in DC/OS.
     */
    public record Settings(int maxInstancesPerOffer, GpuScheduling gpuScheduling, String homeRegion) {

        /** DC/OS: 100 instances per offer, restricted GPU scheduling, no region. */
        public static final Settings DCOS = new Settings(100, GpuScheduling.RESTRICTED, null);

        public Settings {
            if (maxInstancesPerOffer < 0) {
                throw new IllegalArgumentException("maxInstancesPerOffer must not be negative");
            }
            Objects.requireNonNull(gpuScheduling, "gpuScheduling");
        }
    }

    private static final List<String> SCALARS = List.of("cpus", "mem", "disk", "gpus");

    private OfferMatcher() {
    }

    /**
     * Matches {@code offer} against {@code requests}.
     *
     * @param random picks dynamic host ports (inject a seeded one for repeatable results)
     */
    public static OfferMatch match(Offer offer, List<LaunchRequest> requests, Settings settings,
            RandomGenerator random) {
        AgentPlacement agent = placementOf(offer);
        String offerRole = offer.hasAllocationInfo() && offer.getAllocationInfo().hasRole()
                ? offer.getAllocationInfo().getRole()
                : null;
        List<Resource> remaining = new ArrayList<>(offer.getResourcesList());
        List<Launch> launches = new ArrayList<>();
        Map<PathId, Set<NoMatchReason>> rejections = new LinkedHashMap<>();
        List<Turn> turns = new ArrayList<>();
        for (LaunchRequest request : requests) {
            if (request.count() > 0) {
                turns.add(new Turn(request));
            }
        }
        boolean limitReached = false;
        while (!turns.isEmpty()) {
            if (launches.size() >= settings.maxInstancesPerOffer()) {
                limitReached = true;
                break;
            }
            Turn turn = turns.remove(0);
            Try result = tryOne(turn, agent, offerRole, remaining, settings, random);
            if (result.launch() == null) {
                rejections.merge(turn.request.appId(), result.reasons(), (a, b) -> {
                    Set<NoMatchReason> union = EnumSet.copyOf(a);
                    union.addAll(b);
                    return Set.copyOf(union);
                });
                continue;
            }
            launches.add(result.launch());
            turn.placed.add(agent);
            turn.left--;
            if (turn.left > 0) {
                turns.add(turn);
            }
        }
        return new OfferMatch(offer.getId().getValue(), agent, launches, rejections,
                remaining.stream().filter(Objects::nonNull).toList(), limitReached);
    }

    /**
     * Where an offer's agent is, as constraints see it: hostname, fault domain ({@code ""} when none), and each
     * attribute's first value as text ({@link Attributes#valueText}). Use it for the placements of launched instances
     * too, so that both sides of a constraint read values the same way.
     */
    public static AgentPlacement placementOf(Offer offer) {
        Map<String, String> attributes = new TreeMap<>();
        for (Attribute attribute : offer.getAttributesList()) {
            attributes.putIfAbsent(attribute.getName(), Attributes.valueText(attribute));
        }
        boolean domain = offer.hasDomain() && offer.getDomain().hasFaultDomain();
        return new AgentPlacement(offer.getAgentId().getValue(), offer.getHostname(),
                domain ? offer.getDomain().getFaultDomain().getRegion().getName() : "",
                domain ? offer.getDomain().getFaultDomain().getZone().getName() : "", attributes);
    }

    /** One app's place in the round: its request, instances still wanted, placements incl. this round's. */
    private static final class Turn {
        final LaunchRequest request;
        final List<AgentPlacement> placed;
        int left;

        Turn(LaunchRequest request) {
            this.request = request;
            this.placed = new ArrayList<>(request.placed());
            this.left = request.count();
        }
    }

    private record Try(Launch launch, Set<NoMatchReason> reasons) {
    }

    private static Try tryOne(Turn turn, AgentPlacement agent, String offerRole, List<Resource> remaining,
            Settings settings, RandomGenerator random) {
        App app = turn.request.app();
        boolean[] usable = new boolean[remaining.size()];
        boolean anyLeft = false;
        boolean anyUsable = false;
        for (int i = 0; i < remaining.size(); i++) {
            Resource r = remaining.get(i);
            anyLeft |= r != null;
            usable[i] = r != null && usable(r, app, offerRole);
            anyUsable |= usable[i];
        }
        Set<NoMatchReason> reasons = EnumSet.noneOf(NoMatchReason.class);
        if (anyLeft && !anyUsable) {
            reasons.add(NoMatchReason.UnfulfilledRole);
        }
        Map<String, Long> needed = new LinkedHashMap<>();
        for (String name : SCALARS) {
            long millis = millis(required(app, name));
            if (millis > 0) {
                needed.put(name, millis);
                if (available(remaining, usable, name) < millis) {
                    reasons.add(NoMatchReason.insufficient(name));
                }
            }
        }
        if (!Constraints.meetsAll(agent, app.constraints(), turn.placed) || !inRegion(agent, app, settings)) {
            reasons.add(NoMatchReason.UnfulfilledConstraint);
        }
        if (millis(required(app, "gpus")) == 0 && gpuRestricted(app, settings)
                && available(remaining, usable, "gpus") > 0) {
            reasons.add(NoMatchReason.DeclinedScarceResources);
        }
        if (!reasons.isEmpty()) {
            return new Try(null, Set.copyOf(reasons));
        }
        List<Integer> wants = PortPicker.wants(app, turn.request.servicePorts());
        var picked = PortPicker.pick(wants, remaining, i -> usable[i], random);
        if (picked.isEmpty()) {
            return new Try(null, Set.of(NoMatchReason.InsufficientPorts));
        }
        List<Resource> taken = new ArrayList<>();
        needed.forEach((name, millis) -> taken.addAll(takeScalar(remaining, usable, name, millis)));
        taken.addAll(takePorts(remaining, picked.get()));
        List<OptionalInt> hostPorts = new ArrayList<>();
        for (Pick pick : picked.get()) {
            hostPorts.add(pick == null ? OptionalInt.empty() : OptionalInt.of(pick.port()));
        }
        String role = allocationRole(taken.isEmpty() ? null : taken.get(0), offerRole, app.role());
        return new Try(new Launch(app, agent, role, taken, hostPorts, turn.request.servicePorts()), Set.of());
    }

    private static boolean usable(Resource r, App app, String offerRole) {
        if ((r.hasDisk() && r.getDisk().hasPersistence()) || r.hasRevocable() || r.hasShared()) {
            return false;
        }
        String allocated = r.hasAllocationInfo() && r.getAllocationInfo().hasRole()
                ? r.getAllocationInfo().getRole()
                : offerRole;
        if (allocated != null && !allocated.equals(app.role())) {
            return false;
        }
        return app.acceptedResourceRoles().contains(Resources.roleOf(r));
    }

    private static String allocationRole(Resource r, String offerRole, String appRole) {
        if (r != null && r.hasAllocationInfo() && r.getAllocationInfo().hasRole()) {
            return r.getAllocationInfo().getRole();
        }
        return offerRole != null ? offerRole : appRole;
    }

    private static boolean inRegion(AgentPlacement agent, App app, Settings settings) {
        if (settings.homeRegion() == null || agent.region().isEmpty()) {
            return true;
        }
        boolean regionConstrained = app.constraints().stream().anyMatch(c -> c.field().equals(Constraints.REGION));
        return regionConstrained || agent.region().equals(settings.homeRegion());
    }

    private static boolean gpuRestricted(App app, Settings settings) {
        String label = app.labels() == null ? null : app.labels().get(GPU_SCHEDULING_LABEL);
        if (label != null && (label.equalsIgnoreCase("restricted") || label.equalsIgnoreCase("unrestricted"))) {
            return label.equalsIgnoreCase("restricted");
        }
        return settings.gpuScheduling() == GpuScheduling.RESTRICTED;
    }

    private static double required(App app, String name) {
        return switch (name) {
            case "cpus" -> app.cpus();
            case "mem" -> app.mem();
            case "disk" -> app.disk();
            case "gpus" -> app.gpus();
            default -> 0;
        };
    }

    /** Scalars in thousandths, Mesos' fixed-point precision, so that sums and cuts are exact. */
    private static long millis(double value) {
        return Math.round(value * 1000.0);
    }

    private static long available(List<Resource> remaining, boolean[] usable, String name) {
        long sum = 0;
        for (int i = 0; i < remaining.size(); i++) {
            if (usable[i] && isScalar(remaining.get(i), name)) {
                sum += millis(remaining.get(i).getScalar().getValue());
            }
        }
        return sum;
    }

    private static boolean isScalar(Resource r, String name) {
        return r != null && r.getName().equals(name) && r.getType() == Value.Type.SCALAR;
    }

    /** Takes {@code millis} of a scalar from the usable resources in order; each piece keeps its resource's details. */
    private static List<Resource> takeScalar(List<Resource> remaining, boolean[] usable, String name, long millis) {
        List<Resource> taken = new ArrayList<>();
        long left = millis;
        for (int i = 0; i < remaining.size() && left > 0; i++) {
            Resource r = remaining.get(i);
            if (!usable[i] || !isScalar(r, name)) {
                continue;
            }
            long have = millis(r.getScalar().getValue());
            long take = Math.min(have, left);
            taken.add(withScalar(r, take));
            remaining.set(i, have == take ? null : withScalar(r, have - take));
            left -= take;
        }
        return taken;
    }

    private static Resource withScalar(Resource r, long millis) {
        return r.toBuilder().setScalar(Value.Scalar.newBuilder().setValue(millis / 1000.0)).build();
    }

    /** Takes the picked ports: one resource per source resource, its ranges the picked ports (sorted, merged). */
    private static List<Resource> takePorts(List<Resource> remaining, Pick[] picks) {
        Map<Integer, TreeSet<Long>> bySource = new TreeMap<>();
        for (Pick pick : picks) {
            if (pick != null) {
                bySource.computeIfAbsent(pick.resource(), k -> new TreeSet<>()).add((long) pick.port());
            }
        }
        List<Resource> taken = new ArrayList<>();
        bySource.forEach((index, ports) -> {
            Resource source = remaining.get(index);
            taken.add(source.toBuilder().setRanges(rangesOf(ports)).build());
            Value.Ranges rest = without(source.getRanges(), ports);
            remaining.set(index, rest.getRangeCount() == 0 ? null : source.toBuilder().setRanges(rest).build());
        });
        return taken;
    }

    private static Value.Ranges rangesOf(TreeSet<Long> ports) {
        Value.Ranges.Builder ranges = Value.Ranges.newBuilder();
        Long begin = null;
        Long end = null;
        for (long port : ports) {
            if (end != null && port == end + 1) {
                end = port;
                continue;
            }
            if (begin != null) {
                ranges.addRange(Value.Range.newBuilder().setBegin(begin).setEnd(end));
            }
            begin = port;
            end = port;
        }
        if (begin != null) {
            ranges.addRange(Value.Range.newBuilder().setBegin(begin).setEnd(end));
        }
        return ranges.build();
    }

    private static Value.Ranges without(Value.Ranges ranges, TreeSet<Long> ports) {
        Value.Ranges.Builder rest = Value.Ranges.newBuilder();
        for (Value.Range range : ranges.getRangeList()) {
            long begin = range.getBegin();
            for (long port : ports.subSet(range.getBegin(), true, range.getEnd(), true)) {
                if (port > begin) {
                    rest.addRange(Value.Range.newBuilder().setBegin(begin).setEnd(port - 1));
                }
                begin = port + 1;
            }
            if (begin <= range.getEnd()) {
                rest.addRange(Value.Range.newBuilder().setBegin(begin).setEnd(range.getEnd()));
            }
        }
        return rest.build();
    }
}
