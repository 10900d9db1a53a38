package org.vfioinspector.core.pciids;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass over the text of a {@code pci.ids} file. The grammar follows pciutils'
 * {@code lib/names-parse.c}: the nesting level is the number of leading tabs, top-level lines are
 * vendors unless they open a lettered section ({@code C} classes, {@code S} generic subsystems, any
 * other capital letter an unknown section whose entries are skipped quietly).
 *
 * <p>Where pciutils stops at the first parse error, this parser skips the line, counts it and
 * carries on, so one bad line never hides every name. Children of a skipped parent are skipped too:
 * attaching them to the previous parent would give wrong names, which is worse than none.
 */
final class PciIdsParser {

    /** Notes beyond this are only counted: a garbage file must not produce a huge list. */
    static final int MAX_NOTES = 50;

    private enum Section { VENDORS, CLASSES, GENERIC_SUBSYSTEMS, UNKNOWN }

    private final Map<Integer, String> vendors;
    private final Map<Integer, String> devices;
    private final Map<Long, String> subsystems;
    private final Map<Integer, String> genericSubsystems = new HashMap<>();
    private final Map<Integer, String> classes = new HashMap<>();
    private final Map<Integer, String> subclasses = new HashMap<>();
    private final Map<Integer, String> progIfs = new HashMap<>();
    private final List<String> notes = new ArrayList<>();
    private String version = "";
    private int skipped;
    private int lineNo;

    // The current parents; -1 means "none valid", so children are skipped rather than misfiled.
    private Section section = Section.VENDORS;
    private int vendor = -1;
    private int device = -1;
    private int baseClass = -1;
    private int subclass = -1;
    private int genericVendor = -1;

    /** {@code whole}: sized for a whole file; else for a few blocks. */
    private PciIdsParser(boolean whole) {
        vendors = new HashMap<>(whole ? 4096 : 16);
        devices = new HashMap<>(whole ? 65536 : 64);
        subsystems = new HashMap<>(whole ? 32768 : 64);
    }

    static PciIds parse(BufferedReader reader) {
        return new PciIds(whole(reader), null);
    }

