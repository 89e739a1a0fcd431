package dev.dcosnative.agent.containerizer.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes the two POSIX sh scripts a container runs through, and names the files of its run directory.
 * <p>
 * {@code supervisor.sh} is started by the agent in a new session (setsid), outside the container's cgroups. It starts
 * {@code task.sh} through {@code setsid -f -w} (a child in a new session whose exact wait status setsid reports: exit
 * code, or "did not exit normally" and the signal), ignores the signals a task's killer might also send it, and
 * records how the task ended in {@code status} (atomically: temporary file, then rename). It needs nothing but sh,
 * setsid and mv, and outlives the agent.
 * <p>
 * {@code task.sh} joins the container's cgroups, enters the sandbox, records its pid in {@code task.pid} (the agent
 * waits for that file: the task then runs inside its cgroups), redirects its stdio and finally exec's
 * {@code [setpriv --reuid --regid --init-groups] env -i K=V... argv}: the pid stays the same all along. It forks
 * nothing inside the container before the exec, so even {@code pids.max=1} launches.
 */
public final class SupervisorScripts {

    /** The checkpoint ({@link Checkpoint}). */
    public static final String CHECKPOINT = "container.checkpoint";
    /** The supervisor script. */
    public static final String SUPERVISOR = "supervisor.sh";
    /** The task script. */
    public static final String TASK = "task.sh";
    /** Written by the supervisor: its pid and a newline. */
    public static final String SUPERVISOR_PID = "supervisor.pid";
    /** Written by the task script once inside its cgroups: the task's pid and a newline. */
    public static final String TASK_PID = "task.pid";
    /** Written by the supervisor when the task ended: one {@link ExitStatus} line. */
    public static final String STATUS = "status";
    /** Written by the task script when it cannot become the task: why. */
    public static final String LAUNCH_FAILED = "launch-failed";
    /** The task script's own stderr, before it redirects to the sandbox. */
    public static final String LAUNCH_LOG = "launch.log";
    /** setsid's stderr: where it reports a task ended by a signal. */
    public static final String SETSID_ERR = "setsid.err";
    /** The supervisor's stdout and stderr. */
    public static final String SUPERVISOR_LOG = "supervisor.log";
    /** Written by the agent when it kills the container: the epoch millisecond at which SIGKILL is due. */
    public static final String KILL = "kill";

    /**
     * Absolute paths of the programs the scripts run.
     *
     * @param shell a POSIX sh ({@code /bin/sh})
     * @param setsid util-linux setsid (with {@code -f -w})
     * @param setpriv util-linux setpriv; only used to switch users
     * @param env coreutils env (with {@code -i})
     */
    public record Tools(String shell, String setsid, String setpriv, String env) {
    }

    /**
     * The user a task runs as.
     *
     * @param uid numeric user id
     * @param gid numeric primary group id; supplementary groups come from the group database ({@code --init-groups})
     */
    public record TaskUser(long uid, long gid) {
    }

    private SupervisorScripts() {
    }

    /** {@code supervisor.sh} for a container whose run directory is {@code runDir}. */
    public static String supervisor(String containerId, String runDir, Tools tools) {
        return """
                #!/bin/sh
                # Supervisor of container %1$s, written by the DC/OS Native containerizer. Do not edit.
                # Runs in its own session, outside the container's cgroups, and outlives the agent: starts task.sh in a
                # new session, waits for it, and records how it ended in ./status (exit N | signal N | launch-failed WHY).
                trap 'echo "supervisor: SIGTERM ignored" >&2' TERM
                trap 'echo "supervisor: SIGINT ignored" >&2' INT
                trap 'echo "supervisor: SIGHUP ignored" >&2' HUP
                cd %2$s || exit 120
                echo $$ > %3$s || exit 120
                %4$s -f -w %5$s %2$s/%6$s 2> %7$s
                rc=$?
                err=
                IFS= read -r err < %7$s
                if [ -s %8$s ]; then
                    IFS= read -r why < %8$s
                    printf 'launch-failed %%s\\n' "$why" > %9$s.tmp
                else
                    case $err in
                    *'did not exit normally'*) printf 'signal %%d\\n' $((rc & 127)) > %9$s.tmp ;;
                    '') printf 'exit %%d\\n' "$rc" > %9$s.tmp ;;
                    *) printf 'launch-failed %%s\\n' "$err" > %9$s.tmp ;;
                    esac
                fi
                mv -f %9$s.tmp %9$s
                """.formatted(containerId, quote(runDir), SUPERVISOR_PID, quote(tools.setsid()), quote(tools.shell()),
                TASK, SETSID_ERR, LAUNCH_FAILED, STATUS);
    }

    /**
     * {@code task.sh} for a container.
     *
     * @param procsFiles the {@code cgroup.procs} files to write the task's pid to before it execs (none without cgroups)
     * @param user the user to switch to; empty keeps the supervisor's
     * @param environment the task's complete environment
     * @param argv the command, exec'ed as is ({@code argv[0]} found on the {@code PATH} of {@code environment})
     */
    public static String task(String containerId, String runDir, String sandbox, List<String> procsFiles,
            Optional<TaskUser> user, Map<String, String> environment, List<String> argv, Tools tools) {
        StringBuilder join = new StringBuilder();
        for (String procs : procsFiles) {
            join.append("echo $$ > ").append(quote(procs)).append(" || fail ")
                    .append(quote("cannot join the cgroup " + procs)).append('\n');
        }
        StringBuilder exec = new StringBuilder("exec");
        user.ifPresent(u -> exec.append(' ').append(quote(tools.setpriv())).append(" --reuid=").append(u.uid())
                .append(" --regid=").append(u.gid()).append(" --init-groups --"));
        exec.append(' ').append(quote(tools.env())).append(" -i --");
        new TreeMap<>(environment).forEach((key, value) -> exec.append(' ').append(quote(key + "=" + value)));
        argv.forEach(arg -> exec.append(' ').append(quote(arg)));
        return """
                #!/bin/sh
                # Task of container %1$s, written by the DC/OS Native containerizer. Do not edit.
                # Joins the container's cgroups, enters the sandbox, records its pid, then becomes the task (exec keeps
                # the pid) with the task's user, environment and stdio. Nothing forks inside the container before that.
                exec 2>> %2$s/%3$s
                fail() {
                    printf '%%s\\n' "$1" > %2$s/%4$s
                    exit 125
                }
                %5$scd %6$s || fail %7$s
                echo $$ > %2$s/%8$s || fail 'cannot record the task pid'
                exec < /dev/null >> %6$s/stdout 2>> %6$s/stderr
                %9$s
                """.formatted(containerId, quote(runDir), LAUNCH_LOG, LAUNCH_FAILED, join, quote(sandbox),
                quote("cannot enter the sandbox " + sandbox), TASK_PID, exec);
    }

    /** {@code s} as one POSIX sh word: single-quoted, with each {@code '} written as {@code '\''}. */
    public static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
