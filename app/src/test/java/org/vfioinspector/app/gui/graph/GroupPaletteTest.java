package org.vfioinspector.app.gui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GroupPaletteTest {

    @Test
    void aGroupKeepsItsColour() {
        for (int g = 0; g < 100; g++) {
            assertThat(GroupPalette.color(g)).isEqualTo(GroupPalette.color(g)).matches("#[0-9A-F]{6}");
        }
    }

    @Test
    void neighbouringGroupNumbersNeverShareAColour() {
        for (int g = 0; g < 1000; g++) {
            assertThat(GroupPalette.color(g)).isNotEqualTo(GroupPalette.color(g + 1));
        }
    }

    @Test
    void groupNumbersOnTheColourAreReadable() {
        for (String c : GroupPalette.COLORS) {
            int g = GroupPalette.COLORS.indexOf(c);
            double bg = GroupPalette.luminance(c);
            double fg = GroupPalette.textOn(g).equals("#000000") ? 0 : 1;
            // WCAG AA for bold small text (>= 4.5 is the normal-text level)
            assertThat(GroupPalette.contrast(bg, fg)).as(c).isGreaterThanOrEqualTo(4.5);
        }
    }
}
