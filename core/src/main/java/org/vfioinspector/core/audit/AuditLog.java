package org.vfioinspector.core.audit;

import org.vfioinspector.core.io.DurableAppend;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An append-only audit log of resets and dry runs, one JSON object per line ({@code audit.jsonl} in the
 * state directory). Lines are only ever appended and forced to disk; nothing rewrites or truncates the
 * file, so a record survives a crash right after it was written. Lines it cannot parse are skipped and
 * reported in {@link Contents#notes()}.
 */
public final class AuditLog {

    public static final String FILE = "audit.jsonl";

    private final Path file;

    public AuditLog(Path stateDirectory) {
        this.file = Objects.requireNonNull(stateDirectory, "stateDirectory").resolve(FILE);
    }

    public Path file() {
        return file;
    }

    /** The parsed log. */
    public record Contents(List<AuditRecord> records, List<String> notes) {
        public Contents {
            records = List.copyOf(records);
            notes = List.copyOf(notes);
        }
    }

    /** Appends one record as a line and forces it to disk. */
    public void append(AuditRecord record) throws IOException {
        DurableAppend.append(file, (AuditMapper.line(record) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the log; a missing file is an empty log. */
    public Contents read() throws IOException {
        if (!Files.exists(file)) {
            return new Contents(List.of(), List.of());
        }
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Pure: the records of a log text, with a note per line that is not a record. */
    static Contents parse(String text) {
        List<AuditRecord> records = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            var r = AuditMapper.parse(line);
            if (r.isPresent()) {
                records.add(r.get());
            } else {
                notes.add("audit line " + n + " is not a record; skipped");
            }
        }
        return new Contents(records, notes);
    }
}
