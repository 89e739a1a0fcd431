package dev.dcosnative.master.iam;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON of IAM's API: parsing request bodies (bounded), building answers, and the URLs Bouncer puts in them
 * ({@code /acs/api/v1/users/alice}, ACL urls with the rid's {@code /} as {@code %2F}).
 */
public final class IamJson {

    /** Bouncer's content type. */
    public static final String CONTENT_TYPE = "application/json; charset=utf-8";
    /** The largest request body IAM reads. */
    public static final int MAX_BODY_BYTES = 65536;
    public static final String API = "/acs/api/v1";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private IamJson() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** {@code {"array": [...]}}, Bouncer's collections. */
    public static ObjectNode collection(ArrayNode items) {
        ObjectNode body = object();
        body.set("array", items);
        return body;
    }

    /** The JSON of a request body; a 400 for anything that is not JSON, a 413 beyond {@link #MAX_BODY_BYTES}. */
    public static JsonNode parse(byte[] body) {
        if (body != null && body.length > MAX_BODY_BYTES) {
            throw IamException.tooLarge(MAX_BODY_BYTES);
        }
        if (body == null || body.length == 0) {
            throw IamException.invalid("Request has bad Content-Type or lacks JSON data");
        }
        try {
            JsonNode json = MAPPER.readTree(body);
            if (json == null) {
                throw IamException.invalid("Request has bad Content-Type or lacks JSON data");
            }
            return json;
        } catch (IOException e) {
            throw IamException.invalid("Request has bad Content-Type or lacks JSON data: the body is not valid JSON");
        }
    }

    public static Response ok(JsonNode body) {
        return Response.ok(body.toString(), CONTENT_TYPE).build();
    }

    public static String userUrl(String uid) {
        return API + "/users/" + segment(uid);
    }

    public static String groupUrl(String gid) {
        return API + "/groups/" + segment(gid);
    }

    public static String aclUrl(String rid) {
        return API + "/acls/" + segment(rid);
    }

    public static String membershipUrl(String gid, String uid) {
        return groupUrl(gid) + "/users/" + segment(uid);
    }

    /** A URL path segment: everything but unreserved characters and {@code : @} percent-encoded ({@code /} too). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("%3A", ":")
                .replace("%40", "@");
    }
}
