package dev.dcosnative.master.marathon.launch.core;

import static dev.dcosnative.master.marathon.launch.core.Fixtures.agent;
import static dev.dcosnative.master.marathon.launch.core.Fixtures.app;
import static dev.dcosnative.master.marathon.launch.core.Fixtures.offer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;
import org.junit.jupiter.api.Test;

import dev.dcosnative.master.marathon.launch.core.OfferMatcher.GpuScheduling;
import dev.dcosnative.master.marathon.launch.core.OfferMatcher.Settings;
import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.PathId;
import dev.dcosnative.shared.mesos.ResourceBag;
import dev.dcosnative.shared.mesos.Resources;

class OfferMatcherTest {

    private static final Settings SETTINGS = Settings.DCOS;
    private static final String PRIVATE = "cpus:4;mem:4096;disk:10000;ports:[31000-31009]";

    private static OfferMatch match(Offer offer, LaunchRequest... requests) {
        return OfferMatcher.match(offer, List.of(requests), SETTINGS, new SplittableRandom(7));
    }

    private static LaunchRequest want(App app, int count) {
        return LaunchRequest.of(app, count, List.of());
    }

    private static App simple(String id) {
        return app("{'id':'" + id + "','cmd':'sleep 1000','cpus':0.5,'mem':64}");
    }

    private static double scalar(List<Resource> resources, String name) {
        return Resources.sumScalar(resources, name);
    }

    @Test
    void aMatchTakesExactlyWhatTheAppNeedsWithTheOfferedRoleAndAllocation() {
        Offer offer = offer("a", PRIVATE);
        OfferMatch match = match(offer, want(simple("/web"), 1));

        assertThat(match.rejections()).isEmpty();
        assertThat(match.launches()).hasSize(1);
        Launch launch = match.launches().get(0);
        assertThat(launch.appId()).isEqualTo(PathId.of("/web"));
        assertThat(launch.agent().agentId()).isEqualTo("A-a");
        assertThat(launch.agent().hostname()).isEqualTo("a");
        assertThat(launch.role()).isEqualTo("slave_public");
        assertThat(scalar(launch.resources(), "cpus")).isEqualTo(0.5);
        assertThat(scalar(launch.resources(), "mem")).isEqualTo(64);
        assertThat(launch.resources()).noneMatch(r -> r.getName().equals("disk"));
        assertThat(launch.resources()).allMatch(r -> r.getAllocationInfo().getRole().equals("slave_public")
                && Resources.roleOf(r).equals("*") && r.getReservationsCount() == 0);
        assertThat(launch.hostPorts()).hasSize(1);
        int port = launch.hostPorts().get(0).getAsInt();
        assertThat(port).isBetween(31000, 31009);
        Resource ports = launch.resources().stream().filter(r -> r.getName().equals("ports")).findFirst()
                .orElseThrow();
        assertThat(ports.getRanges().getRangeList()).containsExactly(
                Value.Range.newBuilder().setBegin(port).setEnd(port).build());
        assertThat(scalar(match.unused(), "cpus")).isEqualTo(3.5);
        assertThat(match.limitReached()).isFalse();
    }

    @Test
    void eachShortScalarGivesItsReason() {
        Offer offer = offer("a", "cpus:0.1;mem:32;disk:10;ports:[31000-31009]");
        App big = app("{'id':'/big','cmd':'x','cpus':1,'mem':128,'disk':100}");
        assertThat(match(offer, want(big, 1)).rejections().get(PathId.of("/big"))).containsExactlyInAnyOrder(
                NoMatchReason.InsufficientCpus, NoMatchReason.InsufficientMemory, NoMatchReason.InsufficientDisk);
        App cpus = app("{'id':'/c','cmd':'x','cpus':1,'mem':16}");
        assertThat(match(offer, want(cpus, 1)).rejections().get(PathId.of("/c")))
                .containsExactly(NoMatchReason.InsufficientCpus);
        App mem = app("{'id':'/m','cmd':'x','cpus':0.1,'mem':64}");
        assertThat(match(offer, want(mem, 1)).rejections().get(PathId.of("/m")))
                .containsExactly(NoMatchReason.InsufficientMemory);
        App disk = app("{'id':'/d','cmd':'x','cpus':0.1,'mem':16,'disk':11}");
        assertThat(match(offer, want(disk, 1)).rejections().get(PathId.of("/d")))
                .containsExactly(NoMatchReason.InsufficientDisk);
    }

