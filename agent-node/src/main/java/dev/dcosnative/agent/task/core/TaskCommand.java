package dev.dcosnative.agent.task.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.Value;

/**
 * How a task's command runs, as the Mesos command executor runs it: {@code /bin/sh -c <value>} for a shell command,
 * {@code value} with {@code arguments} otherwise; the Mesos environment ({@code MESOS_SANDBOX}, {@code MESOS_TASK_ID},
 * {@code HOST}, {@code PORT0..n}, {@code PORTS}, ...) under the task's own variables; and its resource limits.
 */
public final class TaskCommand {

    private TaskCommand() {
    }

    /**
     * The argv of the task's command.
     *
     * @throws IllegalArgumentException when the command is empty
     */
    public static List<String> argv(CommandInfo command) {
        boolean shell = !command.hasShell() || command.getShell();
        if (shell) {
            if (command.getValue().isBlank()) {
                throw new IllegalArgumentException("The task's shell command is empty");
            }
            return List.of("/bin/sh", "-c", command.getValue());
        }
        if (!command.hasValue() || command.getValue().isEmpty()) {
            throw new IllegalArgumentException("The task's command has no executable ('value')");
        }
        List<String> argv = new ArrayList<>();
        argv.add(command.getValue());
        // arguments[0] is argv[0] in Mesos; the executable itself stands in for it here
        List<String> arguments = command.getArgumentsList();
        argv.addAll(arguments.isEmpty() ? List.of() : arguments.subList(1, arguments.size()));
        return argv;
    }

    /** The ports the task got, in order. */
    public static List<Long> ports(List<Resource> resources) {
        List<Long> ports = new ArrayList<>();
        for (Resource resource : resources) {
            if (resource.getName().equals("ports") && resource.getType() == Value.Type.RANGES) {
                for (Value.Range range : resource.getRanges().getRangeList()) {
                    for (long port = range.getBegin(); port <= range.getEnd() && ports.size() < 65536; port++) {
                        ports.add(port);
                    }
                }
            }
        }
        return ports;
    }

    /** The environment of the task's process. */
    public static Map<String, String> environment(TaskInfo task, String frameworkId, String agentId,
            String executorId, String hostname, Path sandbox, String path) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", path);
        env.put("HOST", hostname);
        env.put("MESOS_SANDBOX", sandbox.toString());
        env.put("MESOS_TASK_ID", task.getTaskId().getValue());
        env.put("MESOS_FRAMEWORK_ID", frameworkId);
        env.put("MESOS_AGENT_ID", agentId);
        env.put("MESOS_EXECUTOR_ID", executorId);
        env.put("MESOS_DIRECTORY", sandbox.toString());
        List<Long> ports = ports(task.getResourcesList());
        for (int i = 0; i < ports.size(); i++) {
            env.put("PORT" + i, Long.toString(ports.get(i)));
        }
        if (!ports.isEmpty()) {
            env.put("PORT", Long.toString(ports.get(0)));
            env.put("PORTS", ports.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        for (Environment.Variable variable : task.getCommand().getEnvironment().getVariablesList()) {
            if (variable.getType() == Environment.Variable.Type.SECRET) {
                throw new IllegalArgumentException("Environment variable '" + variable.getName()
                        + "' is a secret; secrets are not supported by this agent yet");
            }
            env.put(variable.getName(), variable.getValue());
        }
        return env;
    }

    /** The sum of a scalar resource of the task. */
    public static double scalar(List<Resource> resources, String name) {
        double sum = 0;
        for (Resource resource : resources) {
            if (resource.getName().equals(name) && resource.getType() == Value.Type.SCALAR) {
                sum += resource.getScalar().getValue();
            }
        }
        return sum;
    }
}
