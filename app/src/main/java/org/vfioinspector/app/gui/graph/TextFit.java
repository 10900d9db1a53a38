package org.vfioinspector.app.gui.graph;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Text widths and text shortened with an ellipsis to a width, remembered per style and text so
 * that a frame that draws the same labels again measures nothing and allocates nothing.
 */
final class TextFit {

    /** How a surface measures text. */
    interface Measure {
        double width(String s, TextStyle style);
    }

    /** The last few shortenings of one text (the same label sits in boxes of a few widths). */
    private static final class Fitted {
        final int[] max = new int[4];
        final String[] text = new String[4];
        int next;
    }

    private final Measure measure;
    private final Map<TextStyle, Map<String, Double>> widths = new EnumMap<>(TextStyle.class);
    private final Map<TextStyle, Map<String, Fitted>> fitted = new EnumMap<>(TextStyle.class);

    TextFit(Measure measure) {
        this.measure = measure;
        for (TextStyle s : TextStyle.values()) {
            widths.put(s, new HashMap<>());
            fitted.put(s, new HashMap<>());
        }
    }

    double width(String s, TextStyle style) {
        Map<String, Double> m = widths.get(style);
        Double w = m.get(s);
        if (w == null) {
            w = measure.width(s, style);
            m.put(s, w);
        }
        return w;
    }

    /** The text, shortened with an ellipsis to fit {@code max} pixels. */
    String fit(String s, TextStyle style, double max) {
        Fitted f = fitted.get(style).computeIfAbsent(s, k -> new Fitted());
        int m = (int) max;
        for (int i = 0; i < f.text.length; i++) {
            if (f.text[i] != null && f.max[i] == m) {
                return f.text[i];
            }
        }
        int i = f.next;
        f.next = (i + 1) % f.text.length;
        f.max[i] = m;
        f.text[i] = shorten(s, style, max);
        return f.text[i];
    }

    private String shorten(String s, TextStyle style, double max) {
        if (width(s, style) <= max) {
            return s;
        }
        int lo = 0;
        int hi = s.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (measure.width(s.substring(0, mid) + "…", style) <= max) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo == 0 ? "" : s.substring(0, lo).stripTrailing() + "…";
    }
}
