package dev.dcosnative.cli.output;

import java.io.IOException;
import java.io.PrintWriter;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** JSON for {@code --json}: the API's documents, pretty-printed with two spaces, fields in the API's order. */
public final class Json {

    /** A lenient mapper for what the cluster answers (trees only: nothing is bound to classes by reflection). */
    public static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private static final ObjectWriter PRETTY = MAPPER.writer(prettyPrinter());

    private Json() {
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultPrettyPrinter printer = new Printer();
        printer.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
        return printer;
    }

    /** Jackson's pretty printer with {@code "key": value} and empty containers as {@code []} and {@code {}}. */
    private static final class Printer extends DefaultPrettyPrinter {

        Printer() {
            super(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        }

        Printer(Printer base) {
            super(base);
        }

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new Printer(this);
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            if (values > 0) {
                super.writeEndArray(g, values);
                return;
            }
            if (!_arrayIndenter.isInline()) {
                --_nesting;
            }
            g.writeRaw(']');
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            if (entries > 0) {
                super.writeEndObject(g, entries);
                return;
            }
            if (!_objectIndenter.isInline()) {
                --_nesting;
            }
            g.writeRaw('}');
        }
    }

    public static String pretty(JsonNode node) {
        try {
            return PRETTY.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void print(PrintWriter out, JsonNode node) {
        out.println(pretty(node));
        out.flush();
    }
}
