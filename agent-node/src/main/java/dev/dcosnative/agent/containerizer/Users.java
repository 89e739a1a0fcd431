package dev.dcosnative.agent.containerizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.dcosnative.agent.containerizer.core.SupervisorScripts.TaskUser;

/** Looks users up in the system's user database (through {@code getent}, so NSS sources count). */
final class Users {

    private static final Path GETENT = Path.of("/usr/bin/getent");

    private Users() {
    }

    /** The ids of user {@code name}; empty when there is no such user. */
    static Optional<TaskUser> lookup(String name) throws ContainerException {
        if (name.isEmpty() || name.startsWith("-") || !name.chars().allMatch(c -> c > ' ' && c != ':' && c < 127)) {
            throw new ContainerException("invalid user name '" + name + "'");
        }
        try {
            String program = Files.isExecutable(GETENT) ? GETENT.toString() : "getent";
            Process getent = new ProcessBuilder(program, "passwd", name).redirectErrorStream(true).start();
            getent.getOutputStream().close();
            String out = new String(getent.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!getent.waitFor(10, TimeUnit.SECONDS)) {
                getent.destroyForcibly();
                throw new ContainerException("looking up user '" + name + "' timed out");
            }
            if (getent.exitValue() == 2) {
                return Optional.empty();
            }
            String[] fields = out.split(":");
            if (getent.exitValue() != 0 || fields.length < 4) {
                throw new ContainerException("cannot look up user '" + name + "': getent said " + out);
            }
            return Optional.of(new TaskUser(Long.parseLong(fields[2]), Long.parseLong(fields[3])));
        } catch (IOException | NumberFormatException e) {
            throw new ContainerException("cannot look up user '" + name + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerException("interrupted while looking up user '" + name + "'", e);
        }
    }
}
