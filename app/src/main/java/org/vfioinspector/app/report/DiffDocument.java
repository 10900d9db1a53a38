package org.vfioinspector.app.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.vfioinspector.core.compare.Change;
import org.vfioinspector.core.compare.Comparison;
import org.vfioinspector.core.compare.Side;

/**
 * The {@code diff --json} document: both sides, the verdict, every change (most important first), how each
 * function was recognised on the other side, what was removed or added, and what neither side shows.
 */
public record DiffDocument(SideDocument before, SideDocument after, String verdict, boolean nothingWorse,
                           Counts counts, List<ChangeDocument> changes, List<MatchDocument> matches,
                           List<String> removed, List<String> added, List<String> notCompared) {

    /** One side: as named, its host name and kernel release ({@code null} when not shown), function count. */
    public record SideDocument(String side, Optional<String> hostName, Optional<String> kernelRelease, int functions) {

        static SideDocument of(Side s) {
            return new SideDocument(s.label(), s.hostName(), s.topology().host().kernelRelease(), s.topology().size());
        }
    }

    /** How many changes of each impact. */
    public record Counts(long worse, long unknown, long better, long neutral) {
    }

    /**
     * One change: {@code aspect} and {@code impact} as camelCase words; {@code before}/{@code after} the function's
     * address on each side ({@code null} when the change is not about one there); {@code was}/{@code now} the
     * values shown ({@code null}: not shown on that side).
     */
    public record ChangeDocument(String aspect, String impact, Optional<String> before, Optional<String> after,
                                 String summary, Optional<String> was, Optional<String> now, List<String> reasons) {

        public static ChangeDocument of(Change c) {
            return new ChangeDocument(word(c.aspect()), word(c.impact()), c.before().map(Object::toString),
                    c.after().map(Object::toString), c.summary(), c.was(), c.now(), c.reasons());
        }
    }

    /** A function found on both sides; {@code how}: serial, card, position or uniqueIds. */
    public record MatchDocument(String before, String after, String how, String positionBefore, String positionAfter,
                                boolean moved) {
    }

    public static DiffDocument of(Side a, Side b, Comparison c) {
        return new DiffDocument(SideDocument.of(a), SideDocument.of(b), word(c.verdict()), c.nothingWorse(),
                new Counts(c.count(Change.Impact.WORSE), c.count(Change.Impact.UNKNOWN), c.count(Change.Impact.BETTER),
                        c.count(Change.Impact.NEUTRAL)),
                c.changes().stream().map(ChangeDocument::of).toList(),
                c.pairs().stream().map(p -> new MatchDocument(p.before().toString(), p.after().toString(), word(p.how()),
                        p.positionBefore(), p.positionAfter(), p.moved())).toList(),
                Json.addresses(c.removed()), Json.addresses(c.added()), c.notCompared());
    }

    /** An enum constant as a camelCase word: {@code IOMMU_GROUP} → {@code iommuGroup}, {@code WORSE} → {@code worse}. */
    public static String word(Enum<?> e) {
        StringBuilder s = new StringBuilder();
        for (String part : e.name().toLowerCase(Locale.ROOT).split("_")) {
            s.append(s.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return s.toString();
    }
}
