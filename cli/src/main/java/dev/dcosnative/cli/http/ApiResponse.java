package dev.dcosnative.cli.http;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dcosnative.cli.common.CliException;
import dev.dcosnative.cli.output.Json;

/** An answer of the cluster: status, headers, the whole body. */
public record ApiResponse(String method, URI uri, int status, Map<String, List<String>> headers, byte[] body) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** A header's first value (names are case-insensitive). */
    public Optional<String> header(String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey() != null && header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                return Optional.of(header.getValue().get(0));
            }
        }
        return Optional.empty();
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as JSON; a body that is not JSON is a failure naming the request. */
    public JsonNode json() {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new CliException(method + " " + uri + " answered " + status + " with a body that is not JSON");
        }
    }

    /** This response, or an {@link ApiException} when it is not a success. */
    public ApiResponse orThrow() {
        if (!ok()) {
            throw ApiException.of(this);
        }
        return this;
    }
}
