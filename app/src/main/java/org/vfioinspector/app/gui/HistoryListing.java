package org.vfioinspector.app.gui;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.vfioinspector.app.report.HistoryText;
import org.vfioinspector.core.audit.AuditLog;
import org.vfioinspector.core.audit.AuditRecord;
import org.vfioinspector.core.text.Counted;

/**
 * What the History dialog lists: the audit log's records, newest first, in the words of {@code history}, with a
 * header saying which log it is, how many lines were skipped, or why it could not be read. Pure but for
 * {@link #read}, which reads the file (on the background executor, never the FX thread).
 *
 * @param header  which log, how many records, how many lines skipped; or why it cannot be read
 * @param rows    the records, newest first
 * @param notes   lines that are not records, and the like
 */
public record HistoryListing(String header, List<Row> rows, List<String> notes) {

    /** One record, as the table shows it. */
    public record Row(String time, String action, String outcome, String askedBy, String functions, String message) {
    }

    public HistoryListing {
        Objects.requireNonNull(header, "header");
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }

    /** Reads {@code log}; a log that cannot be read is a header saying why, with no rows. */
    public static HistoryListing read(AuditLog log) {
        try {
            return of(log, log.read());
        } catch (AccessDeniedException e) {
            return new HistoryListing("The audit log " + log.file() + " is root's: members of the group adm can read it, "
                    + "or run 'sudo vfio-inspector history'.", List.of(), List.of());
        } catch (IOException | RuntimeException e) {
            return new HistoryListing("The audit log " + log.file() + " cannot be read: " + e.getMessage(), List.of(),
                    List.of());
        }
    }

    /** Pure: the listing of the contents of {@code log}. */
    static HistoryListing of(AuditLog log, AuditLog.Contents c) {
        List<AuditRecord> all = c.records();
        boolean[] open = HistoryText.unanswered(all);
        List<Row> rows = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            AuditRecord r = all.get(i);
            rows.add(new Row(r.time().toString(), HistoryText.what(r),
                    HistoryText.outcome(r) + (open[i] ? " (no result recorded)" : ""), HistoryText.who(r),
                    HistoryText.functions(r), HistoryText.printable(r.message())));
        }
        String header = all.isEmpty() && c.skipped() == 0 ? "No resets, binds or restores recorded in " + log.file() + "."
                : Counted.of(all.size(), "record") + " in " + log.file() + ", newest first"
                + (c.skipped() > 0 ? "; " + Counted.of(c.skipped(), "line") + " skipped (not records)" : "") + ".";
        return new HistoryListing(header, rows, c.notes());
    }
}
