package dev.dcosnative.agent.health;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.mesos.v1.Protos.Environment;
import org.jboss.logging.Logger;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;

import dev.dcosnative.agent.containerizer.ContainerException;
import dev.dcosnative.agent.containerizer.TaskProcesses;
import dev.dcosnative.agent.health.core.HealthCheckSpec;
import dev.dcosnative.agent.health.core.HealthTracker;
import dev.dcosnative.agent.health.core.HealthTracker.Result;
import dev.dcosnative.agent.health.core.HealthTracker.Verdict;
import dev.dcosnative.agent.task.core.TaskCommand;

/**
 * Runs the tasks' health checks on the agent, next to the tasks, as Mesos' health checker does: after the check's
 * delay, one check at a time every interval, each bounded by its timeout. HTTP(S) checks (certificates not verified,
 * redirects followed) and TCP connects run on the Vert.x event loop through one bounded client each; COMMAND checks
 * are processes started on a small pool of their own, as the task's user, and killed with everything they started
 * when they time out. Each task has at most one check in flight; its results are judged in turn by the task's
 * {@link HealthTracker}, and the verdicts handed to a listener (on whichever thread the check completed: the listener
 * hands them on to the agent actor). Nothing here ever blocks the actor or the event loop.
 */
@ApplicationScoped
public class HealthChecks {

    private static final Logger LOG = Logger.getLogger(HealthChecks.class);
    /** The shortest pause between two checks of a task, whatever its interval says. */
    static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    /** How many command checks may wait for a free thread to start them. */
    private static final int COMMAND_QUEUE = 256;
    /** Sends the check's output to the sandbox's stderr as the task's user, as Mesos does, then becomes the check. */
    private static final String REDIRECT = "if [ -w stderr ]; then exec >>stderr 2>&1; else exec >/dev/null 2>&1; fi;"
            + " exec \"$@\"";

    /**
     * What to check for one task.
     *
     * @param taskId for logs
     * @param host the task's host IP (the agent's advertised IP): HTTP and TCP checks go there
     * @param environment the task's environment (COMMAND checks run with it, under their own variables)
     * @param sandbox where COMMAND checks run, and whose {@code stderr} gets their output
     * @param user the task's user; empty for the agent's
     */
    public record Target(String taskId, HealthCheckSpec spec, String host, Map<String, String> environment,
            Path sandbox, Optional<String> user) {

        public Target {
            environment = Map.copyOf(environment);
        }
    }

    /** Receives the verdicts of a task's checks, one at a time, on a Vert.x or process-reaper thread: never block. */
    @FunctionalInterface
    public interface Listener {
        void onVerdict(Verdict verdict);
    }

    /** A task's running health checks. */
    public interface Handle {
        /** Stops the checks: no verdict is handed over afterwards. Idempotent, thread-safe. */
        void stop();
    }

    private final Vertx vertx;
    private final HttpClient http;
    private final NetClient tcp;
    private final ExecutorService commands;

