package dev.dcosnative.agent.containerizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.dcosnative.agent.containerizer.core.SupervisorScripts.TaskUser;

/**
 * Short-lived processes that act for a task outside its container, started the way the container's task is: as the
 * task's user ({@code setpriv --reuid --regid --init-groups}), with exactly the given environment ({@code env -i}), in
 * the task's sandbox. A COMMAND health check and the fetcher's copies and extractions run like this, so they can do
 * no more than the task itself could. Blocking; thread-safe.
 */
public final class TaskProcesses {

    private static final String TOOL_PATH = "/usr/sbin:/usr/bin:/sbin:/bin";
    private static final boolean ROOT = Procs.isRoot();
    private static final String SETPRIV = find("setpriv").orElse("/usr/bin/setpriv");
    private static final String ENV = find("env").orElse("/usr/bin/env");

    private TaskProcesses() {
    }

    /**
     * A process builder for {@code argv} run as {@code user} (empty: the agent's user) in {@code directory} with
     * exactly {@code environment} ({@code argv[0]} is looked up on its {@code PATH}). Its streams are the caller's to
     * redirect.
     *
     * @throws ContainerException when the user does not exist, or is another one and the agent is not root
     */
    public static ProcessBuilder builder(List<String> argv, Map<String, String> environment, Path directory,
            Optional<String> user) throws ContainerException {
        if (argv.isEmpty()) {
            throw new ContainerException("the command line is empty");
        }
        Optional<TaskUser> ids = resolve(user, ROOT, SETPRIV);
        List<String> command = new ArrayList<>();
        ids.ifPresent(u -> command.addAll(List.of(SETPRIV, "--reuid=" + u.uid(),
                "--regid=" + u.gid(), "--init-groups", "--")));
        command.add(ENV);
        command.add("-i");
        command.add("--");
        new TreeMap<>(environment).forEach((key, value) -> command.add(key + "=" + value));
        command.addAll(argv);
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", TOOL_PATH);
        builder.environment().put("LC_ALL", "C");
        return builder;
    }

    /**
     * Makes {@code path} (not following a link) owned by {@code user}, when the agent is root and the user is not;
     * does nothing otherwise.
     *
     * @throws ContainerException when the user does not exist or the owner cannot be changed
     */
    public static void chown(Path path, Optional<String> user) throws ContainerException {
        Optional<TaskUser> ids = resolve(user, ROOT, SETPRIV);
        if (ids.isEmpty()) {
            return;
        }
        try {
            Files.setAttribute(path, "unix:uid", (int) ids.get().uid(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", (int) ids.get().gid(), LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | RuntimeException e) {
            throw new ContainerException("cannot give " + path + " to user '" + user.get() + "': " + e.getMessage(),
                    e);
        }
    }

    /** Kills a process started from {@link #builder} and everything it started that is still its descendant. */
    public static void destroyTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /**
     * The ids to switch to for {@code name}; empty when the process keeps the agent's user (no user, root, or the
     * agent's own user when it is not root).
     */
    static Optional<TaskUser> resolve(Optional<String> name, boolean root, String setpriv) throws ContainerException {
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Optional<TaskUser> user = Users.lookup(name.get());
        if (user.isEmpty()) {
            throw new ContainerException("user '" + name.get() + "' does not exist on this agent");
        }
        if (!root) {
            if (name.get().equals(System.getProperty("user.name"))) {
                return Optional.empty();
            }
            throw new ContainerException("cannot run the task as user '" + name.get()
                    + "': the agent does not run as root (it runs as " + System.getProperty("user.name") + ")");
        }
        if (user.get().uid() == 0 && user.get().gid() == 0) {
            return Optional.empty();
        }
        if (!Files.isExecutable(Path.of(setpriv))) {
            throw new ContainerException("cannot run the task as user '" + name.get() + "': setpriv is missing");
        }
        return user;
    }

    private static Optional<String> find(String program) {
        for (String dir : TOOL_PATH.split(":")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }
}
