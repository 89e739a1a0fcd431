package dev.dcosnative.master.iam;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dcosnative.master.iam.core.InvalidRequest;

/**
 * A request IAM refuses, with Bouncer's error body {@code {"title": "<status line>", "description": ..., "code":
 * "ERR_..."}} (the {@code code} only where Bouncer gives one) and the headers that go with it ({@code WWW-Authenticate:
 * oauthjwt} on 401, {@code Retry-After} on 429 and 503). Nothing was changed. Never carries a secret; no stack trace.
 */
public final class IamException extends RuntimeException {

    /** The challenge of DC/OS (open) tokens. */
    public static final String CHALLENGE = "oauthjwt";

    private final int status;
    private final String code;
    private final Map<String, String> headers;

    public IamException(int status, String code, String description) {
        this(status, code, description, Map.of());
    }

    private IamException(int status, String code, String description, Map<String, String> headers) {
        super(description, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = headers;
    }

    public static IamException of(InvalidRequest invalid) {
        return new IamException(400, invalid.code(), invalid.description());
    }

    public static IamException invalid(String description) {
        return new IamException(400, "ERR_INVALID_DATA", description);
    }

    public static IamException unknownUser(String uid) {
        return new IamException(400, "ERR_UNKNOWN_USER_ID", "User with uid `" + uid + "` not known.");
    }

    public static IamException unknownGroup(String gid) {
        return new IamException(400, "ERR_UNKNOWN_GROUP_ID", "Group with gid `" + gid + "` not known.");
    }

    public static IamException unknownResource(String rid) {
        return new IamException(400, "ERR_UNKNOWN_RESOURCE_ID", "Protected resource with rid `" + rid + "` not known.");
    }

    public static IamException invalidAction(String action) {
        return new IamException(400, "ERR_INVALID_ACTION",
                "Invalid action `" + action + "`: expected one of create, read, update, delete, full.");
    }

    /** 401: no token, or one that does not verify. */
    public static IamException unauthorized(String description) {
        return new IamException(401, null, description, Map.of("WWW-Authenticate", CHALLENGE));
    }

    /** 401 of the login: wrong uid, password or service login token (which of them is not told). */
    public static IamException invalidCredentials() {
        return invalidCredentials(
                "The login credentials are invalid. Check the uid and the password (or service login token).");
    }

    /** 401 of the login, told in other words (the OIDC ID token login). */
    public static IamException invalidCredentials(String description) {
        return new IamException(401, "ERR_INVALID_CREDENTIALS", description, Map.of("WWW-Authenticate", CHALLENGE));
    }

    public static IamException forbidden(String description) {
        return new IamException(403, null, description);
    }

    public static IamException conflict(String code, String description) {
        return new IamException(409, code, description);
    }

    public static IamException tooLarge(int maxBytes) {
        return new IamException(413, null, "The request body is larger than " + maxBytes + " bytes.");
    }

    public static IamException throttled(long retryAfterSeconds) {
        return new IamException(429, null, "Too many failed login attempts. Retry in " + retryAfterSeconds
                + " seconds.", Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public static IamException notImplemented(String description) {
        return new IamException(501, null, description);
    }

    /** 503: IAM cannot answer now (database starting or failing); nothing was changed, retrying may work. */
    public static IamException unavailable(String description) {
        return new IamException(503, null, description, Map.of("Retry-After", "5"));
    }

    public int status() {
        return status;
    }

    /** Bouncer's error code, or null. */
    public String code() {
        return code;
    }

    public String description() {
        return getMessage();
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** Bouncer's error body. */
    public ObjectNode body() {
        ObjectNode body = IamJson.object();
        body.put("title", statusLine(status));
        body.put("description", getMessage());
        if (code != null) {
            body.put("code", code);
        }
        return body;
    }

    /** The JAX-RS response of this error. */
    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(status).type(IamJson.CONTENT_TYPE).entity(body().toString());
        headers.forEach(response::header);
        return response.build();
    }

    @Override
    public String toString() {
        return "IamException[" + status + (code == null ? "" : " " + code) + ": " + getMessage() + "]";
    }

    /** The title Bouncer (Falcon) gives an error: the status line. */
    static String statusLine(int status) {
        return status + " " + REASONS.getOrDefault(status, "Error");
    }

    private static final Map<Integer, String> REASONS = new LinkedHashMap<>();

    static {
        REASONS.put(400, "Bad Request");
        REASONS.put(401, "Unauthorized");
        REASONS.put(403, "Forbidden");
        REASONS.put(404, "Not Found");
        REASONS.put(409, "Conflict");
        REASONS.put(413, "Payload Too Large");
        REASONS.put(429, "Too Many Requests");
        REASONS.put(500, "Internal Server Error");
        REASONS.put(501, "Not Implemented");
        REASONS.put(502, "Bad Gateway");
        REASONS.put(503, "Service Unavailable");
    }
}
