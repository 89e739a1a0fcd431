package dev.dcosnative.master.mesos.scheduler;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.mesos.v1.scheduler.Protos.Call;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.mesos.http.MesosHttp;
import dev.dcosnative.shared.agentapi.AgentProtocol;
import dev.dcosnative.shared.http.MediaTypes;
import dev.dcosnative.shared.http.MesosCalls;
import dev.dcosnative.shared.http.MesosHttpException;
import dev.dcosnative.shared.vertx.MesosResponses;
import dev.dcosnative.shared.vertx.MessageStream;
import dev.dcosnative.shared.vertx.RecordIOSink;

/**
 * The v1 scheduler HTTP API, {@code POST /api/v1/scheduler} (also {@code /mesos/api/v1/scheduler}), with Mesos'
 * checks in Mesos' order: leader, method, content type, body, the call, then for SUBSCRIBE the Accept type and the
 * absence of a stream id. SUBSCRIBE answers a RecordIO event stream with {@code Mesos-Stream-Id}; the other calls
 * answer 202.
 */
@ApplicationScoped
public class SchedulerRoutes {

    private static final Set<String> OPTIONAL_PAYLOADS = Set.of("revive", "suppress");

    private final SchedulerService scheduler;
    private final MesosHttp http;
    private final MasterConfig config;

    public SchedulerRoutes(SchedulerService scheduler, MesosHttp http, MasterConfig config) {
        this.scheduler = scheduler;
        this.http = http;
        this.config = config;
    }

    void routes(@Observes Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(config.maxRequestBytes());
        for (String path : List.of("/api/v1/scheduler", "/mesos/api/v1/scheduler")) {
            router.route(path).handler(body).handler(this::handle);
        }
    }

    private void handle(RoutingContext ctx) {
        if (!http.leading(ctx)) {
            return;
        }
        if (ctx.request().method() != HttpMethod.POST) {
            MesosResponses.methodNotAllowed(ctx, "POST");
            return;
        }
        Call call;
        try {
            call = MesosCalls.parse(ctx.request().getHeader("Content-Type"), MesosResponses.body(ctx),
                    Call.newBuilder()).build();
            check(call);
        } catch (MesosHttpException e) {
            MesosResponses.error(ctx, e);
            return;
        }
        if (call.getType() == Call.Type.SUBSCRIBE) {
            subscribe(ctx, call);
            return;
        }
        scheduler.call(call, ctx.request().getHeader(AgentProtocol.STREAM_ID_HEADER)).subscribe().with(
                status -> ctx.response().setStatusCode(status).end(),
                failure -> MesosHttp.fail(ctx, failure));
    }

    /** Every check a call gets before the master looks at it: its shape, then {@link #validate}. */
    static void check(Call call) {
        MesosCalls.validate(call, "scheduler::Call", OPTIONAL_PAYLOADS);
        validate(call);
    }

    /** The scheduler-specific checks of Mesos' {@code validation::scheduler::call::validate}. */
    static void validate(Call call) {
        if (call.getType() == Call.Type.SUBSCRIBE) {
            boolean callHasId = call.hasFrameworkId();
            boolean infoHasId = call.getSubscribe().getFrameworkInfo().hasId();
            if (callHasId != infoHasId || (callHasId && !call.getFrameworkId()
                    .equals(call.getSubscribe().getFrameworkInfo().getId()))) {
                throw invalid("'framework_id' differs from 'subscribe.framework_info.id'");
            }
            return;
        }
        if (!call.hasFrameworkId()) {
            throw invalid("Expecting 'framework_id' to be present");
        }
    }

    private static MesosHttpException invalid(String message) {
        return MesosHttpException.badRequest("Failed to validate scheduler::Call: " + message);
    }

    private void subscribe(RoutingContext ctx, Call call) {
        Optional<String> accept = MediaTypes.negotiate(ctx.request().getHeader("Accept"), MediaTypes.MESOS_ENCODINGS);
        if (accept.isEmpty()) {
            MesosResponses.error(ctx, 406, "Expecting 'Accept' to allow '" + MediaTypes.APPLICATION_PROTOBUF
                    + "' or '" + MediaTypes.APPLICATION_JSON + "'");
            return;
        }
        if (ctx.request().getHeader(AgentProtocol.STREAM_ID_HEADER) != null) {
            MesosResponses.error(ctx, 400, "Subscribe calls should not include the 'Mesos-Stream-Id' header");
            return;
        }
        String streamId = UUID.randomUUID().toString();
        RecordIOSink sink = new RecordIOSink(ctx.response(), ctx.vertx().getOrCreateContext(), accept.get(),
                Map.of(AgentProtocol.STREAM_ID_HEADER, streamId));
        scheduler.subscribe(call.getSubscribe(), streamId,
                new HttpSchedulerStream(new MessageStream(sink, accept.get()))).subscribe().with(
                        ok -> {
                        }, failure -> MesosHttp.fail(ctx, failure));
    }
}
