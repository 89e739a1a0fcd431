package dev.dcosnative.master.marathon.launch.core;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.DomainInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;

import dev.dcosnative.master.marathon.app.core.AppDefaults;
import dev.dcosnative.master.marathon.app.core.AppNormalization;
import dev.dcosnative.master.marathon.instance.core.AgentPlacement;
import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.MarathonJson;
import dev.dcosnative.shared.marathon.PathId;
import dev.dcosnative.shared.mesos.Attributes;
import dev.dcosnative.shared.mesos.Resources;

/** Apps written as JSON and normalized with DC/OS defaults; offers as Mesos' {@code --resources} notation. */
final class Fixtures {

    /** Marathon's role in DC/OS: what offers are allocated for, and the default app role. */
    static final String MARATHON_ROLE = "slave_public";

    private Fixtures() {
    }

    /** An app from JSON (single quotes allowed for readability), normalized as stored. */
    static App app(String json) {
        App raw = MarathonJson.read(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8), App.class);
        return AppNormalization.normalize(raw, PathId.ROOT, AppDefaults.DCOS);
    }

    /** An offer from a private agent: unreserved resources, allocated for Marathon's role. */
    static Offer offer(String agent, String resources) {
        return offer(agent, resources, "*", "");
    }

    /**
     * An offer of {@code resources} reserved for {@code staticRole} ({@code *}: unreserved), with agent attributes in
     * Mesos notation, allocated for {@link #MARATHON_ROLE}.
     */
    static Offer offer(String agent, String resources, String staticRole, String attributes) {
        return builder(agent, Resources.parse(resources, staticRole), MARATHON_ROLE, attributes).build();
    }

    static Offer.Builder builder(String agent, List<Resource> resources, String allocationRole, String attributes) {
        Offer.Builder offer = Offer.newBuilder()
                .setId(OfferID.newBuilder().setValue("O-" + agent))
                .setFrameworkId(FrameworkID.newBuilder().setValue("marathon"))
                .setAgentId(AgentID.newBuilder().setValue("A-" + agent))
                .setHostname(agent)
                .addAllAttributes(Attributes.parse(attributes))
                .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(allocationRole));
        for (Resource r : resources) {
            offer.addResources(r.toBuilder()
                    .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(allocationRole)));
        }
        return offer;
    }

    static Offer inDomain(Offer offer, String region, String zone) {
        return offer.toBuilder().setDomain(DomainInfo.newBuilder().setFaultDomain(DomainInfo.FaultDomain.newBuilder()
                .setRegion(DomainInfo.FaultDomain.RegionInfo.newBuilder().setName(region))
                .setZone(DomainInfo.FaultDomain.ZoneInfo.newBuilder().setName(zone)))).build();
    }

    static AgentPlacement agent(String hostname, Map<String, String> attributes) {
        return new AgentPlacement("A-" + hostname, hostname, "", "", attributes);
    }

    static AgentPlacement agent(String hostname) {
        return agent(hostname, Map.of());
    }
}
