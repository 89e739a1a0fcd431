package dev.dcosnative.master.marathon.rest;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dcosnative.master.marathon.app.core.ValidationException;
import dev.dcosnative.master.marathon.store.MarathonStore;
import dev.dcosnative.master.mesos.leader.LeaderElection;
import dev.dcosnative.shared.marathon.MarathonJson;

/**
 * Turns what Marathon's services refuse into Marathon's error responses: 400 {@code Invalid JSON} with details, 422
 * {@code Object is not valid} with details, the status and body a {@link MarathonApiException} carries, 503 when this
 * master lost the lead or ZooKeeper is away mid-request, and Marathon's 404 body for paths it does not serve.
 */
public class MarathonExceptionMappers {

    private static final Logger LOG = Logger.getLogger(MarathonExceptionMappers.class);

    @ServerExceptionMapper
    public Response api(MarathonApiException e) {
        return json(e.status(), e.body());
    }

    @ServerExceptionMapper
    public Response invalidJson(MarathonJson.InvalidJsonException e) {
        ObjectNode body = MarathonJson.MAPPER.createObjectNode();
        body.put("message", "Invalid JSON");
        ArrayNode details = body.putArray("details");
        e.details().forEach(d -> {
            ObjectNode detail = details.addObject();
            detail.put("path", d.path());
            ArrayNode errors = detail.putArray("errors");
            d.errors().forEach(errors::add);
        });
        return json(400, body);
    }

    @ServerExceptionMapper
    public Response invalid(ValidationException e) {
        ObjectNode body = MarathonJson.MAPPER.createObjectNode();
        body.put("message", ValidationException.MESSAGE);
        ArrayNode details = body.putArray("details");
        e.violations().forEach(v -> {
            ObjectNode detail = details.addObject();
            detail.put("path", v.path());
            ArrayNode errors = detail.putArray("errors");
            v.errors().forEach(errors::add);
        });
        return json(422, body);
    }

    @ServerExceptionMapper
    public Response tooLarge(MarathonStore.TooLargeException e) {
        return json(422, MarathonApiException.of(422, e.getMessage()).body());
    }

    @ServerExceptionMapper
    public Response notLeader(LeaderElection.NotLeaderException e) {
        return json(503, MarathonApiException.of(503, "This master lost the leadership; retry against the new "
                + "leader").body());
    }

    @ServerExceptionMapper
    public Response store(MarathonStore.StoreException e) {
        LOG.error("Marathon's store failed a request", e);
        return json(503, MarathonApiException.of(503, "Marathon's state could not be written or read; nothing "
                + "was changed: " + e.getMessage()).body());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return json(404, MarathonApiException.of(404, "URI not found: " + uri.getPath()).body());
    }

    @ServerExceptionMapper
    public Response badParameter(IllegalArgumentException e) {
        return json(400, MarathonApiException.of(400, e.getMessage()).body());
    }

    static Response json(int status, ObjectNode body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body.toString()).build();
    }
}
