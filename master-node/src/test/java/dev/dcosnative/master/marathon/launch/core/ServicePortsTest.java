package dev.dcosnative.master.marathon.launch.core;

import static dev.dcosnative.master.marathon.launch.core.Fixtures.app;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.dcosnative.master.marathon.launch.core.ServicePorts.PortRange;
import dev.dcosnative.master.marathon.launch.core.ServicePorts.PortRangeExhaustedException;
import dev.dcosnative.shared.marathon.App;

class ServicePortsTest {

    private static final PortRange RANGE = PortRange.DEFAULT;

    @Test
    void dynamicPortsGetTheLowestFreePortsAndFixedOnesStay() {
        App app = app("{'id':'/a','cmd':'x','portDefinitions':[{'port':0,'name':'http'},{'port':8080},{'port':0}]}");
        assertThat(ServicePorts.hasDynamic(app)).isTrue();
        App assigned = ServicePorts.assign(app, null, Set.of(10000, 10002), RANGE);
        assertThat(ServicePorts.of(assigned)).containsExactly(10001, 8080, 10003);
        assertThat(assigned.portDefinitions().get(0).name()).isEqualTo("http");
        assertThat(ServicePorts.hasDynamic(assigned)).isFalse();
    }

    @Test
    void theDefaultPortDefinitionGetsAPort() {
        App assigned = ServicePorts.assign(app("{'id':'/a','cmd':'x'}"), null, Set.of(), RANGE);
        assertThat(ServicePorts.of(assigned)).containsExactly(10000);
    }

    @Test
    void anAppWithoutDynamicPortsIsLeftAsItIs() {
        App app = app("{'id':'/a','cmd':'x','portDefinitions':[{'port':80}]}");
        assertThat(ServicePorts.assign(app, null, Set.of(80), RANGE)).isSameAs(app);
    }

    @Test
    void anUpdatedAppKeepsItsPreviousPorts() {
        App previous = app("{'id':'/a','cmd':'x','portDefinitions':[{'port':10005},{'port':10007}]}");
        App update = app("{'id':'/a','cmd':'y','portDefinitions':[{'port':0},{'port':0},{'port':0}]}");
        App assigned = ServicePorts.assign(update, previous, Set.of(10000, 10005, 10007), RANGE);
        assertThat(ServicePorts.of(assigned)).containsExactly(10005, 10007, 10001);

        App named = app("{'id':'/a','cmd':'y','portDefinitions':[{'port':0},{'port':10005}]}");
        assertThat(ServicePorts.of(ServicePorts.assign(named, previous, Set.of(10005, 10007), RANGE)))
                .as("a port the new version names explicitly is not handed out again").containsExactly(10007,
                        10005);
    }

    @Test
    void portMappingsGetServicePortsInContainerNetworking() {
        App app = app("{'id':'/b','networks':[{'mode':'container/bridge'}],'container':{'type':'DOCKER',"
                + "'docker':{'image':'nginx'},'portMappings':[{'containerPort':80},{'containerPort':81,"
                + "'servicePort':10100}]}}");
        App assigned = ServicePorts.assign(app, null, Set.of(), RANGE);
        assertThat(ServicePorts.of(assigned)).containsExactly(10000, 10100);
        assertThat(assigned.container().portMappings().get(0).containerPort()).isEqualTo(80);
        assertThat(assigned.portDefinitions()).isEmpty();
    }

    @Test
    void severalAppsChangedTogetherGetDistinctPorts() {
        List<App> apps = List.of(app("{'id':'/a','cmd':'x'}"), app("{'id':'/b','cmd':'x'}"),
                app("{'id':'/c','cmd':'x','portDefinitions':[{'port':10001}]}"));
        List<App> assigned = ServicePorts.assignAll(apps, Map.of(), Set.of(10000), RANGE);
        assertThat(assigned).extracting(ServicePorts::of).containsExactly(List.of(10002), List.of(10003),
                List.of(10001));
    }

    @Test
    void anExhaustedRangeFailsClearly() {
        PortRange small = new PortRange(10000, 10002);
        App app = app("{'id':'/a','cmd':'x','portDefinitions':[{},{},{}]}");
        assertThatThrownBy(() -> ServicePorts.assign(app, null, Set.of(10001), small))
                .isInstanceOf(PortRangeExhaustedException.class)
                .hasMessage("All ports in the range [10000-10002) are already in use");
        assertThatThrownBy(() -> new PortRange(20000, 10000)).isInstanceOf(IllegalArgumentException.class);
        assertThat(RANGE.contains(19999)).isTrue();
        assertThat(RANGE.contains(20000)).as("max is exclusive, as upstream").isFalse();
    }
}
