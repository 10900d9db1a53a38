package org.vfioinspector.core.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;

/**
 * Compares two sides: recognises each function on both ({@link Matcher}), then lists what differs in
 * presence, IOMMU groups, ACS, reset methods, links, drivers, SR-IOV, the kernel and its command line, each
 * judged worse, better, neutral or unknown for passthrough. Whatever one side does not show is unknown, never
 * unchanged; what neither shows is listed as not compared.
 */
public final class Comparer {

    private static final Comparator<Change> ORDER = Comparator.comparing(Change::impact)
            .thenComparing(Change::aspect)
            .thenComparing(c -> c.function().map(PciAddress::toString).orElse(""));

    private Comparer() {
    }

    public static Comparison compare(Side a, Side b) {
        Matcher.Result m = Matcher.match(a, b);
        List<Change> changes = new ArrayList<>();
        List<String> notCompared = new ArrayList<>();
        HostChanges.add(a, b, changes);
        presence(a, b, m, changes);
        GroupChanges.add(a, b, m, changes, notCompared);
        FunctionChanges.add(a, b, m.pairs(), changes, notCompared);
        changes.sort(ORDER);
        return new Comparison(a.label(), b.label(), m.pairs(), m.removed(), m.added(), changes, notCompared);
    }

    private static void presence(Side a, Side b, Matcher.Result m, List<Change> out) {
        for (PciAddress x : m.removed()) {
            out.add(Change.of(Change.Aspect.PRESENCE, Change.Impact.WORSE, x, null,
                    x + " (" + describe(a, x) + ") is missing on " + b.label(), null, null));
        }
        for (PciAddress y : m.added()) {
            out.add(Change.of(Change.Aspect.PRESENCE, Change.Impact.NEUTRAL, null, y,
                    y + " (" + describe(b, y) + ") is new on " + b.label(), null, null));
        }
        for (Pairing p : m.pairs()) {
            if (p.moved()) {
                out.add(Change.of(Change.Aspect.POSITION, Change.Impact.NEUTRAL, p.before(), p.after(),
                        p.before() + " moved to " + p.after() + " (another slot; matched by " + p.how().label() + ")",
                        p.positionBefore(), p.positionAfter()));
            } else if (p.renumbered()) {
                out.add(Change.of(Change.Aspect.POSITION, Change.Impact.NEUTRAL, p.before(), p.after(),
                        p.before() + " is now at " + p.after() + " (same position, buses numbered differently)",
                        p.before().toString(), p.after().toString()));
            }
        }
    }

    /** {@code 8086:1533 on igb}: the ids and driver of a function of a side. */
    static String describe(Side s, PciAddress x) {
        Optional<PciDevice> d = s.topology().device(x);
        return d.map(v -> v.idPair() + v.driver().map(dr -> " on " + dr).orElse("")).orElse("unknown");
    }
}
