package dev.dcosnative.cli.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.cli.common.CliException;
import dev.dcosnative.cli.output.Json;

/**
 * A request the cluster refused (a 4xx or 5xx). The message is what the API said, in the API's own words: Marathon's
 * {@code message} with its {@code details}, Bouncer's and the edge's {@code description}, Mesos' plain text body.
 */
public class ApiException extends CliException {

    private final int status;
    private final ApiResponse response;

    protected ApiException(String message, ApiResponse response) {
        super(message);
        this.status = response.status();
        this.response = response;
    }

    public int status() {
        return status;
    }

    public ApiResponse response() {
        return response;
    }

    public static ApiException of(ApiResponse response) {
        return new ApiException(describe(response), response);
    }

    /** What the body of a refusal says, or the status when it says nothing readable. */
    public static String describe(ApiResponse response) {
        return reason(response).orElseGet(() -> response.method() + " " + response.uri().getPath() + " failed: "
                + response.status() + " " + statusText(response.status()));
    }

    /** The body's own words, when it has any: Marathon's message and details, Bouncer's description, plain text. */
    public static Optional<String> reason(ApiResponse response) {
        String contentType = response.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        String text = response.text().trim();
        if (text.isEmpty() || contentType.startsWith("text/html") || text.startsWith("<")) {
            return Optional.empty();
        }
        if (text.startsWith("{")) {
            try {
                return fromJson(Json.MAPPER.readTree(text));
            } catch (IOException e) {
                // not JSON after all: fall through to the text
            }
        }
        String firstLine = text.lines().findFirst().orElse(text);
        return Optional.of(firstLine.length() > 300 ? firstLine.substring(0, 300) + "..." : firstLine);
    }

    private static Optional<String> fromJson(JsonNode body) {
        String message = text(body, "message").or(() -> text(body, "description"))
                .or(() -> text(body, "error")).or(() -> text(body, "title")).orElse(null);
        if (message == null) {
            return Optional.empty();
        }
        List<String> details = new ArrayList<>();
        for (JsonNode detail : body.path("details")) {
            String path = detail.path("path").asText("");
            List<String> errors = new ArrayList<>();
            detail.path("errors").forEach(e -> errors.add(e.asText()));
            if (!errors.isEmpty()) {
                details.add((path.isEmpty() ? "" : path + ": ") + String.join(", ", errors));
            }
        }
        for (JsonNode deployment : body.path("deployments")) {
            if (deployment.hasNonNull("id") && !message.contains(deployment.path("id").asText())) {
                details.add("deployment " + deployment.path("id").asText());
            }
        }
        return Optional.of(details.isEmpty() ? message : message + " (" + String.join("; ", details) + ")");
    }

    private static Optional<String> text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText())
                : Optional.empty();
    }

    static String statusText(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 422 -> "Unprocessable Entity";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
    }
}
