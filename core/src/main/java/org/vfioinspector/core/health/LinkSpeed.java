package org.vfioinspector.core.health;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** Numbers from the kernel's link speed text ({@code "8.0 GT/s PCIe"}, drivers/pci/pci-sysfs.c). */
public final class LinkSpeed {

    /** 10 to the power of the index: a speed text has at most 8 characters. */
    private static final double[] POWERS_OF_TEN = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};

    private LinkSpeed() {
    }

    /** The transfer rate in GT/s of a speed text, or empty when it has none. */
    public static OptionalDouble gts(Optional<String> text) {
        if (text.isEmpty()) {
            return OptionalDouble.empty();
        }
        String t = text.get();
        int at = t.indexOf("GT/s");
        if (at <= 0) {
            return OptionalDouble.empty();
        }
        String n = t.substring(0, at).strip();
        if (n.isEmpty() || n.length() > 8) {
            return OptionalDouble.empty();
        }
        // digits, then optionally a point and more digits; by hand, as this runs for every link of every path
        // drawn (a regular expression compiled each time was half the CPU of building a large host's graph)
        long digits = 0;
        int decimals = -1; // digits after the point; -1 before one
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = digits * 10 + (c - '0');
                decimals += decimals >= 0 ? 1 : 0;
            } else if (c == '.' && decimals < 0 && i > 0) {
                decimals = 0;
            } else {
                return OptionalDouble.empty();
            }
        }
        if (decimals == 0) {
            return OptionalDouble.empty(); // "8." has no digit after its point
        }
        // both exact (at most 8 digits), so the one correctly rounded division is Double.parseDouble's value
        return OptionalDouble.of(decimals < 0 ? digits : digits / POWERS_OF_TEN[decimals]);
    }

    /**
     * Usable bandwidth of a link in Gbit/s per direction: rate × width × line-code efficiency (8b/10b up to
     * 5 GT/s, 128b/130b from 8 GT/s; PCIe 6's FLIT mode is counted as 1). Empty unless both are known.
     */
    public static OptionalDouble gbps(OptionalDouble gts, OptionalInt width) {
        if (gts.isEmpty() || width.isEmpty()) {
            return OptionalDouble.empty();
        }
        double rate = gts.getAsDouble();
        double code = rate <= 5.0 ? 0.8 : rate < 64 ? 128.0 / 130.0 : 1.0;
        return OptionalDouble.of(rate * width.getAsInt() * code);
    }
}
