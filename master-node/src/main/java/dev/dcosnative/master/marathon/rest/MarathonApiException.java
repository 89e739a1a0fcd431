package dev.dcosnative.master.marathon.rest;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dcosnative.shared.marathon.MarathonJson;

/**
 * A request Marathon refuses, with the status and the body upstream Marathon answers ({@code {"message": ...}} and,
 * for some, more fields). Thrown by services, rendered as is by the REST layer; nothing was changed.
 */
public final class MarathonApiException extends RuntimeException {

    private final int status;
    private final transient ObjectNode body;

    public MarathonApiException(int status, ObjectNode body) {
        super(body.path("message").asText());
        this.status = status;
        this.body = body;
    }

    public static MarathonApiException of(int status, String message) {
        ObjectNode body = MarathonJson.MAPPER.createObjectNode();
        body.put("message", message);
        return new MarathonApiException(status, body);
    }

    public static MarathonApiException badRequest(String message) {
        return of(400, message);
    }

    public static MarathonApiException notFound(String message) {
        return of(404, message);
    }

    public static MarathonApiException appNotFound(Object appId) {
        return of(404, "App '" + appId + "' does not exist");
    }

    public static MarathonApiException groupNotFound(Object groupId) {
        return of(404, "Group '" + groupId + "' does not exist");
    }

    /** 409: the apps are locked by running deployments (upstream {@code AppLockedException}). */
    public static MarathonApiException locked(List<String> deploymentIds) {
        ObjectNode body = MarathonJson.MAPPER.createObjectNode();
        body.put("message", "App is locked by one or more deployments. Override with the option '?force=true'. "
                + "View details at '/v2/deployments/<DEPLOYMENT_ID>'.");
        ArrayNode deployments = body.putArray("deployments");
        deploymentIds.forEach(id -> deployments.addObject().put("id", id));
        return new MarathonApiException(409, body);
    }

    /** 503 while this master is not ready to serve Marathon (not leading, or still loading its state). */
    public static MarathonApiException unavailable(String message) {
        return of(503, message);
    }

    public int status() {
        return status;
    }

    public ObjectNode body() {
        return body;
    }
}
