package dev.dcosnative.master.marathon.launch.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ContainerInfo;
import org.apache.mesos.v1.Protos.DiscoveryInfo;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.HealthCheck;
import org.apache.mesos.v1.Protos.Image;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.NetworkInfo;
import org.apache.mesos.v1.Protos.Parameter;
import org.apache.mesos.v1.Protos.Port;
import org.apache.mesos.v1.Protos.Ports;
import org.apache.mesos.v1.Protos.TTYInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.Volume;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.master.marathon.instance.core.InstanceId;
import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.App.Artifact;
import dev.dcosnative.shared.marathon.App.Network;
import dev.dcosnative.shared.marathon.App.PortDefinition;
import dev.dcosnative.shared.marathon.AppContainer;
import dev.dcosnative.shared.marathon.AppContainer.PortMapping;
import dev.dcosnative.shared.marathon.HealthCheckSpec;
import dev.dcosnative.shared.marathon.PathId;

/**
 * Builds the Mesos {@code TaskInfo} of one {@link Launch} (upstream {@code TaskBuilder}, {@code EnvironmentHelper},
 * {@code PortDiscovery}, the {@code MesosHealthCheck} conversions):
 * <ul>
 * <li>name: the app id as a hostname, segments reversed and joined by dots ({@code /prod/db} → {@code db.prod});
 * task id as given (an instance's {@code <instance id>._app.<incarnation>}); the agent; the matched resources.</li>
 * <li>command: {@code cmd} runs through the shell ({@code shell=true}, {@code value=cmd}); {@code args} run without
 * one ({@code shell=false}, the arguments, and the first one as {@code value} when there is no container, which the
 * command executor needs); {@code user}; {@code fetch} as URIs ({@code destPath} → {@code output_file}). Custom
 * executors are not supported: every task uses the command executor.</li>
 * <li>environment, later entries winning: {@code MESOS_TASK_ID}, {@code MARATHON_APP_ID}, {@code _VERSION},
 * {@code _DOCKER_IMAGE}, {@code _RESOURCE_CPUS/MEM/DISK/GPUS}, {@code MARATHON_APP_LABELS} and
 * {@code MARATHON_APP_LABEL_<NAME>}; then, behind the optional {@code --env_vars_prefix}, {@code PORT<i>},
 * {@code PORT_<declared port>}, {@code PORT_<NAME>}, {@code PORT}, {@code PORTS} and {@code HOST} (the agent's
 * hostname); then the app's {@code env} (secret references left out: they are resolved elsewhere or not at all).</li>
 * <li>labels; discovery info (name as above, visibility FRAMEWORK, one port per protocol with its name and labels;
 * in container networking labelled {@code network-scope} {@code host} or {@code container}); kill policy from
 * {@code taskKillGracePeriodSeconds}.</li>
 * <li>container: DOCKER with an image → a Docker containerizer {@code DockerInfo} (network HOST, BRIDGE or USER, port
 * mappings with their bound host ports, privileged, parameters, force pull); otherwise (MESOS, or any container in
 * container networking) a Mesos container, with the Docker image as {@code mesos.image} when there is one, and one
 * {@code NetworkInfo} per container network ({@code mesos-bridge} for bridge) carrying its port mappings. Host volumes
 * and {@code tty} are passed on; persistent, external and secret volumes and {@code linuxInfo} are not.</li>
 * <li>health check: Mesos allows one per task, so the first of the app's {@code healthChecks} that converts is used,
 * in the order the app lists them (upstream takes "the first" of an unordered set). MESOS_HTTP/MESOS_HTTPS/MESOS_TCP
 * and COMMAND convert as upstream: the port is {@code port}, else the container port of {@code portIndex} (the agent
 * probes inside the task's network), else its host port. The old HTTP/HTTPS/TCP checks, which Marathon itself ran
 * against the host port, become the same Mesos checks with the host port preferred. delay, interval, timeout and
 * grace period carry over in seconds, {@code maxConsecutiveFailures} becomes {@code consecutive_failures}. A check
 * whose port cannot be resolved is skipped.</li>
 * </ul>
 * The app's {@code check} (Mesos checks) is not passed on yet.
 */
public final class TaskBuilder {

    public static final int MAX_ENVIRONMENT_VAR_LENGTH = 512;
    public static final String LABEL_ENV_PREFIX = "MARATHON_APP_LABEL_";

