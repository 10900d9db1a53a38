package org.vfioinspector.core.audit;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;

import org.vfioinspector.core.model.PciAddress;

/**
 * The Jackson mapper of the audit log: an {@link AuditRecord} is one line
 * {@code {"time":"…","action":"reset","phase":"intent","invoker":{"uid":0,"user":"root","via":"sudo",…},
 * "host":"…","target":"0000:03:00.0",…}}, with control characters, U+2028 and U+2029 escaped as lowercase
 * {@code \}{@code u} escapes, so a record is always exactly one line. Reading is strict: a missing or null
 * required field, a value of the wrong type or anything after the object makes the line not a record. Pure.
 */
final class AuditMapper {

    private static final ObjectMapper MAPPER = JsonMapper.builder(new JsonFactoryBuilder()
                    .characterEscapes(new LineEscapes()).disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE).build())
            .addModule(new Jdk8Module())
            .addModule(new SimpleModule("audit")
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addSerializer(PciAddress.class, ToStringSerializer.instance)
                    .addDeserializer(Instant.class, fromString(Instant.class, Instant::parse))
                    .addDeserializer(PciAddress.class, fromString(PciAddress.class, PciAddress::parse)))
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .defaultSetterInfo(JsonSetter.Value.forValueNulls(Nulls.FAIL, Nulls.FAIL))
            .build();

    private AuditMapper() {
    }

    static String line(AuditRecord r) {
        try {
            return MAPPER.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an audit record", e);
        }
    }

    /** The record of one line; empty when the line is not a complete record. */
    static Optional<AuditRecord> parse(String line) {
        try {
            return Optional.ofNullable(MAPPER.readValue(line, AuditRecord.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** A value written as its {@code toString()}, read from a JSON string by {@code parse} (which may throw). */
    private static <T> StdDeserializer<T> fromString(Class<T> type, Function<String, T> parse) {
        return new StdDeserializer<>(type) {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (!p.hasToken(JsonToken.VALUE_STRING)) {
                    return type.cast(ctxt.handleUnexpectedToken(type, p));
                }
                try {
                    return parse.apply(p.getText());
                } catch (RuntimeException e) {
                    throw ctxt.weirdStringException(p.getText(), type, String.valueOf(e.getMessage()));
                }
            }
        };
    }

    /** Every control character as a {@code \}{@code u} escape (but \n \r \t), and the two Unicode line separators. */
    private static final class LineEscapes extends CharacterEscapes {
        private static final int[] ASCII = standardAsciiEscapesForJSON();

        static {
            ASCII['\b'] = ESCAPE_STANDARD;
            ASCII['\f'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ASCII;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch == 0x2028 || ch == 0x2029 ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
