package dev.dcosnative.master.mesos.agent;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import dev.dcosnative.master.MasterConfig;
import dev.dcosnative.master.mesos.MesosMaster;
import dev.dcosnative.master.mesos.http.MesosHttp;
import dev.dcosnative.shared.agentapi.AgentCall;
import dev.dcosnative.shared.agentapi.AgentProtocol;
import dev.dcosnative.shared.http.MediaTypes;
import dev.dcosnative.shared.vertx.MesosResponses;
import dev.dcosnative.shared.vertx.RecordIOSink;

/**
 * The endpoint agents talk to, {@code POST} {@value AgentProtocol#PATH} (see {@link AgentProtocol}): SUBSCRIBE opens
 * the agent's RecordIO event stream, PONG answers a ping.
 */
@ApplicationScoped
public class AgentRoutes {

    private final MesosMaster master;
    private final MesosHttp http;
    private final MasterConfig config;

    public AgentRoutes(MesosMaster master, MesosHttp http, MasterConfig config) {
        this.master = master;
        this.http = http;
        this.config = config;
    }

    void routes(@Observes Router router) {
        router.route(AgentProtocol.PATH)
                .handler(BodyHandler.create(false).setBodyLimit(config.maxRequestBytes()))
                .handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        if (!http.leading(ctx)) {
            return;
        }
        if (ctx.request().method() != HttpMethod.POST) {
            MesosResponses.methodNotAllowed(ctx, "POST");
            return;
        }
        if (!MediaTypes.APPLICATION_JSON.equals(MediaTypes.essence(ctx.request().getHeader("Content-Type")))) {
            MesosResponses.error(ctx, 415, "Expecting 'Content-Type' of " + MediaTypes.APPLICATION_JSON);
            return;
        }
        AgentCall call;
        try {
            call = AgentProtocol.decodeCall(MesosResponses.body(ctx));
        } catch (IOException e) {
            MesosResponses.error(ctx, 400, "Failed to parse body into an agent call: " + e.getMessage());
            return;
        }
        switch (call.type()) {
            case SUBSCRIBE -> subscribe(ctx, call);
            case PONG -> pong(ctx, call);
            case STATUS_UPDATE -> statusUpdate(ctx, call);
        }
    }

    private void subscribe(RoutingContext ctx, AgentCall call) {
        if (call.subscribe() == null) {
            MesosResponses.error(ctx, 400, "Expecting 'subscribe' to be present");
            return;
        }
        String streamId = UUID.randomUUID().toString();
        RecordIOSink sink = new RecordIOSink(ctx.response(), ctx.vertx().getOrCreateContext(),
                MediaTypes.APPLICATION_RECORDIO,
                Map.of("Message-Content-Type", MediaTypes.APPLICATION_JSON, AgentProtocol.STREAM_ID_HEADER, streamId));
        master.subscribeAgent(call.subscribe(), streamId, sink).subscribe().with(registered -> {
        }, failure -> MesosHttp.fail(ctx, failure));
    }

    private void statusUpdate(RoutingContext ctx, AgentCall call) {
        String streamId = ctx.request().getHeader(AgentProtocol.STREAM_ID_HEADER);
        if (call.agentId() == null || streamId == null) {
            MesosResponses.error(ctx, 400, "Expecting 'agent_id' and the '" + AgentProtocol.STREAM_ID_HEADER
                    + "' header to be present");
            return;
        }
        master.statusUpdate(call.agentId().getValue(), streamId, call.statusUpdate()).subscribe().with(
                ok -> ctx.response().setStatusCode(202).end(),
                failure -> MesosHttp.fail(ctx, failure));
    }

    private void pong(RoutingContext ctx, AgentCall call) {
        String streamId = ctx.request().getHeader(AgentProtocol.STREAM_ID_HEADER);
        if (call.agentId() == null || streamId == null) {
            MesosResponses.error(ctx, 400, "Expecting 'agent_id' and the '" + AgentProtocol.STREAM_ID_HEADER
                    + "' header to be present");
            return;
        }
        master.pong(call.agentId().getValue(), streamId).subscribe().with(
                ok -> ctx.response().setStatusCode(202).end(),
                failure -> MesosHttp.fail(ctx, failure));
    }
}
