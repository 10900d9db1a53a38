package org.vfioinspector.core.sysfs;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads the attributes and links of one function directory by name, through its {@link FunctionMemo};
 * a name the directory listing lacks is absent without a read, and each malformed value adds a note.
 */
final class FunctionAttributes {

    private final SysfsFiles io;
    private final Path dir;
    private final Set<String> names;
    private final List<String> notes;
    private final FunctionMemo memo;

    FunctionAttributes(SysfsFiles io, Path dir, Set<String> names, List<String> notes, FunctionMemo memo) {
        this.io = io;
        this.dir = dir;
        this.names = names;
        this.notes = notes;
        this.memo = memo;
    }

    /** Whether the listing holds {@code name}. */
    boolean has(String name) {
        io.consulted(dir.resolve(name));
        return names.contains(name);
    }

    /** The listing's names that start with {@code prefix}, in no particular order. */
    List<String> namesStartingWith(String prefix) {
        return names.stream().filter(n -> n.startsWith(prefix)).toList();
    }

    /** The attribute's text, or empty without a note when it is missing or unreadable. */
    Optional<String> quietText(String name) {
        return has(name) ? memo.text(name, () -> io.attributeText(dir.resolve(name))) : Optional.empty();
    }

    /** Up to {@code max} bytes of the {@code config} attribute; the caller checks {@link #has} first. */
    Optional<byte[]> config(int max) {
        return memo.config(() -> io.attributeBytes(dir.resolve(SysfsNames.CONFIG), max));
    }

    Optional<String> text(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        Optional<String> t = memo.text(name, () -> io.attributeText(dir.resolve(name)));
        if (t.isEmpty()) {
            notes.add(name + " unreadable");
        }
        return t;
    }

    OptionalInt hex(String name, int bits) {
        Optional<String> t = text(name);
        if (t.isEmpty()) {
            return OptionalInt.empty();
        }
        OptionalInt v = SysfsValues.parseHex(t.get(), bits);
        if (v.isEmpty()) {
            notes.add(name + ": " + SysfsValues.quote(t.get()) + " is not a " + bits + "-bit hex value");
        }
        return v;
    }

    OptionalInt decimal(String name) {
        Optional<String> t = text(name);
        if (t.isEmpty()) {
            return OptionalInt.empty();
        }
        OptionalInt v = SysfsValues.parseDecimal(t.get());
        if (v.isEmpty()) {
            notes.add(name + ": " + SysfsValues.quote(t.get()) + " is not a number");
        }
        return v;
    }

    /** A bus number attribute: 0..255, else a note and nothing (the config header may still tell). */
    OptionalInt busNumber(String name) {
        OptionalInt v = decimal(name);
        if (v.isPresent() && (v.getAsInt() < 0 || v.getAsInt() > 0xff)) {
            notes.add(name + ": " + v.getAsInt() + " is not a bus number (0..255); ignored");
            return OptionalInt.empty();
        }
        return v;
    }

    Optional<String> linkName(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        Optional<String> n = memo.link(name, () -> io.linkName(dir.resolve(name)));
        if (n.isEmpty()) {
            notes.add(name + " is not a link");
        } else if (SysfsValues.hasControl(n.get())) {
            // kernel names never hold control characters; this one would reach a terminal as is
            notes.add(name + " link names " + SysfsValues.quote(n.get()) + ", not a valid name; ignored");
            return Optional.empty();
        }
        return n;
    }
}