    /** Marathon's {@code --env_vars_prefix} ({@code null}: none) and {@code --mesos_bridge_name}. */
    public record Options(String envVarsPrefix, String mesosBridgeName) {
        public static final Options DEFAULT = new Options(null, "mesos-bridge");
    }

    /** One port of the task: its host port and, in container networking, its container port. */
    record PortAssignment(OptionalInt hostPort, OptionalInt containerPort) {
    }

    private TaskBuilder() {
    }

    /** The task of {@code launch} for incarnation {@code incarnation} of instance {@code instanceId}. */
    public static TaskInfo build(Launch launch, InstanceId instanceId, int incarnation) {
        return build(launch, instanceId.taskId(incarnation), Options.DEFAULT, new SplittableRandom());
    }

    /**
     * The task of {@code launch} with id {@code taskId}.
     *
     * @param random picks container ports for mappings that have neither a host nor a container port (as upstream)
     */
    public static TaskInfo build(Launch launch, String taskId, Options options, RandomGenerator random) {
        App app = launch.app();
        TaskInfo.Builder task = TaskInfo.newBuilder()
                .setName(hostname(launch.appId()))
                .setTaskId(TaskID.newBuilder().setValue(taskId))
                .setAgentId(AgentID.newBuilder().setValue(launch.agent().agentId()))
                .addAllResources(launch.resources())
                .setDiscovery(discovery(launch));
        if (!app.labels().isEmpty()) {
            task.setLabels(labels(app.labels()));
        }
        container(launch, options).ifPresent(task::setContainer);
        task.setCommand(command(launch, taskId, options, random));
        if (app.taskKillGracePeriodSeconds() != null) {
            task.setKillPolicy(KillPolicy.newBuilder().setGracePeriod(
                    DurationInfo.newBuilder().setNanoseconds(app.taskKillGracePeriodSeconds() * 1_000_000_000L)));
        }
        healthCheck(app, portAssignments(launch)).ifPresent(task::setHealthCheck);
        return task.build();
    }

    /** An app id as Mesos task names and DNS use it: segments reversed, joined by dots. */
    public static String hostname(PathId appId) {
        List<String> reversed = new ArrayList<>(appId.path());
        Collections.reverse(reversed);
        return String.join(".", reversed);
    }

    // ---------------------------------------------------------------------------------------------------- command

    private static CommandInfo command(Launch launch, String taskId, Options options, RandomGenerator random) {
        App app = launch.app();
        CommandInfo.Builder command = CommandInfo.newBuilder();
        Environment.Builder environment = Environment.newBuilder();
        environment(launch, taskId, options, random).forEach((name, value) -> environment
                .addVariables(Environment.Variable.newBuilder().setName(name).setValue(value)));
        command.setEnvironment(environment);
        if (app.cmd() != null && !app.cmd().isEmpty()) {
            command.setShell(true).setValue(app.cmd());
        } else {
            command.setShell(false);
        }
        if (app.args() != null && !app.args().isEmpty()) {
            command.setShell(false).addAllArguments(app.args());
            if (app.container() == null) {
                command.setValue(app.args().get(0));
            }
        }
        for (Artifact artifact : app.fetch()) {
            CommandInfo.URI.Builder uri = CommandInfo.URI.newBuilder()
                    .setValue(artifact.uri())
                    .setExecutable(Boolean.TRUE.equals(artifact.executable()))
                    .setExtract(!Boolean.FALSE.equals(artifact.extract()))
                    .setCache(Boolean.TRUE.equals(artifact.cache()));
            if (artifact.destPath() != null && !artifact.destPath().isEmpty()) {
                uri.setOutputFile(artifact.destPath());
            }
            command.addUris(uri);
        }
        if (app.user() != null) {
            command.setUser(app.user());
        }
        return command.build();
    }

    /** The task's environment, in the order it is set, later sources overriding earlier ones. */
    public static Map<String, String> environment(Launch launch, String taskId, Options options,
            RandomGenerator random) {
        App app = launch.app();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MESOS_TASK_ID", taskId);
        env.put("MARATHON_APP_ID", app.id());
        if (app.version() != null) {
            env.put("MARATHON_APP_VERSION", app.version());
        }
        dockerImage(app).ifPresent(image -> env.put("MARATHON_APP_DOCKER_IMAGE", image));
        env.put("MARATHON_APP_RESOURCE_CPUS", Double.toString(app.cpus()));
        env.put("MARATHON_APP_RESOURCE_MEM", Double.toString(app.mem()));
        env.put("MARATHON_APP_RESOURCE_DISK", Double.toString(app.disk()));
        env.put("MARATHON_APP_RESOURCE_GPUS", Integer.toString(app.gpus()));
        env.putAll(labelsEnv(app.labels()));
        String prefix = options.envVarsPrefix() == null ? "" : options.envVarsPrefix();
        portsEnv(declaredPorts(launch), launch.hostPorts(), random).forEach((k, v) -> env.put(prefix + k, v));
        env.put(prefix + "HOST", launch.agent().hostname());
        app.env().forEach((name, value) -> {
            if (!value.isSecret() && value.value() != null) {
                env.put(name, value.value());
            }
        });
        return env;
    }

