package dev.dcosnative.master.marathon.launch.core;

import static dev.dcosnative.master.marathon.launch.core.Fixtures.agent;
import static dev.dcosnative.master.marathon.launch.core.Fixtures.app;
import static dev.dcosnative.master.marathon.launch.core.Fixtures.offer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ContainerInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.HealthCheck;
import org.apache.mesos.v1.Protos.Image;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.NetworkInfo;
import org.apache.mesos.v1.Protos.Port;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.Volume;
import org.junit.jupiter.api.Test;

import dev.dcosnative.master.marathon.instance.core.InstanceId;
import dev.dcosnative.master.marathon.launch.core.TaskBuilder.Options;
import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.PathId;
import dev.dcosnative.shared.mesos.Resources;

class TaskBuilderTest {

    private static final String TASK_ID = "prod_web.instance-6f1e2a3b-0000-4000-8000-000000000001._app.1";

    private static Launch launch(App app, Integer... hostPorts) {
        List<OptionalInt> ports = Arrays.stream(hostPorts)
                .map(p -> p == null ? OptionalInt.empty() : OptionalInt.of(p)).toList();
        return new Launch(app, agent("node-1.example"), "slave_public",
                Resources.parse("cpus:" + app.cpus() + ";mem:" + app.mem(), "*"), ports, ServicePorts.of(app));
    }

    private static TaskInfo build(Launch launch) {
        return TaskBuilder.build(launch, TASK_ID, Options.DEFAULT, new SplittableRandom(5));
    }

    private static Map<String, String> env(TaskInfo task) {
        return task.getCommand().getEnvironment().getVariablesList().stream()
                .collect(Collectors.toMap(Environment.Variable::getName, Environment.Variable::getValue));
    }

    private static final App WEB = app("{'id':'/prod/web','cmd':'python3 -m http.server $PORT0','cpus':0.5,"
            + "'mem':64,'user':'nobody','version':'2026-03-01T12:00:00.000Z',"
            + "'env':{'MODE':'prod','DB_PASSWORD':{'secret':'db'},'PORT0':'mine'},"
            + "'labels':{'HAPROXY_GROUP':'external','a.b-c':'x'},"
            + "'portDefinitions':[{'port':10000,'name':'http','protocol':'tcp','labels':{'VIP_0':'/web:80'}},"
            + "{'port':0,'protocol':'udp,tcp'}],"
            + "'fetch':[{'uri':'https://example.com/app.tgz','destPath':'app.tgz'},"
            + "{'uri':'https://example.com/run.sh','executable':true,'extract':false,'cache':true}],"
            + "'taskKillGracePeriodSeconds':30}");

    @Test
    void aCommandTaskCarriesIdsResourcesAndTheShellCommand() {
        Launch launch = launch(WEB, 31001, 31002);
        TaskInfo task = build(launch);
        assertThat(task.getName()).isEqualTo("web.prod");
        assertThat(task.getTaskId().getValue()).isEqualTo(TASK_ID);
        assertThat(task.getAgentId().getValue()).isEqualTo("A-node-1.example");
        assertThat(task.getResourcesList()).isEqualTo(launch.resources());
        CommandInfo command = task.getCommand();
        assertThat(command.getShell()).isTrue();
        assertThat(command.getValue()).isEqualTo("python3 -m http.server $PORT0");
        assertThat(command.getArgumentsList()).isEmpty();
        assertThat(command.getUser()).isEqualTo("nobody");
        assertThat(task.hasContainer()).isFalse();
        assertThat(task.hasHealthCheck()).isFalse();
        assertThat(task.getKillPolicy().getGracePeriod().getNanoseconds()).isEqualTo(30_000_000_000L);
    }

    @Test
    void theTaskIdComesFromTheInstanceAndIncarnation() {
        InstanceId instance = InstanceId.forApp(PathId.of("/prod/web"), UUID.randomUUID());
        TaskInfo task = TaskBuilder.build(launch(WEB, 31001, 31002), instance, 3);
        assertThat(task.getTaskId().getValue()).isEqualTo(instance.taskId(3));
        assertThat(env(task)).containsEntry("MESOS_TASK_ID", instance.taskId(3));
    }

