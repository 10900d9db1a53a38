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

    private final Map<Integer, String> vendors = new HashMap<>(4096);
    private final Map<Integer, String> devices = new HashMap<>(65536);
    private final Map<Long, String> subsystems = new HashMap<>(32768);
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

    private PciIdsParser() {
    }

    static PciIds parse(BufferedReader reader) {
        PciIdsParser p = new PciIdsParser();
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                p.lineNo++;
                p.line(line);
            }
        } catch (IOException | UncheckedIOException e) {
            p.note("read error after line " + p.lineNo + ": " + e.getMessage() + "; names so far are kept");
        }
        return new PciIds(p.vendors, p.devices, p.subsystems, p.genericSubsystems, p.classes,
                p.subclasses, p.progIfs, p.version, p.skipped, p.notes, null);
    }

    private void line(String raw) {
        int end = raw.length();
        while (end > 0 && isBlank(raw.charAt(end - 1))) {
            end--;
        }
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
        String t = text.strip();
        if (version.isEmpty() && t.startsWith("Version:")) {
            version = t.substring("Version:".length()).strip();
        }
    }

    private void topLevel(String line) {
        vendor = device = baseClass = subclass = genericVendor = -1;
        if (line.length() >= 2 && line.charAt(1) == ' ' && line.charAt(0) >= 'A' && line.charAt(0) <= 'Z') {
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

    private static boolean blankAt(String s, int i) {
        return i < s.length() && isBlank(s.charAt(i));
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
