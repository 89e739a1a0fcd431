package dev.dcosnative.master.marathon.app.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.App.Artifact;
import dev.dcosnative.shared.marathon.App.KillSelection;
import dev.dcosnative.shared.marathon.App.Network;
import dev.dcosnative.shared.marathon.App.PortDefinition;
import dev.dcosnative.shared.marathon.App.UpgradeStrategy;
import dev.dcosnative.shared.marathon.AppContainer.PortMapping;
import dev.dcosnative.shared.marathon.HealthCheckSpec;
import dev.dcosnative.shared.marathon.MarathonJson;
import dev.dcosnative.shared.marathon.PathId;
import dev.dcosnative.shared.marathon.ReadinessCheckSpec;
import dev.dcosnative.shared.marathon.UnreachableStrategy;

class AppNormalizationTest {

    @Test
    void fillsEveryDefault() {
        App app = normalize("{\"id\":\"/app\",\"cmd\":\"sleep\"}");

        assertThat(app.instances()).isEqualTo(1);
        assertThat(app.cpus()).isEqualTo(1.0);
        assertThat(app.mem()).isEqualTo(128.0);
        assertThat(app.disk()).isEqualTo(0.0);
        assertThat(app.gpus()).isEqualTo(0);
        assertThat(app.executor()).isEmpty();
        assertThat(app.backoffSeconds()).isEqualTo(1);
        assertThat(app.backoffFactor()).isEqualTo(1.15);
        assertThat(app.maxLaunchDelaySeconds()).isEqualTo(300);
        assertThat(app.upgradeStrategy()).isEqualTo(new UpgradeStrategy(1.0, 1.0));
        assertThat(app.unreachableStrategy()).isEqualTo(UnreachableStrategy.enabled(0, 0));
        assertThat(app.killSelection()).isEqualTo(KillSelection.YOUNGEST_FIRST);
        assertThat(app.role()).isEqualTo("slave_public");
        assertThat(app.acceptedResourceRoles()).containsExactly("*");
        assertThat(app.networks()).containsExactly(new Network("host", null, null));
        assertThat(app.portDefinitions()).containsExactly(new PortDefinition(0, "tcp", "default", Map.of()));
        assertThat(app.requirePorts()).isFalse();
        assertThat(app.tty()).isFalse();
        assertThat(app.env()).isEmpty();
        assertThat(app.labels()).isEmpty();
        assertThat(app.constraints()).isEmpty();
        assertThat(app.container()).isNull();
    }

    @Test
    void fillsCheckDefaults() {
        App app = normalize("{\"id\":\"/app\",\"cmd\":\"sleep\",\"healthChecks\":[{},{\"protocol\":\"TCP\","
                + "\"path\":\"/ignored\"},{\"protocol\":\"COMMAND\",\"command\":{\"value\":\"true\"}}],"
                + "\"readinessChecks\":[{}]}");

        assertThat(app.healthChecks()).containsExactly(
                new HealthCheckSpec("HTTP", "/", 0, null, null, 300, 60, 20, 3, 15, false, "IPv4"),
                new HealthCheckSpec("TCP", null, 0, null, null, 300, 60, 20, 3, 15, false, "IPv4"),
                new HealthCheckSpec("COMMAND", null, null, null, new HealthCheckSpec.Command("true"), 300, 60, 20, 3,
                        15, false, "IPv4"));
        assertThat(app.readinessChecks()).containsExactly(
                new ReadinessCheckSpec("readinessCheck", "HTTP", "/", "http-api", 30, 10, List.of(200), false));
    }

    @Test
    void resolvesARelativeIdAndItsDependencies() {
        App app = AppNormalization.normalize(read("{\"id\":\"b\",\"cmd\":\"sleep\","
                + "\"dependencies\":[\"c\",\"../d\",\"/e\"]}"), PathId.of("/a"), AppDefaults.DCOS);

        assertThat(app.id()).isEqualTo("/a/b");
        assertThat(app.dependencies()).containsExactly("/a/c", "/d", "/e");
    }

    @Test
    void dropsEmptySegments() {
        assertThat(normalize("{\"id\":\"//x\",\"cmd\":\"sleep\"}").id()).isEqualTo("/x");
        assertThat(normalize("{\"id\":\"/a//b/\",\"cmd\":\"sleep\"}").id()).isEqualTo("/a/b");
    }