    @Test
    void tooFewPortsGivesInsufficientPorts() {
        Offer offer = offer("a", "cpus:4;mem:4096;ports:[31000-31001]");
        App three = app("{'id':'/p','cmd':'x','cpus':0.1,'mem':16,'portDefinitions':[{},{},{}]}");
        OfferMatch match = match(offer, want(three, 1));
        assertThat(match.launches()).isEmpty();
        assertThat(match.rejections().get(PathId.of("/p"))).containsExactly(NoMatchReason.InsufficientPorts);
        App none = app("{'id':'/n','cmd':'x','cpus':0.1,'mem':16,'portDefinitions':[]}");
        OfferMatch noPorts = match(offer("b", "cpus:1;mem:64"), want(none, 1));
        assertThat(noPorts.launches()).hasSize(1);
        assertThat(noPorts.launches().get(0).hostPorts()).isEmpty();
    }

    @Test
    void portsAreLookedAtOnlyWhenEverythingElseFits() {
        App app = app("{'id':'/p','cmd':'x','cpus':8,'mem':16}");
        assertThat(match(offer("a", "cpus:1;mem:64"), want(app, 1)).rejections().get(PathId.of("/p")))
                .containsExactly(NoMatchReason.InsufficientCpus);
    }

    @Test
    void publicAgentResourcesGoOnlyToAppsAcceptingSlavePublic() {
        Offer publicAgent = offer("pub", PRIVATE, "slave_public", "public_ip:true");
        OfferMatch defaultApp = match(publicAgent, want(simple("/private"), 1));
        assertThat(defaultApp.launches()).isEmpty();
        assertThat(defaultApp.rejections().get(PathId.of("/private"))).contains(NoMatchReason.UnfulfilledRole);

        App edge = app("{'id':'/edge','cmd':'x','cpus':0.5,'mem':64,'acceptedResourceRoles':['slave_public']}");
        OfferMatch match = match(publicAgent, want(edge, 1));
        assertThat(match.launches()).hasSize(1);
        assertThat(match.launches().get(0).resources()).allMatch(r -> Resources.roleOf(r).equals("slave_public")
                && r.getReservations(0).getRole().equals("slave_public")
                && r.getAllocationInfo().getRole().equals("slave_public"));

        OfferMatch edgeOnPrivate = match(offer("priv", PRIVATE), want(edge, 1));
        assertThat(edgeOnPrivate.rejections().get(PathId.of("/edge"))).contains(NoMatchReason.UnfulfilledRole);
    }

    @Test
    void anOfferAllocatedForAnotherRoleIsUnusable() {
        Offer other = Fixtures.builder("a", Resources.parse(PRIVATE, "*"), "analytics", "").build();
        assertThat(match(other, want(simple("/web"), 1)).rejections().get(PathId.of("/web")))
                .contains(NoMatchReason.UnfulfilledRole);
        App analytics = app("{'id':'/a','cmd':'x','cpus':0.5,'mem':64,'role':'analytics'}");
        assertThat(match(other, want(analytics, 1)).launches()).hasSize(1);
    }

    @Test
    void mixedReservedAndUnreservedResourcesAreBothUsableWhenAccepted() {
        List<Resource> resources = new ArrayList<>(Resources.parse("cpus:1;mem:64", "slave_public"));
        resources.addAll(Resources.parse("cpus:1;mem:64", "*"));
        Offer offer = Fixtures.builder("a", resources, "slave_public", "").build();
        App both = app("{'id':'/b','cmd':'x','cpus':1.5,'mem':100,'portDefinitions':[],"
                + "'acceptedResourceRoles':['slave_public','*']}");
        OfferMatch match = match(offer, want(both, 1));
        assertThat(match.launches()).hasSize(1);
        List<Resource> taken = match.launches().get(0).resources();
        assertThat(taken).filteredOn(r -> r.getName().equals("cpus")).extracting(Resources::roleOf, r -> r
                .getScalar().getValue()).containsExactly(
                        tuple("slave_public", 1.0),
                        tuple("*", 0.5));
        App onlyStar = app("{'id':'/s','cmd':'x','cpus':1.5,'mem':100,'portDefinitions':[]}");
        assertThat(match(offer, want(onlyStar, 1)).rejections().get(PathId.of("/s")))
                .containsExactlyInAnyOrder(NoMatchReason.InsufficientCpus, NoMatchReason.InsufficientMemory);
    }

