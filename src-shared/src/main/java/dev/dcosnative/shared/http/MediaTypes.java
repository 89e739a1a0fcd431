package dev.dcosnative.shared.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The media types of the Mesos HTTP APIs and the {@code Accept} negotiation they use. */
public final class MediaTypes {

    public static final String APPLICATION_JSON = "application/json";
    public static final String APPLICATION_PROTOBUF = "application/x-protobuf";
    public static final String APPLICATION_RECORDIO = "application/recordio";
    public static final String TEXT_PLAIN = "text/plain; charset=utf-8";

    /** The two encodings of every Mesos v1 API, JSON first (the default when the client does not care). */
    public static final List<String> MESOS_ENCODINGS = List.of(APPLICATION_JSON, APPLICATION_PROTOBUF);

    private MediaTypes() {
    }

    /** The essence of a Content-Type header value: type/subtype in lower case, parameters dropped. */
    public static String essence(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * The first of {@code offered} that the {@code Accept} header allows, honouring q-values and wildcards. A missing
     * or blank header accepts anything. Empty when nothing offered is acceptable (answer 406).
     */
    public static Optional<String> negotiate(String accept, List<String> offered) {
        if (accept == null || accept.isBlank()) {
            return offered.stream().findFirst();
        }
        List<Range> ranges = new ArrayList<>();
        for (String part : accept.split(",")) {
            Range range = Range.parse(part);
            if (range != null) {
                ranges.add(range);
            }
        }
        String best = null;
        double bestQ = 0;
        for (String candidate : offered) {
            double q = ranges.stream()
                    .filter(r -> r.matches(candidate))
                    .max(Comparator.comparingInt(Range::specificity))
                    .map(Range::q)
                    .orElse(0.0);
            if (q > bestQ) {
                best = candidate;
                bestQ = q;
            }
        }
        return Optional.ofNullable(best);
    }

    private record Range(String type, String subtype, double q) {
        static Range parse(String text) {
            String[] params = text.trim().split(";");
            String[] typeAndSub = params[0].trim().toLowerCase(Locale.ROOT).split("/", 2);
            if (typeAndSub.length != 2 || typeAndSub[0].isEmpty() || typeAndSub[1].isEmpty()) {
                return null;
            }
            double q = 1.0;
            for (int i = 1; i < params.length; i++) {
                String[] kv = params[i].trim().split("=", 2);
                if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("q")) {
                    try {
                        q = Double.parseDouble(kv[1].trim());
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            return new Range(typeAndSub[0], typeAndSub[1], q);
        }

        boolean matches(String mediaType) {
            String[] parts = mediaType.split("/", 2);
            return (type.equals("*") || type.equals(parts[0])) && (subtype.equals("*") || subtype.equals(parts[1]));
        }

        int specificity() {
            return (type.equals("*") ? 0 : 2) + (subtype.equals("*") ? 0 : 1);
        }
    }
}