    @Test
    void theEnvironmentHasMarathonsVariables() {
        Map<String, String> env = env(build(launch(WEB, 31001, 31002)));
        assertThat(env)
                .containsEntry("MESOS_TASK_ID", TASK_ID)
                .containsEntry("MARATHON_APP_ID", "/prod/web")
                .containsEntry("MARATHON_APP_VERSION", "2026-03-01T12:00:00.000Z")
                .containsEntry("MARATHON_APP_RESOURCE_CPUS", "0.5")
                .containsEntry("MARATHON_APP_RESOURCE_MEM", "64.0")
                .containsEntry("MARATHON_APP_RESOURCE_DISK", "0.0")
                .containsEntry("MARATHON_APP_RESOURCE_GPUS", "0")
                .containsEntry("MARATHON_APP_LABELS", "HAPROXY_GROUP A_B_C")
                .containsEntry("MARATHON_APP_LABEL_HAPROXY_GROUP", "external")
                .containsEntry("MARATHON_APP_LABEL_A_B_C", "x")
                .containsEntry("PORT0", "mine")
                .containsEntry("PORT1", "31002")
                .containsEntry("PORT_10000", "31001")
                .containsEntry("PORT_31002", "31002")
                .containsEntry("PORT_HTTP", "31001")
                .containsEntry("PORT", "31001")
                .containsEntry("PORTS", "31001,31002")
                .containsEntry("HOST", "node-1.example")
                .containsEntry("MODE", "prod")
                .doesNotContainKey("DB_PASSWORD")
                .doesNotContainKey("MARATHON_APP_DOCKER_IMAGE");
    }

    @Test
    void portVariablesTakeThePrefixAndAppsWithoutPortsGetNone() {
        Map<String, String> env = TaskBuilder.environment(launch(WEB, 31001, 31002), TASK_ID,
                new Options("MARATHON_", "mesos-bridge"), new SplittableRandom(1));
        assertThat(env).containsEntry("MARATHON_PORT0", "31001").containsEntry("MARATHON_HOST", "node-1.example")
                .containsEntry("MARATHON_PORTS", "31001,31002").doesNotContainKey("PORTS");
        App none = app("{'id':'/n','cmd':'x','portDefinitions':[]}");
        assertThat(TaskBuilder.environment(launch(none), TASK_ID, Options.DEFAULT, new SplittableRandom(1)))
                .doesNotContainKeys("PORT", "PORTS", "PORT0").containsKey("HOST");
    }

    @Test
    void longLabelsStayOutOfTheEnvironment() {
        App app = app("{'id':'/l','cmd':'x','labels':{'short':'v','long':'" + "x".repeat(512) + "','"
                + "k".repeat(493) + "':'v'}}");
        Map<String, String> env = env(build(launch(app, 31000)));
        assertThat(env).containsEntry("MARATHON_APP_LABELS", "SHORT").containsEntry("MARATHON_APP_LABEL_SHORT", "v")
                .doesNotContainKey("MARATHON_APP_LABEL_LONG");
        assertThat(build(launch(app, 31000)).getLabels().getLabelsList()).hasSize(3);
    }

    @Test
    void argsRunWithoutAShell() {
        App app = app("{'id':'/a','args':['/bin/server','--port','8080']}");
        CommandInfo command = build(launch(app, 31000)).getCommand();
        assertThat(command.getShell()).isFalse();
        assertThat(command.getValue()).isEqualTo("/bin/server");
        assertThat(command.getArgumentsList()).containsExactly("/bin/server", "--port", "8080");

        App docker = app("{'id':'/d','args':['--port','8080'],'container':{'type':'DOCKER','docker':{'image':'srv'}}}");
        CommandInfo inDocker = build(launch(docker, 31000)).getCommand();
        assertThat(inDocker.hasValue()).as("the image's entrypoint runs the args").isFalse();
        assertThat(inDocker.getArgumentsList()).containsExactly("--port", "8080");
    }

    @Test
    void fetchBecomesUris() {
        List<CommandInfo.URI> uris = build(launch(WEB, 31001, 31002)).getCommand().getUrisList();
        assertThat(uris).hasSize(2);
        assertThat(uris.get(0).getValue()).isEqualTo("https://example.com/app.tgz");
        assertThat(uris.get(0).getExtract()).isTrue();
        assertThat(uris.get(0).getExecutable()).isFalse();
        assertThat(uris.get(0).getCache()).isFalse();
        assertThat(uris.get(0).getOutputFile()).isEqualTo("app.tgz");
        assertThat(uris.get(1).getExtract()).isFalse();
        assertThat(uris.get(1).getExecutable()).isTrue();
        assertThat(uris.get(1).getCache()).isTrue();
        assertThat(uris.get(1).hasOutputFile()).isFalse();
    }

