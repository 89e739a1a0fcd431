package dev.dcosnative.shared.marathon;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * Reads and writes Marathon's JSON documents. Reading is as strict about types as Marathon's Play JSON readers (a
 * number where a string belongs is an error, not coerced) and as lenient about unknown fields (a document fetched
 * with GET can be PUT back). A document that is not JSON, or has a value of the wrong type, is an
 * {@link InvalidJsonException} whose details name the path ({@code /container/portMappings(0)/hostPort}) and the
 * Play error key ({@code error.expected.jsnumber}), which the API answers with 400 {@code Invalid JSON}.
 */
public final class MarathonJson {

    /** The mapper for Marathon documents; writes leave out null fields. Do not reconfigure it. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .withCoercionConfig(LogicalType.Textual, strict -> strict
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Boolean, strict -> strict
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Integer, strict -> strict
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Float, strict -> strict
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .build();

    private MarathonJson() {
    }

    /** Reads a whole request body as {@code type}. */
    public static <T> T read(byte[] body, Class<T> type) {
        return convert(readTree(body), type);
    }

    /** Reads a request body as a JSON tree (any JSON value; an empty body is an error). */
    public static JsonNode readTree(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidJsonException(List.of(new ErrorDetail("/", List.of("error.expected.jsvalue"))));
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidJsonException(List.of(new ErrorDetail("/", List.of(e.getOriginalMessage()))));
        } catch (IOException e) {
            throw new InvalidJsonException(List.of(new ErrorDetail("/", List.of(e.getMessage()))));
        }
    }

    /** Reads a JSON tree as {@code type}, with the same errors as {@link #read}. */
    public static <T> T convert(JsonNode tree, Class<T> type) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JacksonException e) {
            throw new InvalidJsonException(List.of(detail(e, type)));
        } catch (IllegalArgumentException e) {
            throw new InvalidJsonException(List.of(new ErrorDetail("/", List.of(e.getMessage()))));
        }
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static String writeString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static ObjectNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    private static ErrorDetail detail(JacksonException e, Class<?> root) {
        if (!(e instanceof JsonMappingException mapping)) {
            return new ErrorDetail("/", List.of(e.getOriginalMessage()));
        }
        String path = path(mapping.getPath());
        if (e instanceof ValueInstantiationException && e.getCause() instanceof JsonErrorException error) {
            return new ErrorDetail(error.field() == null ? path : join(path, "/" + error.field()),
                    List.of(error.getMessage()));
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            return new ErrorDetail(path, List.of("error.expected.validenumvalue"));
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return new ErrorDetail(path, List.of(expected(mismatch.getTargetType())));
        }
        return new ErrorDetail(path, List.of(mapping.getOriginalMessage()));
    }

    private static String expected(Class<?> type) {
        if (type == String.class || type == Character.class) {
            return "error.expected.jsstring";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "error.expected.jsnumber";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "error.expected.jsboolean";
        }
        if (type.isEnum()) {
            return "error.expected.validenumvalue";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "error.expected.jsarray";
        }
        return Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.") ? "error.expected.jsobject"
                : "error.expected.jsvalue";
    }

    /** A Jackson path as Play spells it: {@code /container/portMappings(0)/hostPort}. */
    static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append('/').append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('(').append(reference.getIndex()).append(')');
            }
        }
        return path.isEmpty() ? "/" : path.toString();
    }

    private static String join(String path, String suffix) {
        return "/".equals(path) ? suffix : path + suffix;
    }

    /** One entry of an error body's {@code details}. */
    public record ErrorDetail(String path, List<String> errors) {
    }

    /** A body that is not JSON or not of the expected shape. */
    public static final class InvalidJsonException extends IllegalArgumentException {

        private final List<ErrorDetail> details;

        public InvalidJsonException(List<ErrorDetail> details) {
            super("Invalid JSON");
            this.details = List.copyOf(details);
        }

        public List<ErrorDetail> details() {
            return details;
        }
    }
}