    public HealthChecks(Vertx vertx) {
        this.vertx = vertx;
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setKeepAlive(false)
                .setTrustAll(true)
                .setVerifyHost(false)
                .setMaxRedirects(8)
                .setConnectTimeout(60_000),
                new PoolOptions().setHttp1MaxSize(4).setMaxWaitQueueSize(256));
        this.tcp = vertx.createNetClient(new NetClientOptions().setConnectTimeout(60_000));
        AtomicInteger threads = new AtomicInteger();
        this.commands = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(COMMAND_QUEUE), r -> {
                    Thread t = new Thread(r, "health-command-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * Starts checking a task that started (became RUNNING, or was recovered) at {@code started}: the delay and the
     * grace period count from there.
     */
    public Handle start(Target target, Instant started, Listener listener) {
        Run run = new Run(target, new HealthTracker(target.spec(), started), listener);
        run.schedule(Duration.between(Instant.now(), run.tracker.firstCheckAt()));
        LOG.debugf("Health checking task %s with %s", target.taskId(), target.spec());
        return run;
    }

    /** One task's checks: at most one in flight, the next scheduled when the verdict on the last one is in. */
    private final class Run implements Handle {

        final Target target;
        final HealthTracker tracker;
        final Listener listener;
        volatile boolean stopped;
        volatile long timer = -1;

        Run(Target target, HealthTracker tracker, Listener listener) {
            this.target = target;
            this.tracker = tracker;
            this.listener = listener;
        }

        void schedule(Duration delay) {
            if (stopped) {
                return;
            }
            timer = vertx.setTimer(Math.max(1, delay.toMillis()), id -> check());
            if (stopped) {
                vertx.cancelTimer(timer);
            }
        }

        void check() {
            if (stopped) {
                return;
            }
            probe(target).onComplete(done -> {
                Result result = done.succeeded() ? done.result()
                        : Result.failure("the check could not run: " + done.cause().getMessage());
                judge(result);
            });
        }

        /** Runs once per check, after the previous one's: the tracker is never used by two threads at once. */
        void judge(Result result) {
            if (stopped) {
                return;
            }
            Instant now = Instant.now();
            Verdict verdict = tracker.record(now, result);
            if (verdict.ignored()) {
                LOG.debugf("Ignoring a failed health check of task %s (grace period): %s", target.taskId(),
                        result.message());
            } else if (!result.healthy()) {
                LOG.debugf("Health check of task %s failed %d time(s) in a row: %s", target.taskId(),
                        verdict.consecutiveFailures(), result.message());
            }
            verdict.report().ifPresent(healthy -> LOG.infof("Task %s is %s%s", target.taskId(),
                    healthy ? "healthy" : "unhealthy", healthy ? "" : ": " + result.message()));
            try {
                listener.onVerdict(verdict);
            } finally {
                if (!tracker.done()) {
                    Duration pause = Duration.between(Instant.now(), tracker.nextCheckAt(now));
                    schedule(pause.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : pause);
                }
            }
        }

        @Override
        public void stop() {
            stopped = true;
            long id = timer;
            if (id >= 0) {
                vertx.cancelTimer(id);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------ probes

    /** One check of the target; completes (never fails) with its result, at the latest when its timeout is over. */
    private Future<Result> probe(Target target) {
        Promise<Result> promise = Promise.promise();
        Duration timeout = target.spec().timeout();
        long guard = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> promise.tryComplete(Result.failure(
                kind(target.spec().probe()) + " health check timed out after " + seconds(timeout))));
        promise.future().onComplete(done -> vertx.cancelTimer(guard));
        try {
            HealthCheckSpec.Probe probe = target.spec().probe();
            if (probe instanceof HealthCheckSpec.Http check) {
                http(check, target, timeout, promise);
            } else if (probe instanceof HealthCheckSpec.Tcp check) {
                tcp(check, target, promise);
            } else if (probe instanceof HealthCheckSpec.Command check) {
                command(check, target, promise);
            }
        } catch (RuntimeException e) {
            promise.tryComplete(Result.failure("the check could not run: " + e.getMessage()));
        }
        return promise.future();
    }

    private void http(HealthCheckSpec.Http check, Target target, Duration timeout, Promise<Result> promise) {
        String url = check.url(target.host());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(url)
                .setFollowRedirects(true)
                .setConnectTimeout(Math.max(1, timeout.toMillis()))
                .setIdleTimeout(Math.max(1, timeout.toMillis()))
                .putHeader("User-Agent", "dcos-agent-health-check")
                .putHeader("Connection", "close");
        http.request(options).compose(request -> request.send()).onComplete(done -> {
            if (done.failed()) {
                promise.tryComplete(Result.failure("GET " + url + " failed: " + describe(done.cause())));
                return;
            }
            int status = done.result().statusCode();
            // the status is all a check needs: the body is not waited for (it may never end)
            done.result().request().connection().close();
            promise.tryComplete(check.healthy(status) ? Result.success()
                    : Result.failure("GET " + url + " returned status " + status));
        });
    }

    private void tcp(HealthCheckSpec.Tcp check, Target target, Promise<Result> promise) {
        tcp.connect(check.port(), target.host()).onComplete(done -> {
            if (done.succeeded()) {
                done.result().close();
                promise.tryComplete(Result.success());
            } else {
                promise.tryComplete(Result.failure("TCP connection to " + target.host() + ":" + check.port()
                        + " failed: " + describe(done.cause())));
            }
        });
    }

    private void command(HealthCheckSpec.Command check, Target target, Promise<Result> promise) {
        try {
            commands.execute(() -> {
                if (promise.future().isComplete()) {
                    return;
                }
                Process process;
                try {
                    process = start(check, target);
                } catch (ContainerException | IOException | RuntimeException e) {
                    promise.tryComplete(Result.failure("cannot run the health check command: " + e.getMessage()));
                    return;
                }
                // a check that is over (timed out) takes everything it started with it
                promise.future().onComplete(done -> {
                    if (process.isAlive()) {
                        TaskProcesses.destroyTree(process);
                    }
                });
                process.onExit().thenAccept(exited -> promise.tryComplete(exited.exitValue() == 0 ? Result.success()
                        : Result.failure("Command exited with status " + exited.exitValue())));
            });
        } catch (RejectedExecutionException e) {
            promise.tryComplete(Result.failure("too many health check commands are waiting to run"));
        }
    }

    private static Process start(HealthCheckSpec.Command check, Target target)
            throws ContainerException, IOException {
        Map<String, String> environment = new LinkedHashMap<>(target.environment());
        for (Environment.Variable variable : check.command().getEnvironment().getVariablesList()) {
            if (variable.getType() == Environment.Variable.Type.SECRET) {
                throw new ContainerException("environment variable '" + variable.getName()
                        + "' is a secret; secrets are not supported by this agent yet");
            }
            environment.put(variable.getName(), variable.getValue());
        }
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", REDIRECT, "health-check"));
        argv.addAll(TaskCommand.argv(check.command()));
        return TaskProcesses.builder(argv, environment, target.sandbox(), target.user())
                .redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static String kind(HealthCheckSpec.Probe probe) {
        if (probe instanceof HealthCheckSpec.Http check) {
            return check.scheme().toUpperCase(Locale.ROOT);
        }
        return probe instanceof HealthCheckSpec.Tcp ? "TCP" : "COMMAND";
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }

    @PreDestroy
    void stop() {
        commands.shutdownNow();
        http.close();
        tcp.close();
    }
}