    /** {@code MARATHON_APP_LABELS} and {@code MARATHON_APP_LABEL_<NAME>} (upstream {@code labelsToEnvVars}). */
    static Map<String, String> labelsEnv(Map<String, String> labels) {
        Map<String, String> valid = new LinkedHashMap<>();
        labels.forEach((key, value) -> {
            if (key.length() < MAX_ENVIRONMENT_VAR_LENGTH - LABEL_ENV_PREFIX.length()
                    && value.length() < MAX_ENVIRONMENT_VAR_LENGTH) {
                valid.put(key.replaceAll("[^a-zA-Z0-9_]+", "_").toUpperCase(Locale.ROOT), value);
            }
        });
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MARATHON_APP_LABELS", String.join(" ", valid.keySet()));
        valid.forEach((name, value) -> env.put(LABEL_ENV_PREFIX + name, value));
        return env;
    }

    /** A declared port: the container port of a mapping or the service port of a definition, and its name. */
    record DeclaredPort(String name, int port) {
    }

    private static List<DeclaredPort> declaredPorts(Launch launch) {
        App app = launch.app();
        List<DeclaredPort> declared = new ArrayList<>();
        if (PortPicker.isHostNetworking(app)) {
            for (int i = 0; i < app.portDefinitions().size(); i++) {
                PortDefinition d = app.portDefinitions().get(i);
                int port = i < launch.servicePorts().size() ? launch.servicePorts().get(i) : d.port();
                declared.add(new DeclaredPort(d.name(), port));
            }
        } else {
            for (PortMapping m : PortPicker.portMappings(app)) {
                declared.add(new DeclaredPort(m.name(), m.containerPort() == null ? 0 : m.containerPort()));
            }
        }
        return declared;
    }

    /** {@code PORT<i>}, {@code PORT_<n>}, {@code PORT_<NAME>}, {@code PORT}, {@code PORTS} (upstream {@code portsEnv}). */
    static Map<String, String> portsEnv(List<DeclaredPort> declared, List<OptionalInt> hostPorts,
            RandomGenerator random) {
        Map<String, String> env = new LinkedHashMap<>();
        if (hostPorts.isEmpty()) {
            return env;
        }
        Set<Integer> consumed = new HashSet<>();
        declared.forEach(d -> consumed.add(d.port()));
        hostPorts.forEach(p -> p.ifPresent(consumed::add));
        Map<Integer, Integer> generated = new LinkedHashMap<>();
        for (int i = 0; i < hostPorts.size(); i++) {
            OptionalInt host = hostPorts.get(i);
            int requested = i < declared.size() ? declared.get(i).port() : 0;
            if (host.isPresent()) {
                env.put("PORT" + i, Integer.toString(host.getAsInt()));
            } else if (requested == 0) {
                int port = containerPort(consumed, random);
                generated.put(i, port);
                env.put("PORT" + i, Integer.toString(port));
            } else {
                env.put("PORT" + i, Integer.toString(requested));
            }
        }
        for (int i = 0; i < Math.min(declared.size(), hostPorts.size()); i++) {
            int requested = declared.get(i).port();
            OptionalInt host = hostPorts.get(i);
            int value = host.isPresent() ? host.getAsInt() : requested != 0 ? requested : generated.get(i);
            int name = requested != 0 ? requested : value;
            env.put("PORT_" + name, Integer.toString(value));
        }
        for (int i = 0; i < Math.min(declared.size(), hostPorts.size()); i++) {
            String name = declared.get(i).name();
            if (name != null && hostPorts.get(i).isPresent()) {
                env.put("PORT_" + name.toUpperCase(Locale.ROOT),
                        Integer.toString(hostPorts.get(i).getAsInt()));
            }
        }
        List<String> all = new ArrayList<>();
        hostPorts.forEach(p -> p.ifPresent(port -> all.add(Integer.toString(port))));
        generated.values().forEach(port -> all.add(Integer.toString(port)));
        if (!all.isEmpty()) {
            env.put("PORT", all.get(0));
        }
        env.put("PORTS", String.join(",", all));
        return env;
    }

