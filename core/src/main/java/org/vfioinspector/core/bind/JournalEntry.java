package org.vfioinspector.core.bind;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.vfioinspector.core.model.PciAddress;

/**
 * One line of the bind journal: what a function was bound to before this tool moved it to vfio-pci,
 * and how far that went. The last line for a function is its state.
 *
 * @param driver   the driver it was bound to before; empty when it had none
 * @param override its {@code driver_override} before; empty when unset
 */
public record JournalEntry(Instant time, State state, PciAddress address, Optional<String> driver,
                           Optional<String> override) {

    /** Driver names as the kernel makes them: no spaces, no '=' (they are stored as key=value words). */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.+:-]{1,64}");

    /** How far a bind of this function went. */
    public enum State {
        /** Written before touching sysfs: a crash after this may have left anything half done. */
        PENDING,
        /** On vfio-pci; the original driver is to be restored. */
        BOUND,
        /** Back on the original driver (restore). */
        RESTORED,
        /** A failed bind was undone. */
        ROLLED_BACK;

        /** Still to be restored. */
        public boolean open() {
            return this == PENDING || this == BOUND;
        }

        String word() {
            return name().toLowerCase().replace('_', '-');
        }

        static Optional<State> of(String word) {
            for (State s : values()) {
                if (s.word().equals(word)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    public JournalEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(address, "address");
        driver.ifPresent(JournalEntry::checkName);
        override.ifPresent(JournalEntry::checkName);
    }

    /** True when {@code name} can be journaled (and written back to sysfs) verbatim. */
    public static boolean safeName(String name) {
        return NAME.matcher(name).matches();
    }

    private static void checkName(String name) {
        if (!safeName(name)) {
            throw new IllegalArgumentException("not a driver name: " + name.replaceAll("[^\\x20-\\x7e]", "?"));
        }
    }

    public JournalEntry with(State next, Instant when) {
        return new JournalEntry(when, next, address, driver, override);
    }

    /** {@code 2026-11-25T10:00:00Z bound 0000:03:00.0 driver=e1000e override=-}. */
    String line() {
        return time + " " + state.word() + " " + address + " driver=" + driver.orElse("-") + " override="
                + override.orElse("-");
    }

    /** Parses one journal line; empty for a line that is not one (fail-soft: the caller notes it). */
    static Optional<JournalEntry> parse(String line) {
        String[] w = line.strip().split(" ");
        if (w.length != 5 || !w[3].startsWith("driver=") || !w[4].startsWith("override=")) {
            return Optional.empty();
        }
        try {
            Instant time = Instant.parse(w[0]);
            Optional<State> state = State.of(w[1]);
            PciAddress a = PciAddress.tryParse(w[2]);
            String d = w[3].substring("driver=".length());
            String o = w[4].substring("override=".length());
            if (state.isEmpty() || a == null || (!d.equals("-") && !safeName(d)) || (!o.equals("-") && !safeName(o))) {
                return Optional.empty();
            }
            return Optional.of(new JournalEntry(time, state.get(), a, d.equals("-") ? Optional.empty() : Optional.of(d),
                    o.equals("-") ? Optional.empty() : Optional.of(o)));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
