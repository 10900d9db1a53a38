package org.vfioinspector.app.report;

import java.io.PrintStream;
import java.util.OptionalInt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;

/** JSON output helpers: one mapper, stable order (maps are built in contract order), two-space indent. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .registerModule(new Jdk8Module());

    private Json() {
    }

    public static String write(Object value) {
        try {
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
            pp.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
            return MAPPER.writer(pp).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    public static void print(PrintStream out, Object value) {
        out.println(write(value));
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Lowercase hex without 0x, zero-padded to {@code digits}; null when absent. */
    public static String hex(OptionalInt v, int digits) {
        return v.isPresent() ? String.format("%0" + digits + "x", v.getAsInt()) : null;
    }

    public static Integer num(OptionalInt v) {
        return v.isPresent() ? v.getAsInt() : null;
    }
}