    /** A container port above 1024 not used by the task's other ports. */
    private static int containerPort(Set<Integer> consumed, RandomGenerator random) {
        while (true) {
            int port = 1025 + random.nextInt(65535 - 1024);
            if (consumed.add(port)) {
                return port;
            }
        }
    }

    private static Optional<String> dockerImage(App app) {
        return app.container() == null || app.container().docker() == null
                ? Optional.empty()
                : Optional.ofNullable(app.container().docker().image());
    }

    // -------------------------------------------------------------------------------------------------- discovery

    private static DiscoveryInfo discovery(Launch launch) {
        App app = launch.app();
        Ports.Builder ports = Ports.newBuilder();
        List<OptionalInt> hostPorts = launch.hostPorts();
        if (PortPicker.isHostNetworking(app)) {
            for (int i = 0; i < Math.min(app.portDefinitions().size(), hostPorts.size()); i++) {
                PortDefinition d = app.portDefinitions().get(i);
                if (hostPorts.get(i).isPresent()) {
                    addPorts(ports, hostPorts.get(i).getAsInt(), d.protocol(), d.name(), d.labels(), null);
                }
            }
        } else {
            List<PortMapping> mappings = PortPicker.portMappings(app);
            for (int i = 0; i < Math.min(mappings.size(), hostPorts.size()); i++) {
                PortMapping m = mappings.get(i);
                OptionalInt host = hostPorts.get(i);
                int number = host.isPresent() ? host.getAsInt() : m.containerPort() == null ? 0 : m.containerPort();
                addPorts(ports, number, m.protocol(), m.name(), m.labels(), host.isPresent() ? "host" : "container");
            }
        }
        return DiscoveryInfo.newBuilder()
                .setVisibility(DiscoveryInfo.Visibility.FRAMEWORK)
                .setName(hostname(launch.appId()))
                .setPorts(ports)
                .build();
    }

    private static void addPorts(Ports.Builder ports, int number, String protocol, String name,
            Map<String, String> labels, String networkScope) {
        for (String p : protocols(protocol)) {
            Port.Builder port = Port.newBuilder().setNumber(number).setProtocol(p);
            if (name != null) {
                port.setName(name);
            }
            Map<String, String> all = new LinkedHashMap<>(labels == null ? Map.of() : labels);
            if (networkScope != null) {
                all.put("network-scope", networkScope);
            }
            if (!all.isEmpty()) {
                port.setLabels(labels(all));
            }
            ports.addPorts(port);
        }
    }

    private static List<String> protocols(String protocol) {
        return List.of((protocol == null ? "tcp" : protocol).split(",")).stream().map(String::trim)
                .filter(s -> !s.isEmpty()).distinct().toList();
    }

    private static Labels labels(Map<String, String> labels) {
        Labels.Builder builder = Labels.newBuilder();
        labels.forEach((k, v) -> builder.addLabels(Label.newBuilder().setKey(k).setValue(v)));
        return builder.build();
    }

    // -------------------------------------------------------------------------------------------------- container

    /** A port mapping with its host port bound (container port 0 becomes the host port, as upstream). */
    private record Bound(int hostPort, int containerPort, String protocol, List<String> networkNames) {
    }

    private static List<Bound> bound(Launch launch) {
        List<Bound> bound = new ArrayList<>();
        List<PortMapping> mappings = PortPicker.portMappings(launch.app());
        for (int i = 0; i < Math.min(mappings.size(), launch.hostPorts().size()); i++) {
            PortMapping m = mappings.get(i);
            OptionalInt host = launch.hostPorts().get(i);
            if (host.isPresent()) {
                int container = m.containerPort() == null || m.containerPort() == 0 ? host.getAsInt()
                        : m.containerPort();
                bound.add(new Bound(host.getAsInt(), container, m.protocol(),
                        m.networkNames() == null ? List.of() : m.networkNames()));
            }
        }
        return bound;
    }

