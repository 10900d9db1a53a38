package org.vfioinspector.core.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.vfioinspector.core.model.PciAddress;

/**
 * The JSON form of one {@link AuditRecord}, written and read without a JSON library (core has none):
 * {@code {"time":"…","user":"…","target":"0000:03:00.0","kind":"hot-reset","dryRun":false,
 * "confirmed":[…],"kernelSet":[…],"result":"reset","errno":null,"errnoName":null,"summary":"…"}}.
 * Pure.
 */
final class AuditJson {

    private AuditJson() {
    }

    static String line(AuditRecord r) {
        StringBuilder b = new StringBuilder("{");
        field(b, "time", str(r.time().toString())).append(',');
        field(b, "user", str(r.user())).append(',');
        field(b, "target", str(r.target().toString())).append(',');
        field(b, "kind", str(r.kind())).append(',');
        field(b, "dryRun", Boolean.toString(r.dryRun())).append(',');
        field(b, "confirmed", addresses(r.confirmed())).append(',');
        field(b, "kernelSet", addresses(r.kernelSet())).append(',');
        field(b, "result", str(r.result())).append(',');
        field(b, "errno", r.errno().isPresent() ? Integer.toString(r.errno().getAsInt()) : "null").append(',');
        field(b, "errnoName", r.errnoName().map(AuditJson::str).orElse("null")).append(',');
        field(b, "summary", str(r.summary()));
        return b.append('}').toString();
    }

    /** The record of one line; empty when the line is not a complete record. */
    static Optional<AuditRecord> parse(String line) {
        Optional<Map<String, Object>> obj = new Reader(line.strip()).object();
        if (obj.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> m = obj.get();
        try {
            Instant time = Instant.parse(text(m, "time"));
            PciAddress target = PciAddress.parse(text(m, "target"));
            Object errno = m.get("errno");
            Object errnoName = m.get("errnoName");
            if (!(m.get("dryRun") instanceof Boolean dry)) {
                return Optional.empty();
            }
            return Optional.of(new AuditRecord(time, text(m, "user"), target, text(m, "kind"), dry,
                    addressList(m.get("confirmed")), addressList(m.get("kernelSet")), text(m, "result"),
                    errno instanceof Long n ? OptionalInt.of(n.intValue()) : OptionalInt.empty(),
                    errnoName instanceof String s ? Optional.of(s) : Optional.empty(),
                    m.get("summary") instanceof String s ? s : ""));
        } catch (IllegalArgumentException | DateTimeParseException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static String text(Map<String, Object> m, String key) {
        if (m.get(key) instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("missing " + key);
    }

    private static List<PciAddress> addressList(Object v) {
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException("not a list");
        }
        List<PciAddress> out = new ArrayList<>();
        for (Object o : l) {
            out.add(PciAddress.parse((String) o));
        }
        return out;
    }

    private static StringBuilder field(StringBuilder b, String key, String json) {
        return b.append('"').append(key).append("\":").append(json);
    }

    private static String addresses(List<PciAddress> as) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < as.size(); i++) {
            b.append(i == 0 ? "" : ",").append(str(as.get(i).toString()));
        }
        return b.append(']').toString();
    }

    /** A JSON string; control characters escaped so a record is always exactly one line. */
    static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /**
     * Reads one flat JSON object whose values are strings, integers, booleans, null or arrays of strings
     * (all the audit log writes). Anything else makes the line unreadable.
     */
    private static final class Reader {
        private final String s;
        private int i;

        Reader(String s) {
            this.s = s;
        }

        Optional<Map<String, Object>> object() {
            try {
                Map<String, Object> m = new LinkedHashMap<>();
                expect('{');
                skip();
                if (peek() == '}') {
                    i++;
                } else {
                    do {
                        skip();
                        String key = string();
                        skip();
                        expect(':');
                        skip();
                        m.put(key, value());
                        skip();
                    } while (take() == ',');
                    if (s.charAt(i - 1) != '}') {
                        return Optional.empty();
                    }
                }
                skip();
                return i == s.length() ? Optional.of(m) : Optional.empty();
            } catch (IllegalStateException | IndexOutOfBoundsException | NumberFormatException e) {
                return Optional.empty();
            }
        }

        private Object value() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            if (c == '[') {
                i++;
                List<String> out = new ArrayList<>();
                skip();
                if (peek() == ']') {
                    i++;
                    return out;
                }
                do {
                    skip();
                    out.add(string());
                    skip();
                } while (take() == ',');
                if (s.charAt(i - 1) != ']') {
                    throw new IllegalStateException("array");
                }
                return out;
            }
            if (s.startsWith("true", i)) {
                i += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("false", i)) {
                i += 5;
                return Boolean.FALSE;
            }
            if (s.startsWith("null", i)) {
                i += 4;
                return null;
            }
            int start = i;
            if (peek() == '-') {
                i++;
            }
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start || i - start > 12) {
                throw new IllegalStateException("value");
            }
            return Long.parseLong(s.substring(start, i));
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> throw new IllegalStateException("escape");
                }
            }
        }

        private void expect(char c) {
            if (take() != c) {
                throw new IllegalStateException("expected " + c);
            }
        }

        private char take() {
            return s.charAt(i++);
        }

        private char peek() {
            return s.charAt(i);
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
