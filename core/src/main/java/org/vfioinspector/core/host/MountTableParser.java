package org.vfioinspector.core.host;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pure parsers for the kernel's mount and swap tables: {@code proc/self/mountinfo},
 * {@code proc/mounts} and {@code proc/swaps}. Paths in them escape space, tab, newline and
 * backslash as octal ({@code \040}); these are unescaped.
 */
public final class MountTableParser {

    private MountTableParser() {
    }

    /**
     * Parses {@code mountinfo}: {@code id parent major:minor root MOUNTPOINT options [optional…] - FSTYPE SOURCE superopts}.
     * The optional fields vary in number, so the file system type and source are found after the
     * lone {@code -} separator.
     */
    public static ParsedLines<Mount> parseMountinfo(String text) {
        List<Mount> out = new ArrayList<>();
        int skipped = 0;
        for (String line : lines(text)) {
            String[] f = fields(line);
            int sep = -1;
            for (int i = 6; i < f.length; i++) {
                if (f[i].equals("-")) {
                    sep = i;
                    break;
                }
            }
            if (sep < 0 || f.length < sep + 3 || !f[4].startsWith("/")) {
                skipped++;
                continue;
            }
            out.add(new Mount(unescape(f[sep + 2]), unescape(f[4]), unescape(f[sep + 1])));
        }
        return new ParsedLines<>(out, skipped);
    }

    /** Parses {@code proc/mounts} (fstab format): {@code SOURCE MOUNTPOINT FSTYPE options dump pass}. */
    public static ParsedLines<Mount> parseMounts(String text) {
        List<Mount> out = new ArrayList<>();
        int skipped = 0;
        for (String line : lines(text)) {
            String[] f = fields(line);
            if (f.length < 3 || !f[1].startsWith("/")) {
                skipped++;
                continue;
            }
            out.add(new Mount(unescape(f[0]), unescape(f[1]), unescape(f[2])));
        }
        return new ParsedLines<>(out, skipped);
    }

    /**
     * Parses {@code proc/swaps} ({@code Filename Type Size Used Priority}, one header line) into
     * the swap file or device names.
     */
    public static ParsedLines<String> parseSwaps(String text) {
        List<String> out = new ArrayList<>();
        int skipped = 0;
        boolean first = true;
        for (String line : lines(text)) {
            String[] f = fields(line);
            if (first && f[0].equals("Filename")) {
                first = false;
                continue;
            }
            first = false;
            if (f.length < 2 || !f[0].startsWith("/")) {
                skipped++;
                continue;
            }
            out.add(unescape(f[0]));
        }
        return new ParsedLines<>(out, skipped);
    }

    /** Undoes the kernel's octal escapes ({@code \040} → space); anything else is kept as written. */
    public static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && isOctal(s, i + 1) && isOctal(s, i + 2) && isOctal(s, i + 3)) {
                int v = (s.charAt(i + 1) - '0') * 64 + (s.charAt(i + 2) - '0') * 8 + (s.charAt(i + 3) - '0');
                b.append((char) (v & 0xff));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isOctal(String s, int i) {
        char c = s.charAt(i);
        return c >= '0' && c <= '7';
    }

    /**
     * The fields of a line: the kernel separates them with spaces and escapes space, tab, newline
     * and backslash inside them, so any other character (a carriage return, a control character at
     * either end) belongs to the field and is kept.
     */
    static String[] fields(String line) {
        return line.replaceAll("^[ \t]+|[ \t]+$", "").split("[ \t]+");
    }

    /**
     * Non-blank lines; {@code null} is an empty table. Only a newline ends a line: the kernel
     * escapes it in paths, while a carriage return may be part of one.
     */
    static List<String> lines(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("\n")).filter(l -> !l.isBlank()).toList();
    }
}