    @Test
    void constraintsCountInstancesLaunchedFromTheSameOffer() {
        App unique = app("{'id':'/u','cmd':'x','cpus':0.1,'mem':16,'constraints':[['hostname','UNIQUE']]}");
        OfferMatch match = match(offer("a", PRIVATE), want(unique, 3));
        assertThat(match.launches()).hasSize(1);
        assertThat(match.rejections().get(PathId.of("/u"))).containsExactly(NoMatchReason.UnfulfilledConstraint);

        OfferMatch already = OfferMatcher.match(offer("a", PRIVATE),
                List.of(LaunchRequest.of(unique, 1, List.of(agent("a")))), SETTINGS, new SplittableRandom(1));
        assertThat(already.launches()).isEmpty();
        assertThat(already.rejections().get(PathId.of("/u"))).containsExactly(NoMatchReason.UnfulfilledConstraint);
    }

    @Test
    void constraintsReadTheOfferedAttributes() {
        App rack = app("{'id':'/r','cmd':'x','cpus':0.1,'mem':16,'constraints':[['rack','IS','r1']]}");
        assertThat(match(offer("a", PRIVATE, "*", "rack:r1"), want(rack, 1)).launches()).hasSize(1);
        assertThat(match(offer("a", PRIVATE, "*", "rack:r2"), want(rack, 1)).launches()).isEmpty();
        assertThat(match(offer("a", PRIVATE), want(rack, 1)).launches()).isEmpty();
    }

    @Test
    void severalInstancesArePackedWithoutOverusingTheOffer() {
        App one = app("{'id':'/one','cmd':'x','cpus':1,'mem':100,'portDefinitions':[{},{}]}");
        OfferMatch match = match(offer("a", PRIVATE), want(one, 10));
        assertThat(match.launches()).hasSize(4);
        assertThat(match.rejections().get(PathId.of("/one"))).containsExactly(NoMatchReason.InsufficientCpus);
        Set<Integer> ports = new HashSet<>();
        match.launches().forEach(l -> ports.addAll(l.allocatedHostPorts()));
        assertThat(ports).hasSize(8);
        assertThat(scalar(match.unused(), "cpus")).isZero();
        assertThat(scalar(match.unused(), "mem")).isEqualTo(3696);
    }

    @Test
    void maxInstancesPerOfferIsHonouredAcrossApps() {
        Settings two = new Settings(2, GpuScheduling.RESTRICTED, null);
        OfferMatch match = OfferMatcher.match(offer("a", PRIVATE),
                List.of(want(simple("/x"), 5), want(simple("/y"), 5)), two, new SplittableRandom(3));
        assertThat(match.launches()).extracting(l -> l.appId().toString()).containsExactly("/x", "/y");
        assertThat(match.limitReached()).isTrue();
        assertThat(match.rejections()).isEmpty();
    }

    @Test
    void appsTakeTurnsOneInstanceAtATime() {
        App x = app("{'id':'/x','cmd':'x','cpus':1,'mem':16,'portDefinitions':[]}");
        App y = app("{'id':'/y','cmd':'x','cpus':1,'mem':16,'portDefinitions':[]}");
        OfferMatch match = match(offer("a", PRIVATE), want(x, 3), want(y, 3));
        assertThat(match.launches()).extracting(l -> l.appId().toString()).containsExactly("/x", "/y", "/x",
                "/y");
        assertThat(match.rejections().keySet()).containsExactlyInAnyOrder(PathId.of("/x"), PathId.of("/y"));
    }

