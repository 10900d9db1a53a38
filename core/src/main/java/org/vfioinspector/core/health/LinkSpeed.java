package org.vfioinspector.core.health;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** Numbers from the kernel's link speed text ({@code "8.0 GT/s PCIe"}, drivers/pci/pci-sysfs.c). */
public final class LinkSpeed {

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
        if (n.isEmpty() || n.length() > 8 || !n.matches("[0-9]+(\\.[0-9]+)?")) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Double.parseDouble(n));
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
