package dev.dcosnative.shared.mesos;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Task;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.Protos.VersionInfo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dcosnative.shared.proto.ProtoJson;

/**
 * The flat JSON shapes of the Mesos legacy endpoints ({@code /master/state}, {@code /state}, ...): resources as
 * <code>{"cpus":2.0,"gpus":0.0,"mem":1024.0,"disk":0.0,"ports":"[31000-32000]"}</code> and attributes as
 * <code>{"rack":"r1"}</code>, as the DC/OS UI, CLI and Mesos-DNS read them.
 */
public final class LegacyJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private LegacyJson() {
    }

    /** {@code /version}: the version fields of {@link MesosInfo#versionInfo()}. */
    public static ObjectNode version() {
        VersionInfo info = MesosInfo.versionInfo();
        ObjectNode node = JSON.objectNode();
        node.put("version", info.getVersion());
        node.put("build_date", info.getBuildDate());
        node.put("build_user", info.getBuildUser());
        node.put("git_tag", info.getGitTag());
        return node;
    }

    /** Flags as one object, sorted by name: the {@code flags} of {@code /state} and {@code /flags}. */
    public static ObjectNode flags(Map<String, String> flags) {
        ObjectNode node = JSON.objectNode();
        new TreeMap<>(flags).forEach(node::put);
        return node;
    }

    /** Resources as one flat map: scalars summed, ranges and sets as strings; cpus/gpus/mem/disk always present. */
    public static ObjectNode resources(Collection<Resource> resources) {
        ObjectNode node = JSON.objectNode();
        for (String name : new String[] { "cpus", "gpus", "mem", "disk" }) {
            node.put(name, 0.0);
        }
        Map<String, Value.Ranges.Builder> ranges = new TreeMap<>();
        for (Resource resource : resources) {
            String name = resource.hasRevocable() ? resource.getName() + "_revocable" : resource.getName();
            switch (resource.getType()) {
                case SCALAR -> node.put(name,
                        Resources.round(node.path(name).asDouble(0) + resource.getScalar().getValue()));
                case RANGES -> ranges.computeIfAbsent(name, n -> Value.Ranges.newBuilder())
                        .addAllRange(resource.getRanges().getRangeList());
                case SET -> node.put(name, Resources.format(resource.getSet()));
                default -> {
                }
            }
        }
        ranges.forEach((name, builder) -> node.put(name, Resources.format(builder.build())));
        return node;
    }

    /** Attributes as one flat map: text and ranges/sets as strings, scalars as numbers. */
    public static ObjectNode attributes(Collection<Attribute> attributes) {
        ObjectNode node = JSON.objectNode();
        for (Attribute attribute : attributes) {
            if (attribute.getType() == Value.Type.SCALAR) {
                node.put(attribute.getName(), attribute.getScalar().getValue());
            } else {
                node.put(attribute.getName(), Attributes.valueText(attribute));
            }
        }
        return node;
    }

    /** Resources reserved for a role other than {@code *}, as <code>{role: flat map}</code>. */
    public static ObjectNode reservedByRole(Collection<Resource> resources) {
        Map<String, List<Resource>> byRole = new TreeMap<>();
        for (Resource resource : resources) {
            String role = Resources.roleOf(resource);
            if (!Resources.ANY_ROLE.equals(role)) {
                byRole.computeIfAbsent(role, r -> new ArrayList<>()).add(resource);
            }
        }
        ObjectNode node = JSON.objectNode();
        byRole.forEach((role, list) -> node.set(role, resources(list)));
        return node;
    }

    /** Same as {@link #reservedByRole} with each resource in full protobuf JSON. */
    public static ObjectNode reservedFullByRole(Collection<Resource> resources) {
        ObjectNode node = JSON.objectNode();
        for (Resource resource : resources) {
            String role = Resources.roleOf(resource);
            if (!Resources.ANY_ROLE.equals(role)) {
                ArrayNode list = node.has(role) ? (ArrayNode) node.get(role) : node.putArray(role);
                list.add(ProtoJson.toTree(resource));
            }
        }
        return node;
    }

    /** The unreserved ({@code *}) part as one flat map. */
    public static ObjectNode unreserved(Collection<Resource> resources) {
        return resources(resources.stream().filter(r -> Resources.ANY_ROLE.equals(Resources.roleOf(r))).toList());
    }

    /** The unreserved part in full protobuf JSON. */
    public static ArrayNode unreservedFull(Collection<Resource> resources) {
        return full(resources.stream().filter(r -> Resources.ANY_ROLE.equals(Resources.roleOf(r))).toList());
    }

    /** Every resource in full protobuf JSON. */
    public static ArrayNode full(Collection<Resource> resources) {
        ArrayNode array = JSON.arrayNode();
        resources.forEach(r -> array.add(ProtoJson.toTree(r)));
        return array;
    }

    /** A task as the legacy endpoints show it. */
    public static ObjectNode task(Task task) {
        ObjectNode node = JSON.objectNode();
        node.put("id", task.getTaskId().getValue());
        node.put("name", task.getName());
        node.put("framework_id", task.getFrameworkId().getValue());
        node.put("executor_id", task.hasExecutorId() ? task.getExecutorId().getValue() : "");
        node.put("slave_id", task.getAgentId().getValue());
        node.put("state", task.getState().name());
        node.set("resources", resources(task.getResourcesList()));
        Set<String> roles = new TreeSet<>();
        for (Resource resource : task.getResourcesList()) {
            roles.add(resource.hasAllocationInfo() ? resource.getAllocationInfo().getRole()
                    : Resources.roleOf(resource));
        }
        if (!roles.isEmpty()) {
            node.put("role", roles.iterator().next());
        }
        ArrayNode statuses = node.putArray("statuses");
        for (TaskStatus status : task.getStatusesList()) {
            ObjectNode s = statuses.addObject();
            s.put("state", status.getState().name());
            s.put("timestamp", status.getTimestamp());
            if (status.hasHealthy()) {
                s.put("healthy", status.getHealthy());
            }
            if (status.hasContainerStatus()) {
                s.set("container_status", ProtoJson.toTree(status.getContainerStatus()));
            }
        }
        if (task.hasUser()) {
            node.put("user", task.getUser());
        }
        if (task.hasLabels()) {
            node.set("labels", labels(task.getLabels().getLabelsList()));
        }
        if (task.hasDiscovery()) {
            node.set("discovery", ProtoJson.toTree(task.getDiscovery()));
        }
        if (task.hasContainer()) {
            node.set("container", ProtoJson.toTree(task.getContainer()));
        }
        if (task.hasHealthCheck()) {
            node.set("health_check", ProtoJson.toTree(task.getHealthCheck()));
        }
        return node;
    }

    /** Labels as the legacy endpoints list them: [{key, value}]. */
    public static ArrayNode labels(List<Label> labels) {
        ArrayNode array = JSON.arrayNode();
        for (Label label : labels) {
            ObjectNode l = array.addObject();
            l.put("key", label.getKey());
            if (label.hasValue()) {
                l.put("value", label.getValue());
            }
        }
        return array;
    }
}