    private static Optional<ContainerInfo> container(Launch launch, Options options) {
        App app = launch.app();
        AppContainer container = app.container();
        boolean host = PortPicker.isHostNetworking(app);
        if (container == null && host) {
            return Optional.empty();
        }
        ContainerInfo.Builder info = ContainerInfo.newBuilder();
        Optional<String> image = dockerImage(app);
        List<Bound> bound = host ? List.of() : bound(launch);
        if (container != null && "DOCKER".equals(container.type()) && image.isPresent()) {
            info.setType(ContainerInfo.Type.DOCKER).setDocker(docker(container, image.get(), app.networks(), bound));
            app.networks().stream().filter(n -> "container".equals(n.mode()))
                    .forEach(n -> info.addNetworkInfos(network(n.name(), n.labels(), List.of())));
        } else {
            ContainerInfo.MesosInfo.Builder mesos = ContainerInfo.MesosInfo.newBuilder();
            image.ifPresent(name -> mesos.setImage(Image.newBuilder()
                    .setType(Image.Type.DOCKER)
                    .setDocker(Image.Docker.newBuilder().setName(name))
                    .setCached(!Boolean.TRUE.equals(container.docker().forcePullImage()))));
            info.setType(ContainerInfo.Type.MESOS).setMesos(mesos);
            for (Network network : app.networks()) {
                if ("container/bridge".equals(network.mode())) {
                    info.addNetworkInfos(network(options.mesosBridgeName(), network.labels(), bound));
                } else if ("container".equals(network.mode())) {
                    List<Bound> mine = bound.stream().filter(
                            b -> b.networkNames().isEmpty() || b.networkNames().contains(network.name())).toList();
                    info.addNetworkInfos(network(network.name(), network.labels(), mine));
                }
            }
        }
        if (container != null) {
            container.volumes().forEach(v -> hostVolume(v).ifPresent(info::addVolumes));
        }
        if (Boolean.TRUE.equals(app.tty())) {
            info.setTtyInfo(TTYInfo.getDefaultInstance());
        }
        return Optional.of(info.build());
    }

    private static ContainerInfo.DockerInfo docker(AppContainer container, String image, List<Network> networks,
            List<Bound> bound) {
        AppContainer.Docker docker = container.docker();
        ContainerInfo.DockerInfo.Builder info = ContainerInfo.DockerInfo.newBuilder()
                .setImage(image)
                .setPrivileged(Boolean.TRUE.equals(docker.privileged()))
                .setForcePullImage(Boolean.TRUE.equals(docker.forcePullImage()));
        if (docker.parameters() != null) {
            docker.parameters().forEach(p -> info.addParameters(
                    Parameter.newBuilder().setKey(p.key()).setValue(p.value() == null ? "" : p.value())));
        }
        if (networks.stream().anyMatch(n -> "container/bridge".equals(n.mode()))) {
            info.setNetwork(ContainerInfo.DockerInfo.Network.BRIDGE);
        } else if (networks.stream().anyMatch(n -> "container".equals(n.mode()))) {
            info.setNetwork(ContainerInfo.DockerInfo.Network.USER);
        } else {
            info.setNetwork(ContainerInfo.DockerInfo.Network.HOST);
        }
        for (Bound b : bound) {
            for (String protocol : protocols(b.protocol())) {
                info.addPortMappings(ContainerInfo.DockerInfo.PortMapping.newBuilder()
                        .setHostPort(b.hostPort()).setContainerPort(b.containerPort()).setProtocol(protocol));
            }
        }
        return info.build();
    }

    private static NetworkInfo network(String name, Map<String, String> labels, List<Bound> bound) {
        NetworkInfo.Builder network = NetworkInfo.newBuilder();
        if (name != null) {
            network.setName(name);
        }
        if (labels != null && !labels.isEmpty()) {
            network.setLabels(labels(labels));
        }
        for (Bound b : bound) {
            for (String protocol : protocols(b.protocol())) {
                network.addPortMappings(NetworkInfo.PortMapping.newBuilder()
                        .setHostPort(b.hostPort()).setContainerPort(b.containerPort()).setProtocol(protocol));
            }
        }
        return network.build();
    }

    /** A host volume ({@code containerPath}, {@code hostPath}, {@code mode}); other kinds are not passed on. */
    private static Optional<Volume> hostVolume(JsonNode volume) {
        if (!volume.path("hostPath").isTextual() || !volume.path("containerPath").isTextual()) {
            return Optional.empty();
        }
        return Optional.of(Volume.newBuilder()
                .setContainerPath(volume.get("containerPath").textValue())
                .setHostPath(volume.get("hostPath").textValue())
                .setMode("RO".equals(volume.path("mode").asText()) ? Volume.Mode.RO : Volume.Mode.RW)
                .build());
    }

