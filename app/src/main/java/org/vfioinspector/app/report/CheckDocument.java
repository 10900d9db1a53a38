package org.vfioinspector.app.report;

import java.util.List;

import org.vfioinspector.core.compare.Change;
import org.vfioinspector.core.compare.Comparison;
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

    /** Worse or unknown, or the baseline is another host's. */
    static boolean matters(Change c) {
        return c.impact() == Change.Impact.WORSE || c.impact() == Change.Impact.UNKNOWN || c.aspect() == Change.Aspect.HOST;
    }
}
