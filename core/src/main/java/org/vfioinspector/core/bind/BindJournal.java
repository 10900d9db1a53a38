package org.vfioinspector.core.bind;

import org.vfioinspector.core.io.DurableAppend;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.vfioinspector.core.model.PciAddress;

/**
 * An append-only log of driver changes in a state directory ({@code /var/lib/vfio-inspector} as root,
 * else {@code $XDG_STATE_HOME/vfio-inspector}; the caller decides). Every change is appended and
 * forced to disk <em>before</em> the sysfs write it announces, so a crash at any point leaves enough
 * to put the original drivers back. Lines it cannot parse are skipped and reported in
 * {@link Contents#notes()}.
 */
public final class BindJournal {

    public static final String FILE = "bind-journal";
    private static final String HEADER = "# vfio-inspector bind journal v1: time state address driver= override=\n";

    private final Path file;

    public BindJournal(Path stateDirectory) {
        this.file = Objects.requireNonNull(stateDirectory, "stateDirectory").resolve(FILE);
    }

    public Path file() {
        return file;
    }

    /** The parsed journal. */
    public record Contents(List<JournalEntry> entries, List<String> notes) {
        public Contents {
            entries = List.copyOf(entries);
            notes = List.copyOf(notes);
        }

        /** The last entry of every function whose bind is not yet restored or rolled back, in journal order. */
        public List<JournalEntry> open() {
            Map<PciAddress, JournalEntry> last = new LinkedHashMap<>();
            for (JournalEntry e : entries) {
                last.remove(e.address()); // keep the order of the latest change
                last.put(e.address(), e);
            }
            return last.values().stream().filter(e -> e.state().open()).toList();
        }
    }

    /** Appends one entry and forces it to disk. */
    public void append(JournalEntry entry) throws IOException {
        boolean fresh = !Files.exists(file);
        String text = (fresh ? HEADER : "") + entry.line() + "\n";
        DurableAppend.append(file, text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads the journal; a missing file is an empty journal. */
    public Contents read() throws IOException {
        if (!Files.exists(file)) {
            return new Contents(List.of(), List.of());
        }
        return parse(Files.readString(file, StandardCharsets.US_ASCII));
    }

    /** Pure: the entries of a journal text, with a note per line that is not an entry. */
    static Contents parse(String text) {
        List<JournalEntry> entries = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            var entry = JournalEntry.parse(line);
            if (entry.isPresent()) {
                entries.add(entry.get());
            } else {
                notes.add("journal line " + n + " is not an entry; skipped");
            }
        }
        return new Contents(entries, notes);
    }
}
