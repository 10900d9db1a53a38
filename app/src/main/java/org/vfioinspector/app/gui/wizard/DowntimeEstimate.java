package org.vfioinspector.app.gui.wizard;

import java.util.Locale;

import org.vfioinspector.core.vfio.ResetKind;

/**
 * How long the affected functions are out of service, as a range in milliseconds, with how it was
 * estimated. Pure. The figures are the kernel's own waits, not measurements of this host:
 * <ul>
 * <li>FLR: the function must be left alone 100 ms after the reset (PCIe base spec), and the kernel then
 *     polls until it answers; about 0.1–0.5 s.</li>
 * <li>Hot reset: the bridge holds the secondary bus in reset for 2 ms, then the kernel waits for the link
 *     and 100 ms more before touching the devices, and up to about a second for them to answer
 *     (pci_bridge_wait_for_secondary_bus); about 1–2 s. A device that keeps answering "retry" can stretch
 *     this up to the kernel's 60 s limit.</li>
 * <li>Driver rebinding: each function moved to vfio-pci is unbound and probed twice (before and after);
 *     about 0.5–2 s per function, more for GPUs and NICs that retrain a link.</li>
 * </ul>
 */
public record DowntimeEstimate(long lowMillis, long highMillis, String resetPart, String rebindPart,
                               String method) {

    static final long FLR_LOW = 100;
    static final long FLR_HIGH = 500;
    static final long BUS_LOW = 1000;
    static final long BUS_HIGH = 2000;
    static final long REBIND_LOW = 500;
    static final long REBIND_HIGH = 2000;

    public static DowntimeEstimate of(ResetKind kind, int rebound) {
        boolean hot = kind == ResetKind.HOT_RESET;
        long low = hot ? BUS_LOW : FLR_LOW;
        long high = hot ? BUS_HIGH : FLR_HIGH;
        String reset = "about " + range(low, high) + (hot ? " of bus reset" : " of function reset");
        String rebind = rebound == 0 ? "no driver rebind"
                : "about " + range(rebound * REBIND_LOW, rebound * REBIND_HIGH) + " of driver rebind for " + rebound
                        + " function" + (rebound == 1 ? "" : "s");
        String method = (hot
                ? "The bridge holds the bus in reset for 2 ms; the kernel then waits for the link and 100 ms more, "
                        + "and up to about a second for the devices to answer."
                : "After an FLR the function must be left alone for 100 ms; the kernel then polls until it answers.")
                + (rebound == 0 ? "" : " Each function moved to vfio-pci is unbound and probed twice (before and "
                        + "after), about 0.5–2 s each.")
                + " These are the kernel's waits, not measurements of this host: a device that keeps answering "
                + "'retry' can take up to 60 s, and NICs need a few more seconds to bring their link back.";
        return new DowntimeEstimate(low + rebound * REBIND_LOW, high + rebound * REBIND_HIGH, reset, rebind, method);
    }

    /** e.g. "about 1–2 s of bus reset plus about 1–4 s of driver rebind for 2 functions". */
    public String sentence() {
        return resetPart + " plus " + rebindPart + " (in total " + range(lowMillis, highMillis) + ")";
    }

    static String range(long low, long high) {
        return seconds(low) + "–" + seconds(high) + " s";
    }

    private static String seconds(long ms) {
        return ms % 1000 == 0 ? Long.toString(ms / 1000) : String.format(Locale.ROOT, "%.1f", ms / 1000.0);
    }
}