    @Test
    void requirePortsTakesTheDeclaredPorts() {
        App fixed = app("{'id':'/f','cmd':'x','cpus':0.1,'mem':16,'requirePorts':true,"
                + "'portDefinitions':[{'port':31005},{'port':31002}]}");
        OfferMatch match = match(offer("a", PRIVATE), want(fixed, 1));
        assertThat(match.launches().get(0).hostPorts()).containsExactly(OptionalInt.of(31005), OptionalInt.of(31002));
        Resource ports = match.launches().get(0).resources().stream().filter(r -> r.getName().equals("ports"))
                .findFirst().orElseThrow();
        assertThat(Resources.format(ports.getRanges())).isEqualTo("[31002-31002, 31005-31005]");

        OfferMatch twice = match(offer("a", PRIVATE), want(fixed, 2));
        assertThat(twice.launches()).hasSize(1);
        assertThat(twice.rejections().get(PathId.of("/f"))).containsExactly(NoMatchReason.InsufficientPorts);

        App outside = app("{'id':'/o','cmd':'x','cpus':0.1,'mem':16,'requirePorts':true,"
                + "'portDefinitions':[{'port':8080}]}");
        assertThat(match(offer("a", PRIVATE), want(outside, 1)).rejections().get(PathId.of("/o")))
                .containsExactly(NoMatchReason.InsufficientPorts);
    }

    @Test
    void withoutRequirePortsServicePortsAreNotHostPorts() {
        App service = app("{'id':'/s','cmd':'x','cpus':0.1,'mem':16,'portDefinitions':[{'port':10000}]}");
        OfferMatch match = match(offer("a", PRIVATE), want(service, 1));
        assertThat(match.launches().get(0).hostPorts().get(0).getAsInt()).isBetween(31000, 31009);
        assertThat(match.launches().get(0).servicePorts()).containsExactly(10000);
    }

    @Test
    void portMappingsTakeFixedAnyOrNoHostPort() {
        App bridge = app("{'id':'/b','cpus':0.1,'mem':16,'networks':[{'mode':'container/bridge'}],"
                + "'container':{'type':'DOCKER','docker':{'image':'nginx'},'portMappings':["
                + "{'containerPort':80},{'containerPort':443,'hostPort':31003}]}}");
        Launch launch = match(offer("a", PRIVATE), want(bridge, 1)).launches().get(0);
        assertThat(launch.hostPorts().get(0).getAsInt()).isBetween(31000, 31009).isNotEqualTo(31003);
        assertThat(launch.hostPorts().get(1)).isEqualTo(OptionalInt.of(31003));

        App overlay = app("{'id':'/o','cpus':0.1,'mem':16,'networks':[{'mode':'container','name':'dcos'}],"
                + "'container':{'type':'MESOS','portMappings':[{'containerPort':80},{'containerPort':81,'hostPort':0}]}}");
        Launch onOverlay = match(offer("a", PRIVATE), want(overlay, 1)).launches().get(0);
        assertThat(onOverlay.hostPorts().get(0)).isEmpty();
        assertThat(onOverlay.hostPorts().get(1)).isPresent();
        assertThat(onOverlay.allocatedHostPorts()).hasSize(1);
    }

    @Test
    void restrictedGpuSchedulingKeepsGpuAgentsForGpuApps() {
        Offer gpuAgent = offer("g", "cpus:4;mem:4096;gpus:2;ports:[31000-31009]");
        OfferMatch plain = match(gpuAgent, want(simple("/web"), 1));
        assertThat(plain.rejections().get(PathId.of("/web"))).containsExactly(NoMatchReason.DeclinedScarceResources);

        App optOut = app("{'id':'/w','cmd':'x','cpus':0.1,'mem':16,'labels':{'GPU_SCHEDULING_BEHAVIOR':'unrestricted'}}");
        assertThat(match(gpuAgent, want(optOut, 1)).launches()).hasSize(1);
        Settings unrestricted = new Settings(100, GpuScheduling.UNRESTRICTED, null);
        assertThat(OfferMatcher.match(gpuAgent, List.of(want(simple("/web"), 1)), unrestricted,
                new SplittableRandom(1)).launches()).hasSize(1);

        App gpu = app("{'id':'/ml','cmd':'x','cpus':0.1,'mem':16,'gpus':1}");
        OfferMatch gpus = match(gpuAgent, want(gpu, 3));
        assertThat(gpus.launches()).hasSize(2);
        assertThat(scalar(gpus.launches().get(0).resources(), "gpus")).isEqualTo(1);
        assertThat(gpus.rejections().get(PathId.of("/ml"))).containsExactly(NoMatchReason.InsufficientGpus);
        assertThat(match(offer("a", PRIVATE), want(gpu, 1)).rejections().get(PathId.of("/ml")))
                .containsExactly(NoMatchReason.InsufficientGpus);
    }