    /** Every table of the text {@code reader} gives, and its version. */
    static Tables whole(BufferedReader reader) {
        PciIdsParser p = new PciIdsParser(true);
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                p.lineNo++;
                p.line(line);
            }
        } catch (IOException | UncheckedIOException e) {
            p.note("read error after line " + p.lineNo + ": " + e.getMessage() + "; names so far are kept");
        }
        return p.tables();
    }

    /** A parser for {@link PciIdsIndex}: fed only some of a file's top-level blocks, with {@link #lines}. */
    static PciIdsParser forBlocks() {
        return new PciIdsParser(false);
    }

    /**
     * Parses the lines of {@code text} (lines end at {@code '\n'}) from {@code from} up to {@code to}, as
     * {@link #parse} does. Every top-level line starts its parents afresh, so feeding a file's top-level blocks
     * one by one, in file order, gives the entries {@link #parse} gives for them (only the line numbers of
     * notes differ).
     */
    void lines(String text, int from, int to) {
        int at = from;
        while (at < to) {
            int end = text.indexOf('\n', at);
            if (end < 0 || end > to) {
                end = to;
            }
            lineNo++;
            line(text.substring(at, end));
            at = end + 1;
        }
    }

    /** The names read so far, as lookup tables (not copied: this parser must not be fed any more). */
    Tables tables() {
        return new Tables(vendors, devices, subsystems, genericSubsystems, classes, subclasses, progIfs, version,
                skipped, notes);
    }

    /** Every table of a parse, its version, and what it skipped. */
    record Tables(Map<Integer, String> vendors, Map<Integer, String> devices, Map<Long, String> subsystems,
                  Map<Integer, String> genericSubsystems, Map<Integer, String> classes,
                  Map<Integer, String> subclasses, Map<Integer, String> progIfs, String version, int skipped,
                  List<String> notes) {
    }

    private void line(String raw) {
        int end = trimmedLength(raw);
        int indent = 0;
        while (indent < end && isBlank(raw.charAt(indent))) {
            indent++;
        }
        if (indent == end) {
            return;
        }
        if (raw.charAt(indent) == '#') {
            comment(raw.substring(indent + 1, end));
            return;
        }
        String line = raw.substring(0, end);
        int nest = 0;
        while (nest < end && line.charAt(nest) == '\t') {
            nest++;
        }
        if (nest != indent) {
            skip("indented with spaces");
        } else if (nest == 0) {
            topLevel(line);
        } else if (section == Section.UNKNOWN) {
            return; // entries of sections we do not know are not errors
        } else if (nest == 1) {
            levelOne(line);
        } else if (nest == 2) {
            levelTwo(line);
        } else {
            skip("nested deeper than two tabs");
        }
    }

    private void comment(String text) {
        if (version.isEmpty()) {
            version = version(text);
        }
    }

    /** The database version a comment's text ({@code #} left out) gives, or {@code ""}. */
    static String version(String comment) {
        String t = comment.strip();
        return t.startsWith("Version:") ? t.substring("Version:".length()).strip() : "";
    }

    /**
     * Whether a top-level line (no leading blank, trailing blanks removed) opens a lettered section
     * ({@code C}, {@code S}, or one this parser skips) rather than naming a vendor.
     */
    static boolean opensSection(String line) {
        return line.length() >= 2 && line.charAt(1) == ' ' && line.charAt(0) >= 'A' && line.charAt(0) <= 'Z';
    }

    /** The vendor a top-level vendor line names validly ({@code 8086  Intel Corporation}), or -1. */
    static int validVendor(String line) {
        int id = hex(line, 0, 4);
        return id >= 0 && name(line, 4) != null ? id : -1;
    }

    private void topLevel(String line) {
        vendor = device = baseClass = subclass = genericVendor = -1;
        if (opensSection(line)) {
            char kind = line.charAt(0);
            if (kind == 'C') {
                section = Section.CLASSES;
                baseClass = entry(line, 2, 2, classes, 0);
            } else if (kind == 'S') {
                section = Section.GENERIC_SUBSYSTEMS;
                genericVendor = line.length() == 6 ? hex(line, 2, 4) : -1;
                if (genericVendor < 0) {
                    skip("bad generic subsystem header");
                }
            } else {
                section = Section.UNKNOWN;
            }
            return;
        }
        section = Section.VENDORS;
        vendor = entry(line, 0, 4, vendors, 0);
    }

    private void levelOne(String line) {
        switch (section) {
            case VENDORS -> device = vendor < 0 ? orphan() : entry(line, 1, 4, devices, vendor << 16);
            case CLASSES -> subclass = baseClass < 0 ? orphan() : entry(line, 1, 2, subclasses, baseClass << 8);
            case GENERIC_SUBSYSTEMS -> {
                if (genericVendor < 0) {
                    orphan();
                } else {
                    entry(line, 1, 4, genericSubsystems, genericVendor << 16);
                }
            }
            default -> { }
        }
    }

    private void levelTwo(String line) {
        if (section == Section.CLASSES) {
            if (subclass < 0) {
                orphan();
            } else {
                entry(line, 2, 2, progIfs, (baseClass << 16) | (subclass << 8));
            }
        } else if (section == Section.VENDORS) {
            if (device < 0) {
                orphan();
            } else {
                subsystem(line);
            }
        } else {
            skip("unexpected second-level entry");
        }
    }

    private void subsystem(String line) {
        int subVendor = hex(line, 2, 4);
        int subDevice = subVendor < 0 || !blankAt(line, 6) ? -1 : hex(line, 7, 4);
        String name = subDevice < 0 ? null : name(line, 11);
        if (name == null) {
            skip("malformed subsystem");
            return;
        }
        put(subsystems, PciIds.subsystemKey(vendor, device, subVendor, subDevice), name);
    }

    /**
     * Parses {@code <digits hex digits><blank><name>} at {@code at} and stores it under
     * {@code keyBase | id}.
     *
     * @return the id, or -1 when the line is malformed (it is then skipped)
     */
    private int entry(String line, int at, int digits, Map<Integer, String> into, int keyBase) {
        int id = hex(line, at, digits);
        String name = id < 0 ? null : name(line, at + digits);
        if (name == null) {
            skip("malformed entry");
            return -1;
        }
        put(into, keyBase | id, name);
        return id;
    }

    /** The name after the id: at least one blank, then text with something visible in it. */
    private static String name(String line, int afterId) {
        if (!blankAt(line, afterId)) {
            return null;
        }
        int i = afterId;
        while (i < line.length() && isBlank(line.charAt(i))) {
            i++;
        }
        return i < line.length() && visible(line, i) ? line.substring(i) : null;
    }

    /** Whether any character from {@code from} on is printable (a name of form feeds names nothing). */
    private static boolean visible(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isISOControl(c)) {
                return true;
            }
        }
        return false;
    }

    private <K> void put(Map<K, String> into, K key, String name) {
        if (into.putIfAbsent(key, name) != null) {
            skip("duplicate entry, the first one is kept"); // pciutils rejects duplicates too
        }
    }

    private int orphan() {
        skip("entry under a skipped or missing parent");
        return -1;
    }

    private void skip(String why) {
        skipped++;
        if (notes.size() < MAX_NOTES) {
            notes.add("line " + lineNo + ": " + why);
        }
    }

    private void note(String text) {
        if (notes.size() < MAX_NOTES) {
            notes.add(text);
        }
    }

    /** Exactly {@code digits} hex digits at {@code at}, or -1. */
    static int hex(String s, int at, int digits) {
        if (at + digits > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = at; i < at + digits; i++) {
            char c = s.charAt(i);
            int d;
            if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                d = c - 'a' + 10;
            } else if (c >= 'A' && c <= 'F') {
                d = c - 'A' + 10;
            } else {
                return -1; // Character.digit would also accept non-ASCII digits
            }
            v = (v << 4) | d;
        }
        return v;
    }

    /** The length of {@code raw} without its trailing blanks. */
    static int trimmedLength(String raw) {
        int end = raw.length();
        while (end > 0 && isBlank(raw.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private static boolean blankAt(String s, int i) {
        return i < s.length() && isBlank(s.charAt(i));
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
