package org.vfioinspector.core.host;

import java.nio.charset.StandardCharsets;

/** Pure helpers that turn what {@code proc/<pid>/comm} and {@code cmdline} hold into safe display text. */
final class ProcText {

    /** Longest command line kept; QEMU's can be many kilobytes. */
    static final int MAX_CMDLINE = 1024;

    private ProcText() {
    }

    /**
     * {@code cmdline} is the arguments separated (and ended) by NUL bytes; they become spaces.
     * Control characters become {@code ?} so a hostile argument cannot forge terminal output, and
     * the result is cut at {@link #MAX_CMDLINE} characters with an ellipsis.
     */
    static String commandLine(byte[] raw) {
        int end = raw.length;
        // the arguments end with a NUL; a trailing newline is not part of any argument worth showing
        while (end > 0 && (raw[end - 1] == 0 || raw[end - 1] == '\n')) {
            end--;
        }
        String s = new String(raw, 0, end, StandardCharsets.UTF_8).replace('\0', ' ');
        return printable(s, MAX_CMDLINE);
    }

    /** Replaces control characters with {@code ?} and cuts at {@code max} characters. */
    static String printable(String s, int max) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), max + 1));
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || (c >= 0x7f && c <= 0x9f) ? '?' : c);
        }
        if (s.length() > max) {
            b.append('…');
        }
        return b.toString();
    }
}