    @Test
    void labelsAndDiscoveryInfoDescribeThePorts() {
        TaskInfo task = build(launch(WEB, 31001, 31002));
        assertThat(task.getLabels().getLabelsList()).contains(
                Label.newBuilder().setKey("HAPROXY_GROUP").setValue("external").build());
        assertThat(task.getDiscovery().getName()).isEqualTo("web.prod");
        assertThat(task.getDiscovery().getVisibility().name()).isEqualTo("FRAMEWORK");
        List<Port> ports = task.getDiscovery().getPorts().getPortsList();
        assertThat(ports).extracting(Port::getNumber, Port::getProtocol, Port::getName).containsExactly(
                tuple(31001, "tcp", "http"),
                tuple(31002, "udp", ""),
                tuple(31002, "tcp", ""));
        assertThat(ports.get(0).getLabels().getLabels(0).getKey()).isEqualTo("VIP_0");
        assertThat(ports.get(1).hasLabels()).isFalse();
    }

    @Test
    void mesosHttpChecksUseTheHostPortOfTheirIndexInHostNetworking() {
        App app = app("{'id':'/h','cmd':'x','portDefinitions':[{},{}],'healthChecks':[{'protocol':'MESOS_HTTP',"
                + "'portIndex':1,'path':'/health','gracePeriodSeconds':100,'intervalSeconds':10,"
                + "'timeoutSeconds':5,'maxConsecutiveFailures':2,'delaySeconds':3}]}");
        HealthCheck check = build(launch(app, 31001, 31002)).getHealthCheck();
        assertThat(check.getType()).isEqualTo(HealthCheck.Type.HTTP);
        assertThat(check.getHttp().getScheme()).isEqualTo("http");
        assertThat(check.getHttp().getPort()).isEqualTo(31002);
        assertThat(check.getHttp().getPath()).isEqualTo("/health");
        assertThat(check.getHttp().getProtocol()).isEqualTo(NetworkInfo.Protocol.IPv4);
        assertThat(check.getGracePeriodSeconds()).isEqualTo(100);
        assertThat(check.getIntervalSeconds()).isEqualTo(10);
        assertThat(check.getTimeoutSeconds()).isEqualTo(5);
        assertThat(check.getConsecutiveFailures()).isEqualTo(2);
        assertThat(check.getDelaySeconds()).isEqualTo(3);
    }

    @Test
    void normalizedDefaultsCarryOverToTheMesosCheck() {
        App app = app("{'id':'/h','cmd':'x','healthChecks':[{'protocol':'MESOS_HTTPS'}]}");
        HealthCheck check = build(launch(app, 31005)).getHealthCheck();
        assertThat(check.getHttp().getScheme()).isEqualTo("https");
        assertThat(check.getHttp().getPort()).isEqualTo(31005);
        assertThat(check.getHttp().getPath()).isEqualTo("/");
        assertThat(check.getGracePeriodSeconds()).isEqualTo(300);
        assertThat(check.getIntervalSeconds()).isEqualTo(60);
        assertThat(check.getTimeoutSeconds()).isEqualTo(20);
        assertThat(check.getConsecutiveFailures()).isEqualTo(3);
        assertThat(check.getDelaySeconds()).isEqualTo(15);
    }

    @Test
    void tcpCommandAndLegacyChecksMap() {
        App tcp = app("{'id':'/t','cmd':'x','healthChecks':[{'protocol':'MESOS_TCP','port':9000}]}");
        HealthCheck tcpCheck = build(launch(tcp, 31005)).getHealthCheck();
        assertThat(tcpCheck.getType()).isEqualTo(HealthCheck.Type.TCP);
        assertThat(tcpCheck.getTcp().getPort()).isEqualTo(9000);

        App command = app("{'id':'/c','cmd':'x','healthChecks':[{'protocol':'COMMAND',"
                + "'command':{'value':'curl -f localhost:$PORT0'}}]}");
        HealthCheck commandCheck = build(launch(command, 31005)).getHealthCheck();
        assertThat(commandCheck.getType()).isEqualTo(HealthCheck.Type.COMMAND);
        assertThat(commandCheck.getCommand().getShell()).isTrue();
        assertThat(commandCheck.getCommand().getValue()).isEqualTo("curl -f localhost:$PORT0");

        App legacy = app("{'id':'/l','cmd':'x','healthChecks':[{'protocol':'TCP','ipProtocol':'IPv6'}]}");
        HealthCheck legacyCheck = build(launch(legacy, 31007)).getHealthCheck();
        assertThat(legacyCheck.getType()).isEqualTo(HealthCheck.Type.TCP);
        assertThat(legacyCheck.getTcp().getPort()).isEqualTo(31007);
        assertThat(legacyCheck.getTcp().getProtocol()).isEqualTo(NetworkInfo.Protocol.IPv6);

        App http = app("{'id':'/l','cmd':'x','healthChecks':[{'path':'/ping'}]}");
        HealthCheck httpCheck = build(launch(http, 31007)).getHealthCheck();
        assertThat(httpCheck.getType()).isEqualTo(HealthCheck.Type.HTTP);
        assertThat(httpCheck.getHttp().getPort()).isEqualTo(31007);
    }

