package org.vfioinspector.app.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.vfioinspector.core.health.AerCounters;
import org.vfioinspector.core.health.HostHealth;
import org.vfioinspector.core.health.LinkHop;
import org.vfioinspector.core.health.PathHealth;
import org.vfioinspector.core.model.LinkStatus;
import org.vfioinspector.core.model.PciAddress;

/**
 * The "Link path" and "Power and errors" sections of a function's description: each link from the root port
 * down with its state, the bottleneck, the power state and the AER counters. Unknown is said, never dropped.
 */
public final class HealthFacts {

    /** The marker of a downgraded link, in the text, the details panel and the graph. */
    public static final String DOWNGRADED_MARK = "▼";
    /** The row listing the downgraded links on the way (present only when there are some). */
    public static final String DOWNGRADED = DOWNGRADED_MARK + " Downgraded";
    public static final String BOTTLENECK = "Bottleneck";
    public static final String POWER = "Power state";

    static final String DOWNGRADED_HINT = "Downgraded: the link trained slower or narrower than what both of its ends "
            + "support. (lspci calls a link downgraded when it runs below the device's own maximum, even when the "
            + "slot is what limits it.) A GPU that idles may train down to save power and come back under load.";

    private HealthFacts() {
    }

    static DetailSection path(HostHealth health, PciAddress function) {
        PathHealth p = health.path(function);
        List<DetailRow> rows = new ArrayList<>();
        if (p.hops().isEmpty()) {
            rows.add(new DetailRow("Links", "none between a root port and this function",
                    "A root port, a device on a root bus and conventional PCI have no PCIe link above them."));
            return new DetailSection("Link path", rows);
        }
        List<String> downgraded = new ArrayList<>();
        for (int i = 0; i < p.hops().size(); i++) {
            LinkHop h = p.hops().get(i);
            boolean bottleneck = p.bottleneck().equals(OptionalInt.of(i));
            String value = h.upstream() + " → " + h.downstream() + "  " + describe(h)
                    + (bottleneck ? "  (bottleneck)" : "");
            rows.add(new DetailRow("Link " + (i + 1), value, hint(h)));
            if (h.downgraded()) {
                downgraded.add("link " + (i + 1));
            }
        }
        if (!downgraded.isEmpty()) {
            rows.add(new DetailRow(DOWNGRADED, String.join(", ", downgraded), DOWNGRADED_HINT));
        }
        rows.add(new DetailRow(BOTTLENECK, bottleneck(p), "The narrowest link on the way limits the function's bandwidth."));
        if (!p.portTypesKnown()) {
            rows.add(new DetailRow("Port types", "inferred (reading them needs root)",
                    "Without root only 64 bytes of config space can be read; a switch's internal step may be counted as a link."));
        }
        return new DetailSection("Link path", rows);
    }

    static DetailSection power(HostHealth health, PciAddress function) {
        HostHealth.Sample s = health.sample(function);
        List<DetailRow> rows = new ArrayList<>();
        rows.add(new DetailRow(POWER, s.powerState().orElse("unknown"),
                s.powerState().isEmpty() ? "power_state could not be read." : "sysfs power_state: D0 is on."));
        rows.add(new DetailRow("AER errors", aer(s.aer()),
                "Totals since boot from aer_dev_correctable, aer_dev_nonfatal and aer_dev_fatal."));
        Optional<PciAddress> port = health.rootPort(function);
        AerCounters totals = health.rootPortTotals(function);
        rows.add(new DetailRow("Root port AER", port.map(r -> r + ": " + aer(totals)).orElse("no root port"),
                "aer_rootport_total_err_*: the errors reported to the root port from everything below it."));
        return new DetailSection("Power and errors", rows);
    }

    /** {@code "8 GT/s x4 of 8 GT/s x16 ▼ downgraded"}, {@code "8 GT/s x16 (full)"} or {@code "unknown"}. */
    static String describe(LinkHop h) {
        String now = h.current().known() ? Labels.link(h.current()) : "unknown";
        String both = max(h.capable());
        return switch (h.state()) {
            case FULL -> now + " (full" + (both.isEmpty() ? "" : ": both ends can " + both) + ")";
            case DOWNGRADED -> now + " of " + both + " " + DOWNGRADED_MARK + " downgraded";
            case UNKNOWN -> now + (both.isEmpty() ? " (what both ends can do is unknown)" : " (both ends can " + both
                    + ", state unknown)");
        };
    }

    /** What the text of a downgraded or unknown hop leaves to the reader: the device's own maximum. */
    private static String hint(LinkHop h) {
        String own = max(h.downstreamMax());
        String s = h.state() == LinkHop.State.DOWNGRADED ? DOWNGRADED_HINT + " " : "";
        return s + (own.isEmpty() ? "" : "The device itself can " + own + ".");
    }

    private static String bottleneck(PathHealth p) {
        if (p.bottleneckHop().isPresent()) {
            int i = p.bottleneck().getAsInt();
            LinkHop h = p.bottleneckHop().get();
            return "link " + (i + 1) + String.format(java.util.Locale.ROOT, " (%.1f Gbit/s)", h.gbps().getAsDouble());
        }
        if (p.hops().size() == 1) {
            return "none (one link)";
        }
        return p.bandwidthKnown() ? "none (every link alike)" : "unknown (a link's speed or width is unknown)";
    }

    /** {@code "8 GT/s x16"} of a maximum; empty when neither is known. */
    static String max(LinkStatus l) {
        return Labels.link(new LinkStatus(l.maxSpeed(), l.maxWidth(), Optional.empty(), OptionalInt.empty()));
    }

    /** {@code "correctable 0, non-fatal 0, fatal 0"} or {@code "not exposed"} when the kernel shows none. */
    static String aer(AerCounters c) {
        return c.known() ? c.describe() : "not exposed (no AER files)";
    }
}
