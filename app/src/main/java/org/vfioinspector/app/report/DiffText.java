package org.vfioinspector.app.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.vfioinspector.core.compare.Change;
import org.vfioinspector.core.compare.Comparison;
import org.vfioinspector.core.text.Counted;

/**
 * The text of a comparison, as {@code diff} prints it and the window's compare view lists it: a verdict line,
 * then the changes grouped by impact (worse, unknown, better, neutral), each with its values and reasons, then
 * what was not compared. Each line keeps the change it belongs to, so a view can select its function.
 */
public final class DiffText {

    /** One line; {@code change} empty for headings and notes. */
    public record Line(String text, Optional<Change> change) {
    }

    private DiffText() {
    }

    public static List<Line> lines(Comparison c) {
        List<Line> out = new ArrayList<>();
        out.add(plain("Compare " + c.before() + " → " + c.after()));
        out.add(plain(verdict(c)));
        for (Change.Impact impact : Change.Impact.values()) {
            List<Change> changes = c.changes(impact);
            if (changes.isEmpty()) {
                continue;
            }
            out.add(plain(""));
            out.add(plain(heading(impact) + " (" + changes.size() + "):"));
            for (Change x : changes) {
                Optional<Change> tag = Optional.of(x);
                out.add(new Line("  " + x.summary(), tag));
                if (x.was().isPresent() || x.now().isPresent()) {
                    out.add(new Line("      was: " + x.was().orElse("not shown") + "   now: " + x.now().orElse("not shown"), tag));
                }
                x.reasons().forEach(r -> out.add(new Line("      why: " + r, tag)));
            }
        }
        if (!c.notCompared().isEmpty()) {
            out.add(plain(""));
            out.add(plain("Not compared (neither side shows it; unknown, not unchanged):"));
            c.notCompared().forEach(n -> out.add(plain("  " + n)));
        }
        out.add(plain(""));
        out.add(plain(Counted.of(c.pairs().size(), "function") + " on both sides, " + c.removed().size() + " missing, "
                + c.added().size() + " new"));
        return out;
    }

    /** The whole text, one string per line. */
    public static List<String> text(Comparison c) {
        return lines(c).stream().map(Line::text).toList();
    }

    /** The verdict in one sentence. */
    public static String verdict(Comparison c) {
        return switch (c.verdict()) {
            case WORSE -> "Verdict: WORSE for passthrough — " + Counted.of(c.count(Change.Impact.WORSE), "change") + " got worse.";
            case UNKNOWN -> "Verdict: UNKNOWN — nothing known got worse, but " + Counted.of(c.count(Change.Impact.UNKNOWN), "thing")
                    + " one side showed cannot be seen on the other.";
            case BETTER -> "Verdict: BETTER for passthrough — nothing got worse.";
            case NEUTRAL -> "Verdict: nothing got worse or better for passthrough (neutral changes only).";
            case SAME -> "Verdict: SAME — no difference in what both sides show.";
        };
    }

    private static String heading(Change.Impact impact) {
        return switch (impact) {
            case WORSE -> "Worse";
            case UNKNOWN -> "Unknown (shown on one side only)";
            case BETTER -> "Better";
            case NEUTRAL -> "Neutral";
        };
    }

    private static Line plain(String text) {
        return new Line(text, Optional.empty());
    }
}
