package org.vfioinspector.core.sysfs;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

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
        io.consulted(dir, name);
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

    /** The attribute's text; a note when the listing has it but it cannot be read. */
    Optional<String> text(String name) {
        Optional<String> t = quietText(name);
        if (t.isEmpty() && names.contains(name)) {
            notes.add(name + " unreadable");
        }
        return t;
    }

    OptionalInt hex(String name, int bits) {
        return number(name, t -> SysfsValues.parseHex(t, bits), () -> "a " + bits + "-bit hex value");
    }

    OptionalInt decimal(String name) {
        return number(name, SysfsValues::parseDecimal, () -> "a number");
    }

    /** The attribute parsed; a note saying it is not {@code what} when it does not parse. */
    private OptionalInt number(String name, Function<String, OptionalInt> parse, Supplier<String> what) {
        Optional<String> t = text(name);
        if (t.isEmpty()) {
            return OptionalInt.empty();
        }
        OptionalInt v = parse.apply(t.get());
        if (v.isEmpty()) {
            notes.add(name + ": " + SysfsValues.quote(t.get()) + " is not " + what.get());
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
