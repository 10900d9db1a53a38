package org.vfioinspector.core.health;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.vfioinspector.core.model.PciAddress;

/**
 * The kernel's log as {@code /dev/kmsg} hands it out: one record per read, {@code PRIO,SEQ,TIMESTAMP,FLAGS;TEXT}
 * followed by {@code  KEY=VALUE} lines such as {@code  DEVICE=+pci:0000:01:00.0}
 * (Documentation/ABI/testing/dev-kmsg). Verification marks the position before a reset and asks for the
 * records after it. The live source reads this machine's log (root only); tests pass their own records.
 */
public interface KernelLog {

    /** One record. */
    record Entry(long sequence, String text, Optional<String> device) {
    }

    /** The sequence number of the newest record now; empty when the log cannot be read. */
    OptionalLong position();

    /** Every record newer than {@code position}, oldest first; empty when the log cannot be read. */
    Optional<List<Entry>> since(long position);

    /** No log (not root, a snapshot or a fixture tree): nothing is read and nothing is claimed. */
    KernelLog NONE = new KernelLog() {
        @Override
        public OptionalLong position() {
            return OptionalLong.empty();
        }

        @Override
        public Optional<List<Entry>> since(long position) {
            return Optional.empty();
        }
    };

    /** Parses one {@code /dev/kmsg} record; empty when it is not one. */
    static Optional<Entry> parse(String record) {
        int semi = record.indexOf(';');
        if (semi <= 0) {
            return Optional.empty();
        }
        String[] head = record.substring(0, semi).split(",", 5);
        if (head.length < 4) {
            return Optional.empty();
        }
        OptionalLong seq = AerCounters.parseCount(head[1]);
        if (seq.isEmpty()) {
            return Optional.empty();
        }
        String[] lines = record.substring(semi + 1).split("\n", 64);
        Optional<String> device = Optional.empty();
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.startsWith("DEVICE=+pci:")) {
                device = Optional.of(l.substring("DEVICE=+pci:".length()));
            }
        }
        return Optional.of(new Entry(seq.getAsLong(), lines[0], device));
    }

    /** The texts of the records about any of {@code functions}: tagged with it, or naming it. */
    static List<String> about(List<Entry> entries, Collection<PciAddress> functions) {
        List<String> names = functions.stream().map(PciAddress::toString).toList();
        List<String> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.device().filter(names::contains).isPresent() || names.stream().anyMatch(e.text()::contains)) {
                out.add(e.text());
            }
        }
        return out;
    }
}
