package org.vfioinspector.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks shared by the fuzz targets: what any text that reaches a screen or a terminal must satisfy. */
final class Invariants {

    private Invariants() {
    }

    /** No C0 control, DEL or C1 control: such text could move a terminal's cursor or hide output. */
    static void printable(String what, String text) {
        assertThat(text.chars().filter(Invariants::isControl).findAny())
                .as("%s has a control character: %s", what, escape(text)).isEmpty();
    }

    static boolean isControl(int c) {
        return c < 0x20 || (c >= 0x7f && c < 0xa0);
    }

    /** The text with control characters as {@code \\uNNNN}, for assertion messages. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder();
        text.chars().limit(200).forEach(c -> b.append(isControl(c) ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return b.toString();
    }
}