    @Test
    void theFirstConvertibleCheckWins() {
        App app = app("{'id':'/m','cmd':'x','portDefinitions':[{}],'healthChecks':["
                + "{'protocol':'MESOS_HTTP','portIndex':4},"
                + "{'protocol':'COMMAND','command':{'value':'true'}},"
                + "{'protocol':'MESOS_TCP'}]}");
        assertThat(build(launch(app, 31000)).getHealthCheck().getType()).isEqualTo(HealthCheck.Type.COMMAND);
    }

    @Test
    void bridgedDockerTasksMapTheirPorts() {
        App app = app("{'id':'/nginx','networks':[{'mode':'container/bridge'}],'container':{'type':'DOCKER',"
                + "'docker':{'image':'nginx:1.25','privileged':true,'forcePullImage':true,"
                + "'parameters':[{'key':'label','value':'x=y'}]},"
                + "'portMappings':[{'containerPort':80,'name':'web'},{'containerPort':0,'protocol':'udp,tcp'}],"
                + "'volumes':[{'containerPath':'/data','hostPath':'/var/data','mode':'RO'},"
                + "{'containerPath':'pv','persistent':{'size':10},'mode':'RW'}]},"
                + "'healthChecks':[{'protocol':'MESOS_HTTP','portIndex':0},{'protocol':'HTTP','portIndex':0}]}");
        TaskInfo task = build(launch(app, 31080, 31081));
        ContainerInfo container = task.getContainer();
        assertThat(container.getType()).isEqualTo(ContainerInfo.Type.DOCKER);
        ContainerInfo.DockerInfo docker = container.getDocker();
        assertThat(docker.getImage()).isEqualTo("nginx:1.25");
        assertThat(docker.getNetwork()).isEqualTo(ContainerInfo.DockerInfo.Network.BRIDGE);
        assertThat(docker.getPrivileged()).isTrue();
        assertThat(docker.getForcePullImage()).isTrue();
        assertThat(docker.getParameters(0).getKey()).isEqualTo("label");
        assertThat(docker.getPortMappingsList()).extracting(m -> m.getHostPort() + ">" + m.getContainerPort() + "/"
                + m.getProtocol()).containsExactly("31080>80/tcp", "31081>31081/udp", "31081>31081/tcp");
        assertThat(container.getVolumesList()).containsExactly(Volume.newBuilder().setContainerPath("/data")
                .setHostPath("/var/data").setMode(Volume.Mode.RO).build());
        assertThat(env(task)).containsEntry("MARATHON_APP_DOCKER_IMAGE", "nginx:1.25")
                .containsEntry("PORT0", "31080").containsEntry("PORT_80", "31080").containsEntry("PORT_WEB", "31080");
        assertThat(task.getHealthCheck().getHttp().getPort()).as("Mesos probes inside the container").isEqualTo(80);
        assertThat(TaskBuilder.toMesos(app.healthChecks().get(1), TaskBuilder.portAssignments(launch(app, 31080,
                31081))).orElseThrow().getHttp().getPort()).as("legacy checks probed the host port").isEqualTo(31080);
        assertThat(task.getDiscovery().getPorts().getPorts(0).getLabels().getLabelsList()).contains(
                Label.newBuilder().setKey("network-scope").setValue("host").build());
    }

