package org.vfioinspector.app.report;

import java.util.List;

import org.vfioinspector.core.compare.Change;
import org.vfioinspector.core.compare.Comparison;
import org.vfioinspector.core.compare.Expectations;
import org.vfioinspector.core.compare.Side;

/**
 * The {@code check --baseline --json} document: {@code ok} when nothing that matters changed; {@code findings} the
 * changes that matter (what {@code diff} calls worse or unknown, and a baseline taken on another host), most
 * important first; {@code verdict} the diff's.
 */
public record CheckDocument(DiffDocument.SideDocument baseline, DiffDocument.SideDocument host, boolean ok,
                            String verdict, List<DiffDocument.ChangeDocument> findings, List<String> notCompared) {

    public static CheckDocument of(Side baseline, Side host, Comparison c) {
        List<DiffDocument.ChangeDocument> findings = c.changes().stream().filter(CheckDocument::matters)
                .map(DiffDocument.ChangeDocument::of).toList();
        return new CheckDocument(DiffDocument.SideDocument.of(baseline), DiffDocument.SideDocument.of(host),
                findings.isEmpty(), DiffDocument.word(c.verdict()), findings, c.notCompared());
    }

    /** Against an expectations file: the findings are the pins not met or not shown, most important first. */
    public static CheckDocument of(String file, Expectations e, Side host, List<Change> findings) {
        List<Change> sorted = findings.stream().sorted(java.util.Comparator.comparing(Change::impact)
                .thenComparing(Change::aspect)).toList();
        DiffDocument.SideDocument base = new DiffDocument.SideDocument(file, java.util.Optional.ofNullable(e.host()),
                java.util.Optional.ofNullable(e.kernelRelease()), e.functions() == null ? 0 : e.functions().size());
        boolean worse = sorted.stream().anyMatch(c -> c.impact() == Change.Impact.WORSE);
        return new CheckDocument(base, DiffDocument.SideDocument.of(host), sorted.isEmpty(),
                sorted.isEmpty() ? "same" : worse ? "worse" : "unknown",
                sorted.stream().map(DiffDocument.ChangeDocument::of).toList(), List.of());
    }

    /** Worse or unknown, or the baseline is another host's. */
    static boolean matters(Change c) {
        return c.impact() == Change.Impact.WORSE || c.impact() == Change.Impact.UNKNOWN || c.aspect() == Change.Aspect.HOST;
    }
}
