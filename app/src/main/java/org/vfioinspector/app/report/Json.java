package org.vfioinspector.app.report;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;

import org.vfioinspector.core.model.PciAddress;

/** JSON output helpers: one mapper, stable order (the documents' records declare their fields in contract order), two-space indent. */
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

    /** Lowercase hex without 0x, zero-padded to {@code digits}; empty (null in JSON) when absent. */
    public static Optional<String> hex(OptionalInt v, int digits) {
        return v.isPresent() ? Optional.of(String.format("%0" + digits + "x", v.getAsInt())) : Optional.empty();
    }

    /** Addresses as the contract prints them ({@code dddd:bb:dd.f}). */
    public static List<String> addresses(List<PciAddress> as) {
        return as.stream().map(PciAddress::toString).toList();
    }

    /** An enum constant as a lowercase JSON word ({@code SYSFS} → {@code sysfs}). */
    public static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
