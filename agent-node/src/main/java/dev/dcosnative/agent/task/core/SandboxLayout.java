package dev.dcosnative.agent.task.core;

import java.nio.file.Path;

/**
 * Where an agent keeps things, laid out as a Mesos agent lays them out:
 * <ul>
 * <li>sandboxes: {@code <work_dir>/slaves/<agent>/frameworks/<framework>/executors/<executor>/runs/<container>}
 * (tasks of a task group in {@code tasks/<task>} below their executor's sandbox);</li>
 * <li>checkpoints: the same path under {@code <work_dir>/meta/slaves/...}, with {@code framework.info},
 * {@code executor.info}, {@code tasks/<task>/task.info} and {@code task.updates}, and the containerizer's files in
 * {@code container/}.</li>
 * </ul>
 */
public record SandboxLayout(Path workDir) {

    public Path sandbox(String agentId, String frameworkId, String executorId, String containerId) {
        return executorDir(workDir.resolve("slaves"), agentId, frameworkId, executorId).resolve("runs")
                .resolve(containerId);
    }

    /** The sandbox of one task of a task group, below its executor's sandbox. */
    public Path taskSandbox(Path executorSandbox, String taskId) {
        return executorSandbox.resolve("tasks").resolve(taskId);
    }

    public Path metaAgent(String agentId) {
        return workDir.resolve("meta").resolve("slaves").resolve(agentId);
    }

    public Path metaFramework(String agentId, String frameworkId) {
        return metaAgent(agentId).resolve("frameworks").resolve(frameworkId);
    }

    public Path metaExecutor(String agentId, String frameworkId, String executorId) {
        return metaFramework(agentId, frameworkId).resolve("executors").resolve(executorId);
    }

    public Path metaRun(String agentId, String frameworkId, String executorId, String containerId) {
        return metaExecutor(agentId, frameworkId, executorId).resolve("runs").resolve(containerId);
    }

    public Path metaTask(Path metaRun, String taskId) {
        return metaRun.resolve("tasks").resolve(taskId);
    }

    /** The containerizer's own checkpoint directory for one container of a run. */
    public Path containerDir(Path metaRun, String containerId) {
        return metaRun.resolve("containers").resolve(containerId);
    }

    private static Path executorDir(Path root, String agentId, String frameworkId, String executorId) {
        return root.resolve(agentId).resolve("frameworks").resolve(frameworkId).resolve("executors")
                .resolve(executorId);
    }
}
