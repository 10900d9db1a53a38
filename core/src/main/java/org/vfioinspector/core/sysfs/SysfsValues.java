package org.vfioinspector.core.sysfs;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Pure parsers for sysfs attribute text. All number parsing goes through here; malformed text is
 * an empty result (the caller records a note), never a silent zero.
 */
public final class SysfsValues {

    private SysfsValues() {
    }

    /** {@code 0x8086} or {@code 8086} → 0x8086; at most 8 hex digits. */
    public static OptionalInt parseHex(String text) {
        if (text == null) {
            return OptionalInt.empty();
        }
        String t = text.strip();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        if (t.isEmpty() || t.length() > 8) {
            return OptionalInt.empty();
        }
        for (int i = 0; i < t.length(); i++) {
            // ASCII only: Character.digit would also take Arabic-Indic or fullwidth digits
            if (!isAsciiHexDigit(t.charAt(i))) {
                return OptionalInt.empty();
            }
        }
        return OptionalInt.of((int) Long.parseLong(t, 16));
    }

    /** A hex value that must fit in {@code bits} bits (vendor ids: 16, class: 24). */
    public static OptionalInt parseHex(String text, int bits) {
        OptionalInt v = parseHex(text);
        if (v.isPresent() && bits < 32 && (Integer.toUnsignedLong(v.getAsInt()) >>> bits) != 0) {
            return OptionalInt.empty();
        }
        return v;
    }

    /** A decimal integer, possibly negative ({@code numa_node} is -1 without NUMA). */
    public static OptionalInt parseDecimal(String text) {
        if (text == null) {
            return OptionalInt.empty();
        }
        String t = text.strip();
        if (t.isEmpty() || t.length() > 11 || !isAsciiInteger(t)) {
            return OptionalInt.empty(); // Integer.parseInt would also take non-ASCII digits
        }
        try {
            return OptionalInt.of(Integer.parseInt(t));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** {@code [+-]?[0-9]+}, by hand: this runs for several attributes of every function of a scan. */
    private static boolean isAsciiInteger(String t) {
        int start = t.charAt(0) == '+' || t.charAt(0) == '-' ? 1 : 0;
        if (start == t.length()) {
            return false;
        }
        for (int i = start; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    // compiled once: String.matches and String.split with a regex compile it on every call
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");
    private static final java.util.regex.Pattern LINK_SPEED = java.util.regex.Pattern.compile("[0-9][0-9.]{0,8} ?GT/s.{0,16}");

    /** {@code reset_method}: space-separated method names; an empty attribute means "disabled". */
    public static List<String> parseResetMethods(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(WHITESPACE.split(t)).filter(SysfsValues::isWord).toList();
    }

    /** A link width as sysfs writes it; {@code 0} or garbage means unknown. */
    public static OptionalInt parseLinkWidth(String text) {
        OptionalInt w = parseDecimal(text);
        return w.isPresent() && w.getAsInt() > 0 && w.getAsInt() <= 32 ? w : OptionalInt.empty();
    }

    /** A link speed such as {@code 8.0 GT/s PCIe}; "Unknown" and garbage are empty. */
    public static Optional<String> parseLinkSpeed(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        if (t.isEmpty() || t.toLowerCase(Locale.ROOT).startsWith("unknown") || hasControl(t)
                || !LINK_SPEED.matcher(t).matches()) {
            return Optional.empty();
        }
        return Optional.of(t);
    }

    /** {@code 0}/{@code 1} flags such as {@code boot_vga}. */
    public static Optional<Boolean> parseFlag(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.strip()) {
            case "0" -> Optional.of(false);
            case "1" -> Optional.of(true);
            default -> Optional.empty();
        };
    }

    /** {@code driver_override} reads {@code (null)} when unset. */
    public static Optional<String> parseDriverOverride(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        // a driver name never holds a control character; one here is garbage or an attempt to
        // move the terminal's cursor when the value is printed
        return t.isEmpty() || t.equals("(null)") || hasControl(t) ? Optional.empty() : Optional.of(t);
    }

    private static boolean isWord(String s) {
        return s.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-');
    }

    private static boolean isAsciiHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** C0 controls, DEL and C1 controls (a UTF-8 terminal may act on U+009B as CSI). */
    static boolean isControl(int c) {
        return c < 0x20 || (c >= 0x7f && c < 0xa0);
    }

    static boolean hasControl(String s) {
        // a loop, not chars().anyMatch(): the scan asks this of every link name it reads
        for (int i = 0; i < s.length(); i++) {
            if (isControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Makes untrusted text safe to show in a note: control characters replaced, length bounded. */
    public static String quote(String text) {
        StringBuilder b = new StringBuilder("'");
        text.codePoints().limit(40).forEach(c -> b.appendCodePoint(isControl(c) ? '?' : c));
        if (text.length() > 40) {
            b.append('…');
        }
        return b.append('\'').toString();
    }
}
