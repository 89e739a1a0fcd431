package dev.dcosnative.master.mesos.operator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Response;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.mesos.MesosMaster;
import dev.dcosnative.master.mesos.http.MesosHttp;
import dev.dcosnative.master.mesos.state.core.OperatorViews;
import dev.dcosnative.shared.http.MediaTypes;
import dev.dcosnative.shared.http.MesosCalls;
import dev.dcosnative.shared.http.MesosHttpException;
import dev.dcosnative.shared.proto.ProtoJson;
import dev.dcosnative.shared.vertx.MesosResponses;
import dev.dcosnative.shared.vertx.MessageStream;
import dev.dcosnative.shared.vertx.RecordIOSink;

/**
 * The v1 operator API of the master, {@code POST /api/v1} (also {@code /mesos/api/v1}): JSON or protobuf in, JSON or
 * protobuf out as {@code Accept} asks, and {@code SUBSCRIBE} as a RecordIO event stream.
 */
@ApplicationScoped
public class OperatorRoutes {

    private static final Set<String> OPTIONAL_PAYLOADS = Set.of("get_metrics");

    private final MesosMaster master;
    private final MesosHttp http;
    private final MasterConfig config;

    public OperatorRoutes(MesosMaster master, MesosHttp http, MasterConfig config) {
        this.master = master;
        this.http = http;
        this.config = config;
    }

    void routes(@Observes Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(config.maxRequestBytes());
        for (String path : List.of("/api/v1", "/mesos/api/v1")) {
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
            call = MesosCalls.parse(ctx.request().getHeader("Content-Type"), MesosResponses.body(ctx), Call.newBuilder())
                    .build();
            MesosCalls.validate(call, "master::Call", OPTIONAL_PAYLOADS);
        } catch (MesosHttpException e) {
            MesosHttp.fail(ctx, e);
            return;
        }
        if (call.getType() == Call.Type.SUBSCRIBE) {
            subscribe(ctx);
            return;
        }
        Optional<String> accept = MediaTypes.negotiate(ctx.request().getHeader("Accept"), MediaTypes.MESOS_ENCODINGS);
        if (accept.isEmpty()) {
            MesosResponses.error(ctx, 406, notAcceptable());
            return;
        }
        answer(call).subscribe().with(
                response -> MesosResponses.send(ctx, 200, accept.get(), encode(response, accept.get())),
                failure -> MesosHttp.fail(ctx, failure));
    }

    private Uni<Response> answer(Call call) {
        return switch (call.getType()) {
            case GET_HEALTH -> Uni.createFrom().item(OperatorViews.health(true));
            case GET_VERSION -> Uni.createFrom().item(OperatorViews.version());
            case GET_FLAGS -> Uni.createFrom().item(OperatorViews.flags(master.flags()));
            case GET_MASTER -> master.snapshot().map(OperatorViews::master);
            case GET_STATE -> master.snapshot().map(OperatorViews::state);
            case GET_AGENTS -> master.snapshot().map(OperatorViews::agents);
            case GET_FRAMEWORKS -> master.snapshot().map(OperatorViews::frameworks);
            case GET_TASKS -> master.snapshot().map(OperatorViews::tasks);
            case GET_EXECUTORS -> Uni.createFrom().item(OperatorViews.executors());
            default -> Uni.createFrom().failure(new MesosHttpException(501,
                    "The '" + call.getType() + "' call is not implemented by this master yet"));
        };
    }

    private void subscribe(RoutingContext ctx) {
        String accept = ctx.request().getHeader("Accept");
        Optional<String> streamType = MediaTypes.negotiate(accept, List.of(MediaTypes.APPLICATION_JSON,
                MediaTypes.APPLICATION_PROTOBUF, MediaTypes.APPLICATION_RECORDIO));
        if (streamType.isEmpty()) {
            MesosResponses.error(ctx, 406, notAcceptable());
            return;
        }
        Map<String, String> headers = new HashMap<>();
        String messageType = streamType.get();
        if (messageType.equals(MediaTypes.APPLICATION_RECORDIO)) {
            Optional<String> message = MediaTypes.negotiate(ctx.request().getHeader("Message-Accept"),
                    MediaTypes.MESOS_ENCODINGS);
            if (message.isEmpty()) {
                MesosResponses.error(ctx, 406, "Expecting 'Message-Accept' to allow '" + MediaTypes.APPLICATION_PROTOBUF
                        + "' or '" + MediaTypes.APPLICATION_JSON + "'");
                return;
            }
            messageType = message.get();
            headers.put("Message-Content-Type", messageType);
        }
        RecordIOSink sink = new RecordIOSink(ctx.response(), ctx.vertx().getOrCreateContext(), streamType.get(),
                headers);
        master.subscribeOperator(new MessageStream(sink, messageType)).subscribe().with(ok -> {
        }, failure -> MesosHttp.fail(ctx, failure));
    }

    private static byte[] encode(Response response, String mediaType) {
        return MediaTypes.APPLICATION_PROTOBUF.equals(mediaType) ? response.toByteArray()
                : ProtoJson.toJson(response);
    }

    private static String notAcceptable() {
        return "Expecting 'Accept' to allow '" + MediaTypes.APPLICATION_PROTOBUF + "' or '"
                + MediaTypes.APPLICATION_JSON + "'";
    }
}