    @Test
    void agentsOutsideTheHomeRegionNeedARegionConstraint() {
        Settings home = new Settings(100, GpuScheduling.RESTRICTED, "eu");
        Offer remote = Fixtures.inDomain(offer("a", PRIVATE), "us", "us-1");
        assertThat(OfferMatcher.match(remote, List.of(want(simple("/w"), 1)), home, new SplittableRandom(1))
                .rejections().get(PathId.of("/w"))).containsExactly(NoMatchReason.UnfulfilledConstraint);
        App there = app("{'id':'/t','cmd':'x','cpus':0.1,'mem':16,'constraints':[['@region','IS','us']]}");
        assertThat(OfferMatcher.match(remote, List.of(want(there, 1)), home, new SplittableRandom(1)).launches())
                .hasSize(1);
        assertThat(OfferMatcher.match(Fixtures.inDomain(offer("a", PRIVATE), "eu", "eu-1"),
                List.of(want(simple("/w"), 1)), home, new SplittableRandom(1)).launches()).hasSize(1);
    }

    @Test
    void placementOfReadsHostnameDomainAndAttributes() {
        Offer offer = Fixtures.inDomain(offer("a", PRIVATE, "*", "rack:r1;cores:4;rack:r9"), "eu", "eu-1");
        var placement = OfferMatcher.placementOf(offer);
        assertThat(placement.hostname()).isEqualTo("a");
        assertThat(placement.region()).isEqualTo("eu");
        assertThat(placement.zone()).isEqualTo("eu-1");
        assertThat(placement.attributes()).containsEntry("rack", "r1").containsEntry("cores", "4");
        assertThat(OfferMatcher.placementOf(offer("b", PRIVATE)).region()).isEmpty();
    }

    @Test
    void randomOffersAreNeverOverCommitted() {
        Random random = new Random(2026);
        int launches = 0;
        for (int round = 0; round < 300; round++) {
            String resources = String.format(Locale.ROOT,
                    "cpus:%.3f;mem:%d;disk:%d;gpus:%d;ports:[%d-%d,%d-%d]", random.nextDouble() * 8,
                    random.nextInt(8192), random.nextInt(4096), random.nextInt(2), 31000, 31000 + random.nextInt(10),
                    32000, 32000 + random.nextInt(5));
            Offer offer = random.nextBoolean() ? offer("a", resources)
                    : offer("a", resources, "slave_public", "public_ip:true");
            List<LaunchRequest> requests = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(4); i++) {
                String roles = random.nextBoolean() ? "['*']" : "['slave_public','*']";
                String ports = "[" + "{},".repeat(random.nextInt(4)) + "]";
                App app = app(String.format(Locale.ROOT,
                        "{'id':'/app%d','cmd':'x','cpus':%.2f,'mem':%d,'disk':%d,'gpus':%d,"
                                + "'acceptedResourceRoles':%s,'portDefinitions':%s}",
                        i, 0.01 + random.nextDouble(), 1 + random.nextInt(1024), random.nextInt(512),
                        random.nextInt(2), roles, ports.replace(",]", "]")));
                requests.add(want(app, 1 + random.nextInt(6)));
            }
            OfferMatch match = OfferMatcher.match(offer, requests,
                    new Settings(1 + random.nextInt(10), GpuScheduling.RESTRICTED, null),
                    new SplittableRandom(round));

            ResourceBag launched = ResourceBag.empty();
            Set<Integer> hostPorts = new HashSet<>();
            for (Launch launch : match.launches()) {
                launched = launched.plus(ResourceBag.of(launch.resources()));
                assertThat(launch.allocatedHostPorts()).allMatch(hostPorts::add);
                assertThat(scalar(launch.resources(), "cpus")).isEqualTo(Resources.round(launch.app().cpus()));
                assertThat(launch.resources()).allMatch(
                        r -> launch.app().acceptedResourceRoles().contains(Resources.roleOf(r)));
            }
            ResourceBag offered = ResourceBag.of(offer.getResourcesList());
            assertThat(offered.contains(launched)).isTrue();
            assertThat(launched.plus(ResourceBag.of(match.unused()))).isEqualTo(offered);
            assertThat(match.launches().size()).isLessThanOrEqualTo(requests.stream()
                    .mapToInt(LaunchRequest::count).sum());
            launches += match.launches().size();
        }
        assertThat(launches).as("the rounds exercise packing").isGreaterThan(300);
    }
}