    @Test
    void mesosContainersRunDockerImagesThroughTheMesosContainerizer() {
        App app = app("{'id':'/ucr','cmd':'nginx','tty':true,"
                + "'container':{'type':'MESOS','docker':{'image':'nginx:1.25'}}}");
        ContainerInfo container = build(launch(app, 31000)).getContainer();
        assertThat(container.getType()).isEqualTo(ContainerInfo.Type.MESOS);
        Image image = container.getMesos().getImage();
        assertThat(image.getType()).isEqualTo(Image.Type.DOCKER);
        assertThat(image.getDocker().getName()).isEqualTo("nginx:1.25");
        assertThat(image.getCached()).isTrue();
        assertThat(container.hasTtyInfo()).isTrue();
        assertThat(container.getNetworkInfosList()).isEmpty();
    }

    @Test
    void containerNetworksCarryTheirPortMappings() {
        App app = app("{'id':'/o','networks':[{'mode':'container','name':'dcos','labels':{'k':'v'}}],"
                + "'container':{'type':'MESOS','portMappings':[{'containerPort':8080,'name':'api'},"
                + "{'containerPort':9090,'hostPort':0}]},'cmd':'x',"
                + "'healthChecks':[{'protocol':'MESOS_TCP','portIndex':0}]}");
        TaskInfo task = build(launch(app, null, 31500));
        ContainerInfo container = task.getContainer();
        assertThat(container.getType()).isEqualTo(ContainerInfo.Type.MESOS);
        assertThat(container.getMesos().hasImage()).isFalse();
        NetworkInfo network = container.getNetworkInfos(0);
        assertThat(network.getName()).isEqualTo("dcos");
        assertThat(network.getLabels().getLabels(0).getKey()).isEqualTo("k");
        assertThat(network.getPortMappingsList()).extracting(m -> m.getHostPort() + ">" + m.getContainerPort())
                .containsExactly("31500>9090");
        List<Port> ports = task.getDiscovery().getPorts().getPortsList();
        assertThat(ports).extracting(Port::getNumber).containsExactly(8080, 31500);
        assertThat(ports.get(0).getLabels().getLabelsList()).contains(
                Label.newBuilder().setKey("network-scope").setValue("container").build());
        assertThat(env(task)).containsEntry("PORT0", "8080").containsEntry("PORT1", "31500")
                .containsEntry("PORT_8080", "8080").containsEntry("PORT_9090", "31500")
                .containsEntry("PORTS", "31500");
        assertThat(task.getHealthCheck().getTcp().getPort()).isEqualTo(8080);
    }

    @Test
    void mesosBridgeNetworkingUsesTheBridgeNetwork() {
        App app = app("{'id':'/br','cmd':'x','networks':[{'mode':'container/bridge'}],"
                + "'container':{'type':'MESOS','portMappings':[{'containerPort':80}]}}");
        ContainerInfo container = build(launch(app, 31001)).getContainer();
        assertThat(container.getNetworkInfos(0).getName()).isEqualTo("mesos-bridge");
        assertThat(container.getNetworkInfos(0).getPortMappings(0).getHostPort()).isEqualTo(31001);
    }

    @Test
    void aMatchedLaunchBuildsIntoATaskUsingExactlyItsResources() {
        OfferMatch match = OfferMatcher.match(offer("node-2", "cpus:2;mem:1024;ports:[31000-31000]"),
                List.of(LaunchRequest.of(WEB, 1, List.of())), OfferMatcher.Settings.DCOS, new SplittableRandom(1));
        assertThat(match.launches()).isEmpty();
        OfferMatch fits = OfferMatcher.match(offer("node-2", "cpus:2;mem:1024;ports:[31000-31001]"),
                List.of(LaunchRequest.of(WEB, 1, List.of())), OfferMatcher.Settings.DCOS, new SplittableRandom(1));
        TaskInfo task = build(fits.launches().get(0));
        assertThat(task.getAgentId().getValue()).isEqualTo("A-node-2");
        assertThat(Resources.sumScalar(task.getResourcesList(), "cpus")).isEqualTo(0.5);
        assertThat(task.getResourcesList()).allMatch(Resource::hasAllocationInfo);
        assertThat(env(task)).containsEntry("HOST", "node-2").containsKey("PORT_HTTP");
    }

    @Test
    void hostnamesReverseTheAppPath() {
        assertThat(TaskBuilder.hostname(PathId.of("/prod/db/mysql"))).isEqualTo("mysql.db.prod");
        assertThat(TaskBuilder.hostname(PathId.of("/web"))).isEqualTo("web");
    }
}
