package org.vfioinspector.app.report;

import java.util.List;
import java.util.stream.Collectors;

import org.vfioinspector.core.audit.AuditRecord;
import org.vfioinspector.core.model.PciAddress;

/**
 * Audit records in words, for {@code history} and the window's History dialog. Every text from the log goes
 * through {@link #printable}: a log line may hold anything (a tree's log is anyone's file), and a terminal
 * must not run escape sequences from it.
 */
public final class HistoryText {

    private HistoryText() {
    }

    /** {@code reset (hot-reset, dry run) 0000:03:00.0}, {@code soak-round 3 (hot-reset) …}, {@code bind}. */
    public static String what(AuditRecord r) {
        StringBuilder b = new StringBuilder(r.action());
        r.round().ifPresent(n -> b.append(' ').append(n));
        if (r.kind().isPresent() || r.dryRun()) {
            b.append(" (").append(r.kind().orElse("")).append(r.dryRun() ? (r.kind().isPresent() ? ", " : "") + "dry run" : "")
                    .append(')');
        }
        r.target().ifPresent(t -> b.append(' ').append(t));
        return printable(b.toString());
    }

    /** {@code intent}, or the result with its errno and verdict: {@code failed ENOTTY (25), lost}. */
    public static String outcome(AuditRecord r) {
        if (r.intent()) {
            return "intent";
        }
        StringBuilder b = new StringBuilder(r.result().orElse("?"));
        if (r.errno().isPresent()) {
            b.append(' ').append(r.errnoName().map(n -> n + " (" + r.errno().getAsInt() + ")")
                    .orElse("errno " + r.errno().getAsInt()));
        }
        r.verification().ifPresent(v -> b.append(", ").append(v));
        return printable(b.toString());
    }

    /** Who asked: {@code alice (uid 1000) via sudo as root}. */
    public static String who(AuditRecord r) {
        return printable(r.invoker().describe());
    }

    /** The functions the record names: confirmed, the kernel's set when it differs, and those moved. */
    public static String functions(AuditRecord r) {
        StringBuilder b = new StringBuilder();
        if (!r.confirmed().isEmpty()) {
            b.append("confirmed ").append(join(r.confirmed()));
        }
        if (!r.kernelSet().isEmpty() && !r.kernelSet().equals(r.confirmed())) {
            b.append(b.isEmpty() ? "" : "; ").append("kernel ").append(join(r.kernelSet()));
        }
        if (!r.functions().isEmpty()) {
            b.append(b.isEmpty() ? "" : "; ").append(r.action().equals(AuditRecord.RESTORE) ? "restored " : "moved ")
                    .append(join(r.functions()));
        }
        return b.toString();
    }

    /** One line of {@code history}'s text output. */
    public static String line(AuditRecord r) {
        String f = functions(r);
        return r.time() + "  " + what(r) + "  " + outcome(r) + "  by " + who(r) + (f.isEmpty() ? "" : "  " + f)
                + r.host().map(h -> "  on " + printable(h)).orElse("")
                + (r.message().isBlank() ? "" : "  — " + printable(r.message()));
    }

    /**
     * The intents in {@code records} (file order) that no later result answers: the process stopped (a crash, a
     * kill, a power cut during the reset) or could not write its result. Matched on action, target, round, dry run
     * and invoker.
     */
    public static boolean[] unanswered(List<AuditRecord> records) {
        boolean[] open = new boolean[records.size()];
        for (int i = 0; i < records.size(); i++) {
            AuditRecord a = records.get(i);
            open[i] = a.intent();
            for (int j = i + 1; open[i] && j < records.size(); j++) {
                AuditRecord b = records.get(j);
                if (!b.intent() && b.action().equals(a.action()) && b.target().equals(a.target())
                        && b.round().equals(a.round()) && b.dryRun() == a.dryRun() && b.invoker().equals(a.invoker())) {
                    open[i] = false;
                }
            }
        }
        return open;
    }

    /** Control characters (escape sequences, newlines) as {@code ?}, and at most 500 characters. */
    public static String printable(String s) {
        String p = s.codePoints().limit(500).map(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return s.codePointCount(0, s.length()) > 500 ? p + "…" : p;
    }

    private static String join(List<PciAddress> as) {
        return as.stream().map(PciAddress::toString).collect(Collectors.joining(","));
    }
}
