package dev.dcosnative.agent.api;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.mesos.v1.agent.Protos.Call;
import org.apache.mesos.v1.agent.Protos.Response;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import dev.dcosnative.agent.AgentConfig;
import dev.dcosnative.agent.AgentState;
import dev.dcosnative.agent.task.TaskManager;
import dev.dcosnative.shared.http.MediaTypes;
import dev.dcosnative.shared.http.MesosCalls;
import dev.dcosnative.shared.http.MesosHttpException;
import dev.dcosnative.shared.mesos.LegacyJson;
import dev.dcosnative.shared.mesos.MesosTime;
import dev.dcosnative.shared.mesos.Resources;
import dev.dcosnative.shared.proto.ProtoJson;
import dev.dcosnative.shared.vertx.MesosResponses;

/**
 * The agent's HTTP API on its port (5051): the v1 operator API ({@code POST /api/v1}) and the legacy JSON endpoints
 * ({@code /state}, {@code /flags}, {@code /version}, {@code /health}), also under the {@code /slave(1)} prefix Mesos
 * agents use.
 */
@ApplicationScoped
public class AgentRoutes {

    private static final Set<String> OPTIONAL_PAYLOADS = Set.of("get_metrics", "get_containers", "prune_images");
    private static final int MAX_REQUEST_BYTES = 4 << 20;

    private final AgentState state;
    private final AgentConfig config;
    private final TaskManager tasks;

    public AgentRoutes(AgentState state, AgentConfig config, TaskManager tasks) {
        this.state = state;
        this.config = config;
        this.tasks = tasks;
    }

    void routes(@Observes Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(MAX_REQUEST_BYTES);
        for (String prefix : List.of("", "/slave(1)")) {
            router.route(prefix + "/api/v1").handler(body).handler(this::api);
            for (String path : List.of("/state", "/state.json")) {
                router.get(prefix + path).handler(ctx -> tasks.snapshot().whenComplete((snapshot, error) -> {
                    if (error != null) {
                        MesosResponses.error(ctx, 500, "Internal error: " + error.getMessage());
                        return;
                    }
                    json(ctx, AgentViews.stateJson(state.info(), state.pid(), state.startTime(),
                            state.master().orElse(null), flags(), snapshot));
                }));
            }
            router.get(prefix + "/flags").handler(ctx -> {
                ObjectNode node = JsonNodeFactory.instance.objectNode();
                node.set("flags", LegacyJson.flags(flags()));
                json(ctx, node);
            });
            router.get(prefix + "/health").handler(ctx -> ctx.response().setStatusCode(200).end());
        }
        router.get("/version").handler(ctx -> json(ctx, LegacyJson.version()));
    }

    private void api(RoutingContext ctx) {
        if (ctx.request().method() != HttpMethod.POST) {
            MesosResponses.methodNotAllowed(ctx, "POST");
            return;
        }
        Call call;
        try {
            call = MesosCalls.parse(ctx.request().getHeader("Content-Type"), MesosResponses.body(ctx),
                    Call.newBuilder()).build();
            MesosCalls.validate(call, "agent::Call", OPTIONAL_PAYLOADS);
        } catch (MesosHttpException e) {
            MesosResponses.error(ctx, e);
            return;
        }
        Optional<String> accept = MediaTypes.negotiate(ctx.request().getHeader("Accept"), MediaTypes.MESOS_ENCODINGS);
        if (accept.isEmpty()) {
            MesosResponses.error(ctx, 406, "Expecting 'Accept' to allow '" + MediaTypes.APPLICATION_PROTOBUF
                    + "' or '" + MediaTypes.APPLICATION_JSON + "'");
            return;
        }
        tasks.snapshot().whenComplete((snapshot, error) -> {
            if (error != null) {
                MesosResponses.error(ctx, 500, "Internal error: " + error.getMessage());
                return;
            }
            Response response = switch (call.getType()) {
                case GET_HEALTH -> AgentViews.health();
                case GET_VERSION -> AgentViews.version();
                case GET_FLAGS -> AgentViews.flags(flags());
                case GET_AGENT -> AgentViews.agent(state.info());
                case GET_STATE -> AgentViews.state(snapshot);
                case GET_FRAMEWORKS -> AgentViews.frameworks(snapshot);
                case GET_TASKS -> AgentViews.tasks(snapshot);
                case GET_EXECUTORS -> AgentViews.executors(snapshot);
                case GET_CONTAINERS -> AgentViews.containers();
                default -> null;
            };
            if (response == null) {
                MesosResponses.error(ctx, 501, "The '" + call.getType()
                        + "' call is not implemented by this agent yet");
                return;
            }
            byte[] body = MediaTypes.APPLICATION_PROTOBUF.equals(accept.get()) ? response.toByteArray()
                    : ProtoJson.toJson(response);
            MesosResponses.send(ctx, 200, accept.get(), body);
        });
    }

    /** The configuration under the Mesos agent flag names. */
    Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("attributes", config.attributes().orElse(""));
        flags.put("default_role", config.role());
        flags.put("hostname", state.hostname());
        flags.put("ip", state.ip());
        flags.put("master", String.join(",", config.masters()));
        flags.put("port", Integer.toString(state.port()));
        flags.put("registration_backoff_factor",
                MesosTime.flag(config.registrationBackoffFactor()));
        flags.put("resources", Resources.describe(state.info().getResourcesList()));
        flags.put("work_dir", config.workDir().toString());
        return flags;
    }

    private static void json(RoutingContext ctx, ObjectNode document) {
        MesosResponses.send(ctx, 200, MediaTypes.APPLICATION_JSON,
                document.toString().getBytes(StandardCharsets.UTF_8));
    }
}
