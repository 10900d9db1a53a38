package org.vfioinspector.core.compare;

import java.util.List;
import java.util.Optional;

import org.vfioinspector.core.model.PciAddress;

/**
 * What changed from one side to the other, most important first.
 *
 * @param before      the first side's label
 * @param after       the second side's label
 * @param pairs       every function found on both sides, and how
 * @param removed     functions of the first side not found on the second
 * @param added       functions of the second side not found on the first
 * @param changes     the differences, sorted by impact, then aspect, then function
 * @param notCompared what neither side shows (so nothing can be said of it), one sentence each
 */
public record Comparison(String before, String after, List<Pairing> pairs, List<PciAddress> removed,
                         List<PciAddress> added, List<Change> changes, List<String> notCompared) {

    /** The overall answer: did anything get worse for passthrough? */
    public enum Verdict {
        /** Something got worse. */
        WORSE,
        /** Nothing known got worse, but one side does not show something the other does. */
        UNKNOWN,
        /** Something got better and nothing worse or unknown. */
        BETTER,
        /** Only neutral differences. */
        NEUTRAL,
        /** No difference in what both sides show. */
        SAME
    }

    public Comparison {
        pairs = List.copyOf(pairs);
        removed = List.copyOf(removed);
        added = List.copyOf(added);
        changes = List.copyOf(changes);
        notCompared = List.copyOf(notCompared);
    }

    public Verdict verdict() {
        if (count(Change.Impact.WORSE) > 0) {
            return Verdict.WORSE;
        }
        if (count(Change.Impact.UNKNOWN) > 0) {
            return Verdict.UNKNOWN;
        }
        if (count(Change.Impact.BETTER) > 0) {
            return Verdict.BETTER;
        }
        return changes.isEmpty() ? Verdict.SAME : Verdict.NEUTRAL;
    }

    /** True when nothing got worse and nothing the first side showed became unknown. */
    public boolean nothingWorse() {
        Verdict v = verdict();
        return v != Verdict.WORSE && v != Verdict.UNKNOWN;
    }

    public long count(Change.Impact impact) {
        return changes.stream().filter(c -> c.impact() == impact).count();
    }

    public List<Change> changes(Change.Impact impact) {
        return changes.stream().filter(c -> c.impact() == impact).toList();
    }

    /** How a function of the first side was found on the second, if it was. */
    public Optional<Pairing> pairOfBefore(PciAddress a) {
        return pairs.stream().filter(p -> p.before().equals(a)).findFirst();
    }
}
