package org.vfioinspector.app.gui.graph;

import java.util.List;

/**
 * Colours of IOMMU groups: Paul Tol's "muted" qualitative scheme, designed to stay distinguishable
 * for the common forms of colour blindness. A group's colour depends only on its number, so it is
 * the same after a refresh, in exports and in both themes; neighbouring numbers never share one.
 * Colours repeat after nine groups, which is why group numbers are always written on the regions.
 */
public final class GroupPalette {

    /** Tol muted: rose, indigo, sand, green, cyan, wine, teal, olive, purple. */
    public static final List<String> COLORS = List.of(
            "#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99", "#999933", "#AA4499");

    private static final String[] LABELS = new String[512];

    private GroupPalette() {
    }

    /** "G" and the group number, made once per number so that painting a frame allocates none. */
    public static String label(int group) {
        if (group < 0 || group >= LABELS.length) {
            return "G" + group;
        }
        String l = LABELS[group];
        if (l == null) {
            l = "G" + group;
            LABELS[group] = l;
        }
        return l;
    }

    /** {@code #RRGGBB} for a group number. */
    public static String color(int group) {
        return COLORS.get(Math.floorMod(group, COLORS.size()));
    }

    /** Black or white, whichever has the higher WCAG contrast on the group's colour. */
    public static String textOn(int group) {
        double l = luminance(color(group));
        return contrast(l, 0) >= contrast(l, 1) ? "#000000" : "#FFFFFF";
    }

    /** The WCAG contrast ratio of two relative luminances. */
    static double contrast(double a, double b) {
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }

    static double luminance(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return 0.2126 * channel(rgb >> 16 & 0xff) + 0.7152 * channel(rgb >> 8 & 0xff) + 0.0722 * channel(rgb & 0xff);
    }

    private static double channel(int c) {
        double s = c / 255.0;
        return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }
}