    // ----------------------------------------------------------------------------------------------- health check

    static List<PortAssignment> portAssignments(Launch launch) {
        App app = launch.app();
        List<PortAssignment> assignments = new ArrayList<>();
        if (PortPicker.isHostNetworking(app)) {
            launch.hostPorts().forEach(p -> assignments.add(new PortAssignment(p, OptionalInt.empty())));
            return assignments;
        }
        List<PortMapping> mappings = PortPicker.portMappings(app);
        for (int i = 0; i < Math.min(mappings.size(), launch.hostPorts().size()); i++) {
            OptionalInt host = launch.hostPorts().get(i);
            int declared = mappings.get(i).containerPort() == null ? 0 : mappings.get(i).containerPort();
            OptionalInt container = declared != 0 ? OptionalInt.of(declared) : host;
            assignments.add(new PortAssignment(host, container));
        }
        return assignments;
    }

    /** The task's health check: the first of the app's checks that converts (see the class comment). */
    static Optional<HealthCheck> healthCheck(App app, List<PortAssignment> ports) {
        for (HealthCheckSpec check : app.healthChecks()) {
            Optional<HealthCheck> converted = toMesos(check, ports);
            if (converted.isPresent()) {
                return converted;
            }
        }
        return Optional.empty();
    }

    static Optional<HealthCheck> toMesos(HealthCheckSpec check, List<PortAssignment> ports) {
        String protocol = check.protocol() == null ? "HTTP" : check.protocol();
        boolean mesos = protocol.startsWith("MESOS_");
        HealthCheck.Builder health = HealthCheck.newBuilder()
                .setDelaySeconds(or(check.delaySeconds(), 15))
                .setIntervalSeconds(or(check.intervalSeconds(), 60))
                .setTimeoutSeconds(or(check.timeoutSeconds(), 20))
                .setConsecutiveFailures(or(check.maxConsecutiveFailures(), 3))
                .setGracePeriodSeconds(or(check.gracePeriodSeconds(), 300));
        NetworkInfo.Protocol ip = "IPv6".equals(check.ipProtocol()) ? NetworkInfo.Protocol.IPv6
                : NetworkInfo.Protocol.IPv4;
        switch (protocol) {
            case "MESOS_HTTP", "MESOS_HTTPS", "HTTP", "HTTPS" -> {
                OptionalInt port = port(check, ports, mesos);
                if (port.isEmpty()) {
                    return Optional.empty();
                }
                HealthCheck.HTTPCheckInfo.Builder http = HealthCheck.HTTPCheckInfo.newBuilder()
                        .setScheme(protocol.endsWith("HTTPS") ? "https" : "http")
                        .setPort(port.getAsInt())
                        .setProtocol(ip);
                if (check.path() != null) {
                    http.setPath(check.path());
                }
                health.setType(HealthCheck.Type.HTTP).setHttp(http);
            }
            case "MESOS_TCP", "TCP" -> {
                OptionalInt port = port(check, ports, mesos);
                if (port.isEmpty()) {
                    return Optional.empty();
                }
                health.setType(HealthCheck.Type.TCP)
                        .setTcp(HealthCheck.TCPCheckInfo.newBuilder().setPort(port.getAsInt()).setProtocol(ip));
            }
            case "COMMAND" -> {
                if (check.command() == null || check.command().value() == null) {
                    return Optional.empty();
                }
                health.setType(HealthCheck.Type.COMMAND)
                        .setCommand(CommandInfo.newBuilder().setShell(true).setValue(check.command().value()));
            }
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(health.build());
    }

    /** {@code port}, else the port at {@code portIndex}: container port first for MESOS_ checks, host port first else. */
    private static OptionalInt port(HealthCheckSpec check, List<PortAssignment> ports, boolean containerFirst) {
        if (check.port() != null) {
            return OptionalInt.of(check.port());
        }
        int index = check.portIndex() == null ? 0 : check.portIndex();
        if (index < 0 || index >= ports.size()) {
            return OptionalInt.empty();
        }
        PortAssignment assignment = ports.get(index);
        OptionalInt first = containerFirst ? assignment.containerPort() : assignment.hostPort();
        OptionalInt second = containerFirst ? assignment.hostPort() : assignment.containerPort();
        return first.isPresent() ? first : second;
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
