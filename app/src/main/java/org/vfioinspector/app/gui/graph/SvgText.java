package org.vfioinspector.app.gui.graph;

/** Text in an SVG document: escaped for XML, its width estimated since there is no font to measure with. */
final class SvgText {

    private SvgText() {
    }

    /** Average advance of DejaVu Sans is about 0.6 em; a little more keeps text inside its box. */
    static double estimate(String t, double size) {
        return t.length() * size * 0.62;
    }

    static String shorten(String t, double size, double max) {
        if (estimate(t, size) <= max) {
            return t;
        }
        int keep = (int) Math.floor(max / (size * 0.62)) - 1;
        return keep <= 0 ? "" : t.substring(0, Math.min(keep, t.length())).stripTrailing() + "…";
    }

    static String esc(String t) {
        StringBuilder b = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    // characters XML 1.0 forbids (controls from odd sysfs text) are dropped
                    if (c >= 0x20 || c == '\t' || c == '\n') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