    @Test
    void movesDeprecatedFields() {
        App app = normalize("{\"id\":\"/app\",\"cmd\":\"sleep\",\"uris\":[\"http://x/a.tgz\",\"http://x/run.sh\"],"
                + "\"ports\":[8080,0]}");

        assertThat(app.uris()).isNull();
        assertThat(app.fetch()).containsExactly(new Artifact("http://x/a.tgz", false, true, false, null),
                new Artifact("http://x/run.sh", false, false, false, null));
        assertThat(app.ports()).isNull();
        assertThat(app.portDefinitions()).containsExactly(new PortDefinition(8080, "tcp", null, Map.of()),
                new PortDefinition(0, "tcp", null, Map.of()));
    }

    @Test
    void movesDockerNetworkAndPortMappings() {
        App app = normalize("{\"id\":\"/app\",\"container\":{\"docker\":{\"image\":\"nginx\",\"network\":\"BRIDGE\","
                + "\"portMappings\":[{\"containerPort\":80}]}},\"portDefinitions\":[{\"port\":0}],"
                + "\"requirePorts\":true}");

        assertThat(app.networks()).containsExactly(new Network("container/bridge", null, null));
        assertThat(app.container().type()).isEqualTo("DOCKER");
        assertThat(app.container().docker().network()).isNull();
        assertThat(app.container().docker().portMappings()).isNull();
        assertThat(app.container().portMappings())
                .containsExactly(new PortMapping(80, 0, 0, "tcp", null, Map.of(), List.of()));
        assertThat(app.portDefinitions()).as("port definitions belong to host networking").isEmpty();
        assertThat(app.requirePorts()).as("requirePorts only applies to host networking").isFalse();
    }

    @Test
    void givesNonHostAppsTheDefaultPortMappingAndNetworkName() {
        App app = normalize("{\"id\":\"/app\",\"cmd\":\"sleep\",\"networks\":[{}]}");

        assertThat(app.networks()).containsExactly(new Network("container", "dcos", null));
        assertThat(app.container().type()).isEqualTo("MESOS");
        assertThat(app.container().portMappings())
                .containsExactly(new PortMapping(0, null, 0, "tcp", "default", Map.of(), List.of()));

        App noMappings = normalize("{\"id\":\"/app\",\"networks\":[{\"mode\":\"container/bridge\"}],"
                + "\"container\":{\"docker\":{\"image\":\"x\"},\"portMappings\":[]}}");
        assertThat(noMappings.container().portMappings()).as("an empty array asks for no mappings").isEmpty();

        App hostMappings = normalize("{\"id\":\"/app\",\"container\":{\"docker\":{\"image\":\"x\"},"
                + "\"portMappings\":[{\"containerPort\":80}]}}");
        assertThat(hostMappings.container().portMappings()).as("dropped under host networking").isNull();
    }

    @Test
    void keepsAcceptedResourceRolesToTheStarAndTheAppsRole() {
        assertThat(normalize("{\"id\":\"/a\",\"cmd\":\"x1\",\"acceptedResourceRoles\":[\"slave_public\",\"*\","
                + "\"slave_public\"]}").acceptedResourceRoles()).containsExactly("slave_public", "*");
        assertThat(normalize("{\"id\":\"/a\",\"cmd\":\"x1\",\"role\":\"dev\",\"acceptedResourceRoles\":[\"other\"]}")
                .acceptedResourceRoles()).containsExactly("*");
    }

    @Test
    void residentAppsUpgradeInPlaceAndIgnoreUnreachableAgents() {
        App app = normalize("{\"id\":\"/db\",\"cmd\":\"run\",\"container\":{\"type\":\"MESOS\",\"volumes\":["
                + "{\"containerPath\":\"data\",\"mode\":\"RW\",\"persistent\":{\"size\":10}}]}}");

        assertThat(app.upgradeStrategy()).isEqualTo(new UpgradeStrategy(0.5, 0.0));
        assertThat(app.unreachableStrategy()).isEqualTo(UnreachableStrategy.DISABLED);
    }

    private static App normalize(String json) {
        return AppNormalization.normalize(read(json), PathId.ROOT, AppDefaults.DCOS);
    }

    private static App read(String json) {
        return MarathonJson.read(json.getBytes(StandardCharsets.UTF_8), App.class);
    }
}
