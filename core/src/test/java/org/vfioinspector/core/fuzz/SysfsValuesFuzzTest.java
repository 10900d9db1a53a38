package org.vfioinspector.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.vfioinspector.core.sysfs.SysfsValues;

/**
 * Every sysfs value parser on the same text, decoded as {@code HostRoot.readText} decodes a file
 * (UTF-8). A value is either absent or means exactly what the text says; nothing that reaches the
 * screen carries a control character.
 */
class SysfsValuesFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void parsers(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        hex(text);
        decimal(text);
        resetMethods(text);
        link(text);
        flagAndOverride(text);
        quote(text);
    }

    private static void hex(String text) {
        OptionalInt v = SysfsValues.parseHex(text);
        if (v.isPresent()) {
            String digits = text.strip();
            if (digits.startsWith("0x") || digits.startsWith("0X")) {
                digits = digits.substring(2);
            }
            assertThat(digits).as("hex digits of %s", Invariants.escape(text)).matches("[0-9a-fA-F]{1,8}");
            assertThat(v.getAsInt()).isEqualTo((int) Long.parseLong(digits, 16));
            // what the kernel writes parses back to the same value
            assertThat(SysfsValues.parseHex(String.format("0x%04x\n", v.getAsInt()))).isEqualTo(v);
        }
        for (int bits : new int[] {8, 16, 24}) {
            OptionalInt b = SysfsValues.parseHex(text, bits);
            if (b.isPresent()) {
                assertThat(b).isEqualTo(v);
                assertThat(Integer.toUnsignedLong(b.getAsInt())).isLessThan(1L << bits);
            } else if (v.isPresent()) {
                assertThat(Integer.toUnsignedLong(v.getAsInt())).isGreaterThanOrEqualTo(1L << bits);
            }
        }
    }

    private static void decimal(String text) {
        OptionalInt v = SysfsValues.parseDecimal(text);
        if (v.isPresent()) {
            assertThat(text.strip()).as("decimal %s", Invariants.escape(text)).matches("[+-]?[0-9]{1,11}");
            assertThat(SysfsValues.parseDecimal(Integer.toString(v.getAsInt()))).isEqualTo(v);
        }
    }

    private static void resetMethods(String text) {
        List<String> methods = SysfsValues.parseResetMethods(text);
        assertThat(methods).allSatisfy(m -> {
            assertThat(m).isNotEmpty();
            Invariants.printable("reset method", m);
            assertThat(m.chars().anyMatch(Character::isWhitespace)).isFalse();
        });
        // reading what we understood again gives the same list
        assertThat(SysfsValues.parseResetMethods(String.join(" ", methods))).isEqualTo(methods);
        if (text.isBlank()) {
            assertThat(methods).as("an empty attribute means reset is disabled").isEmpty();
        }
    }

    private static void link(String text) {
        OptionalInt width = SysfsValues.parseLinkWidth(text);
        width.ifPresent(w -> assertThat(w).isBetween(1, 32));
        Optional<String> speed = SysfsValues.parseLinkSpeed(text);
        speed.ifPresent(s -> {
            Invariants.printable("link speed", s);
            assertThat(s).contains("GT/s").isEqualTo(s.strip());
            assertThat(s.toLowerCase()).doesNotStartWith("unknown");
        });
    }

    private static void flagAndOverride(String text) {
        SysfsValues.parseFlag(text).ifPresent(f -> assertThat(text.strip()).isEqualTo(f ? "1" : "0"));
        SysfsValues.parseDriverOverride(text).ifPresent(o -> {
            Invariants.printable("driver_override", o);
            assertThat(o).isNotEqualTo("(null)").isNotBlank();
        });
    }

    private static void quote(String text) {
        String q = SysfsValues.quote(text);
        Invariants.printable("quoted text", q);
        assertThat(q).startsWith("'").endsWith("'");
        assertThat(q.codePointCount(0, q.length())).isLessThanOrEqualTo(43);
    }
}
