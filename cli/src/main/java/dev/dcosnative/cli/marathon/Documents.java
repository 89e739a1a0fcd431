package dev.dcosnative.cli.marathon;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dcosnative.cli.common.CliEnvironment;
import dev.dcosnative.cli.common.CliException;
import dev.dcosnative.cli.output.Json;
import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.MarathonJson;

/**
 * The JSON documents users hand to Marathon commands: read from a file or standard input, checked before anything is
 * sent — well-formed JSON, and for apps the types of Marathon's app definition (the shared wire model,
 * {@link App}) — so a typo is one line naming the file, line and field, not a round trip.
 */
public final class Documents {

    /** A read document: where it came from, its bytes as written, and its tree. */
    public record Document(String source, byte[] bytes, JsonNode tree) {
    }

    private Documents() {
    }

    /** Reads {@code file}, or standard input when it is null (which must not be a terminal). */
    public static Document read(Path file, CliEnvironment env) {
        String source = file == null ? "standard input" : file.toString();
        byte[] bytes;
        try {
            if (file == null) {
                if (env.console().isPresent()) {
                    throw new CliException("Give a JSON file, or pipe the document in (... < app.json)");
                }
                try (InputStream in = env.stdin()) {
                    bytes = in.readAllBytes();
                }
            } else {
                bytes = Files.readAllBytes(file);
            }
        } catch (NoSuchFileException e) {
            throw new CliException("No such file: " + source);
        } catch (IOException e) {
            throw new CliException("Cannot read " + source + ": " + e.getMessage(), e);
        }
        return new Document(source, bytes, parse(bytes, source));
    }

    /** Parses JSON; a syntax error is one line with the line and column. */
    public static JsonNode parse(byte[] bytes, String source) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new CliException(source + " is empty: expected a JSON document");
        }
        try {
            return MarathonJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String at = where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
            throw new CliException(source + " is not valid JSON: " + firstLine(e.getOriginalMessage()) + at);
        }
    }

    /** Checks an app definition against Marathon's model; returns its id. */
    public static String checkApp(Document document) {
        if (!(document.tree() instanceof ObjectNode app)) {
            throw new CliException(document.source() + " is not an app definition: expected a JSON object");
        }
        try {
            MarathonJson.convert(app, App.class);
        } catch (MarathonJson.InvalidJsonException e) {
            throw new CliException(document.source() + " is not a valid app definition: " + details(e.details()));
        }
        String id = app.path("id").asText("");
        if (id.isBlank()) {
            throw new CliException(document.source() + " is not a valid app definition: it has no \"id\"");
        }
        return id;
    }

    /** Checks a group definition: an object with an id. */
    public static String checkGroup(Document document) {
        if (!(document.tree() instanceof ObjectNode group)) {
            throw new CliException(document.source() + " is not a group definition: expected a JSON object");
        }
        for (JsonNode app : group.path("apps")) {
            try {
                MarathonJson.convert(app, App.class);
            } catch (MarathonJson.InvalidJsonException e) {
                throw new CliException(document.source() + ": app " + app.path("id").asText("?") + " is not valid: "
                        + details(e.details()));
            }
        }
        return group.path("id").asText("");
    }

    /** The document as it is sent: the user's bytes, unchanged. */
    public static byte[] bytes(Document document) {
        return document.bytes();
    }

    /** A tree as bytes. */
    public static byte[] bytes(JsonNode tree) {
        return Json.MAPPER.valueToTree(tree).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String details(List<MarathonJson.ErrorDetail> details) {
        return String.join("; ", details.stream().map(d -> d.path() + ": " + String.join(", ", d.errors())).toList());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
