package org.vfioinspector.app.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.vfioinspector.app.report.ExitCodes;
import org.vfioinspector.app.report.HistoryText;
import org.vfioinspector.app.report.Json;
import org.vfioinspector.core.audit.AuditLog;
import org.vfioinspector.core.audit.AuditRecord;
import org.vfioinspector.core.text.Counted;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "history", description = {"The audit log: every reset, soak round, bind and restore, as the process that",
        "acted (root) recorded it: an intent line before the first ioctl or sysfs write, a result line after; who",
        "asked (also through sudo or pkexec), the target, the confirmed and kernel sets, the verification, the",
        "result and errno. This host's log is /var/log/vfio-inspector/audit.jsonl (root's, readable by group adm);",
        "with --root DIR, DIR/var/log/vfio-inspector/audit.jsonl. Lines that are not records are skipped and counted.",
        "Exit codes: 0 shown, 2 usage error, 3 the log cannot be read."})
final class HistoryCommand implements Callable<Integer> {

    @ParentCommand
    Cli cli;

    @Option(names = "--json", description = "Machine-readable output: the records as the log holds them.")
    boolean json;

    @Option(names = "--limit", paramLabel = "N", description = "Only the last N records.")
    Integer limit;

    @Option(names = "--since", paramLabel = "ISO", description = "Only records from this time on: 2026-03-01 (UTC) or "
            + "2026-03-01T10:00:00Z.")
    String since;

    @Override
    public Integer call() {
        cli.refuseHost("history");
        Instant from = since == null ? Instant.MIN : since(since);
        if (limit != null && limit < 1) {
            throw new CliException(ExitCodes.USAGE, "--limit needs a number of records, 1 or more");
        }
        AuditLog log = AuditLog.forHost(cli.session().root());
        AuditLog.Contents c = read(log);
        List<AuditRecord> all = c.records();
        boolean[] open = HistoryText.unanswered(all);
        List<Integer> shown = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (!all.get(i).time().isBefore(from)) {
                shown.add(i);
            }
        }
        if (limit != null && shown.size() > limit) {
            shown = shown.subList(shown.size() - limit, shown.size());
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("log", log.file().toString());
            List<JsonNode> records = new ArrayList<>();
            for (int i : shown) {
                records.add(node(all.get(i)));
            }
            doc.put("records", records);
            doc.put("skipped", c.skipped());
            doc.put("notes", c.notes());
            Json.print(cli.out, doc);
            return ExitCodes.OK;
        }
        if (all.isEmpty() && c.skipped() == 0) {
            cli.out.println("No audit records in " + log.file() + ".");
        } else {
            cli.out.println("Audit log " + log.file() + ": " + shown.size() + " of " + Counted.of(all.size(), "record")
                    + (c.skipped() > 0 ? ", " + Counted.of(c.skipped(), "line") + " skipped (not records)" : "") + ".");
        }
        for (int i : shown) {
            cli.out.println(HistoryText.line(all.get(i)) + (open[i] ? "  [no result recorded]" : ""));
        }
        c.notes().forEach(n -> cli.out.println("Note: " + n));
        return ExitCodes.OK;
    }

    private static AuditLog.Contents read(AuditLog log) {
        try {
            return log.read();
        } catch (AccessDeniedException e) {
            throw new CliException(ExitCodes.IO, "cannot read the audit log " + log.file() + ": permission denied; it "
                    + "is root's (readable by group adm): run 'sudo vfio-inspector history'");
        } catch (IOException e) {
            throw new CliException(ExitCodes.IO, "cannot read the audit log " + log.file() + ": " + e.getMessage());
        }
    }

    private static JsonNode node(AuditRecord r) {
        try {
            return Json.mapper().readTree(AuditLog.line(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit record is not JSON", e);
        }
    }

    /** {@code 2026-03-01} (midnight UTC) or an ISO instant; anything else is a usage error. */
    static Instant since(String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new CliException(ExitCodes.USAGE, "--since needs a date (2026-03-01) or a UTC time "
                    + "(2026-03-01T10:00:00Z), not '" + HostWrites.printable(text) + "'");
        }
    }
}
