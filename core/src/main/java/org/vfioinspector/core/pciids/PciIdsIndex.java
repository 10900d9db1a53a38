package org.vfioinspector.core.pciids;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@code pci.ids} read in one pass that only finds where each vendor's block starts and ends, so that a
 * command naming a few dozen vendors' devices does not turn the other ~37,000 lines into strings and map
 * entries. The class and generic subsystem sections (a few hundred lines) are parsed at once; a vendor's
 * block(s) the first time one of its names is asked for; the whole file only for counts and notes.
 *
 * <p>The names are those of {@link PciIdsParser#parse} over the same text: the text is split into lines as
 * {@link BufferedReader#readLine} splits it, every top-level line starts its parents afresh in the parser
 * (so a block parses alike on its own), and a vendor's blocks (a file may repeat a vendor) are parsed in
 * file order by one parser, which keeps the first of duplicate entries as a whole parse does.
 */
final class PciIdsIndex {

    /** No blocks. */
    private static final int[] NONE = new int[0];

    private final String text;
    /** Per vendor id, the start and end offsets of its blocks in {@link #text}, pairwise; null: none. */
    private final int[][] blocks = new int[0x10000][];
    private final ConcurrentMap<Integer, PciIdsParser.Tables> parsed = new ConcurrentHashMap<>();
    /** Per vendor, its candidate device lines ({@link #deviceLines}). */
    private final ConcurrentMap<Integer, int[]> deviceLines = new ConcurrentHashMap<>();
    private volatile PciIdsParser.Tables whole;

    private PciIdsIndex(String text) {
        this.text = text;
    }

    /** The names in the bytes of a {@code pci.ids} file (UTF-8, as {@link PciIdsFiles} decodes it). */
    static PciIds of(byte[] bytes) {
        String decoded = new String(bytes, StandardCharsets.UTF_8);
        // readLine also ends a line at a lone '\r' or at "\r\n": one '\n' each, so the lines are the same
        if (decoded.indexOf('\r') >= 0) {
            decoded = decoded.replace("\r\n", "\n").replace('\r', '\n');
        }
        PciIdsIndex index = new PciIdsIndex(decoded);
        return index.scan();
    }

    /** The one pass: block offsets of vendors, the sections parsed, the version, whether any name exists. */
    private PciIds scan() {
        PciIdsParser sections = PciIdsParser.forBlocks();
        String version = "";
        boolean anyVendor = false;
        int n = text.length();
        int blockStart = -1;
        int blockVendor = -1; // -1: a section's block (or none), else the vendor
        int at = 0;
        while (at < n) {
            int end = text.indexOf('\n', at);
            if (end < 0) {
                end = n;
            }
            char c = at < end ? text.charAt(at) : '\n';
            if (c == ' ' || c == '\t' || c == '#') {
                if (version.isEmpty() && hasComment(at, end)) {
                    String raw = text.substring(at, end);
                    int hash = raw.indexOf('#');
                    version = PciIdsParser.version(raw.substring(hash + 1, PciIdsParser.trimmedLength(raw)));
                }
            } else if (c != '\n') {
                String line = text.substring(at, at + PciIdsParser.trimmedLength(text.substring(at, end)));
                finish(sections, blockStart, at, blockVendor);
                blockStart = at;
                blockVendor = -1;
                if (!PciIdsParser.opensSection(line)) {
                    int vendor = PciIdsParser.validVendor(line);
                    anyVendor |= vendor >= 0;
                    // an invalid vendor line still ends the block before it; its entries name nothing
                    blockVendor = vendor >= 0 ? vendor : -2;
                }
            }
            at = end + 1;
        }
        finish(sections, blockStart, n, blockVendor);
        PciIdsParser.Tables s = sections.tables();
        return new PciIds(s, new Lookup(), this::whole, !anyVendor && s.classes().isEmpty(), version, null);
    }

    /**
     * A vendor's tables when all of them are asked for (subsystems); its name and a device's name straight
     * from the text: a listing names a few devices of a vendor whose block may be a quarter of the file
     * (Intel's: 9,700 lines), and parsing all of it cold cost more than the listing's reads of 256 functions.
     */
    private final class Lookup implements PciIds.VendorNames {
        @Override
        public PciIdsParser.Tables tables(int vendor) {
            return PciIdsIndex.this.vendor(vendor);
        }

        @Override
        public String vendorName(int vendor) {
            return PciIdsIndex.this.vendorName(vendor);
        }

        @Override
        public String deviceName(int vendor, int device) {
            return PciIdsIndex.this.deviceName(vendor, device);
        }
    }

    /** The name on the line that opens the vendor's first block, as {@link PciIdsParser} files it. */
    private String vendorName(int vendor) {
        if (vendor < 0 || vendor > 0xffff || blocks[vendor] == null) {
            return null;
        }
        int at = blocks[vendor][0];
        return nameAfter(at, at + 4, trimmedEnd(at, lineEnd(at, blocks[vendor][1])));
    }

    /**
     * The first well-formed device line of {@code device} in the vendor's blocks, in file order: the entry
     * the parser keeps (it skips malformed lines and keeps the first of duplicates).
     */
    private String deviceName(int vendor, int device) {
        if (vendor < 0 || vendor > 0xffff || device < 0 || device > 0xffff || blocks[vendor] == null) {
            return null;
        }
        int[] lines = deviceLines.computeIfAbsent(vendor, this::deviceLines);
        for (int i = 0; i < lines.length; i += 2) {
            if (lines[i + 1] == device) {
                String name = deviceLine(lines[i]);
                if (name != null) {
                    return name;
                }
            }
        }
        return null;
    }

    /**
     * Offset and id of every line in the vendor's blocks that starts with one tab and four hex digits, in
     * file order: the candidates for a device entry, without making a string of any line.
     */
    private int[] deviceLines(int vendor) {
        int[] b = blocks[vendor];
        int[] out = new int[64];
        int n = 0;
        for (int i = 0; i < b.length; i += 2) {
            int at = lineEnd(b[i], b[i + 1]) + 1; // after the vendor line
            while (at < b[i + 1]) {
                int end = lineEnd(at, b[i + 1]);
                if (end - at > 5 && text.charAt(at) == '\t' && text.charAt(at + 1) != '\t') {
                    int id = hex4(at + 1);
                    if (id >= 0) {
                        if (n == out.length) {
                            out = Arrays.copyOf(out, n * 2);
                        }
                        out[n++] = at;
                        out[n++] = id;
                    }
                }
                at = end + 1;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * The name of the device line at {@code at} when {@link PciIdsParser} takes it as one: trailing blanks
     * trimmed, not blank or a comment, indented by exactly one tab (no space), four hex digits, a blank, then
     * a name with something visible in it; else null.
     */
    private String deviceLine(int at) {
        int end = trimmedEnd(at, lineEnd(at, text.length()));
        int indent = at;
        while (indent < end && isBlank(text.charAt(indent))) {
            indent++;
        }
        if (indent == end || text.charAt(indent) == '#' || indent != at + 1 || text.charAt(at) != '\t') {
            return null;
        }
        return at + 5 <= end && hex4(at + 1) >= 0 ? nameAfter(at, at + 5, end) : null;
    }

    /** The name after an id ending at {@code afterId}, as {@link PciIdsParser}'s {@code name}: null when none. */
    private String nameAfter(int lineStart, int afterId, int end) {
        if (afterId >= end || !isBlank(text.charAt(afterId))) {
            return null;
        }
        int i = afterId;
        while (i < end && isBlank(text.charAt(i))) {
            i++;
        }
        for (int k = i; k < end; k++) {
            char c = text.charAt(k);
            if (!Character.isWhitespace(c) && !Character.isISOControl(c)) {
                return text.substring(i, end);
            }
        }
        return null;
    }

    /** Four hex digits at {@code at}, or -1. */
    private int hex4(int at) {
        return PciIdsParser.hex(text, at, 4);
    }

    /** Where the line starting at {@code at} ends ('\n' or {@code limit}). */
    private int lineEnd(int at, int limit) {
        int end = text.indexOf('\n', at);
        return end < 0 || end > limit ? limit : end;
    }

    /** {@code end} moved back over trailing blanks, not before {@code at}. */
    private int trimmedEnd(int at, int end) {
        while (end > at && isBlank(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** Whether the line's first non-blank character is a {@code #} (a comment, wherever it is indented). */
    private boolean hasComment(int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t') {
                return c == '#';
            }
        }
        return false;
    }

    /** Ends the block from {@code start} to {@code end}: a section's is parsed now, a vendor's remembered. */
    private void finish(PciIdsParser sections, int start, int end, int vendor) {
        if (start < 0) {
            return; // lines before the first top-level line are children of nothing
        }
        if (vendor == -1) {
            sections.lines(text, start, end);
        } else if (vendor >= 0) {
            int[] b = blocks[vendor] == null ? NONE : blocks[vendor];
            b = Arrays.copyOf(b, b.length + 2);
            b[b.length - 2] = start;
            b[b.length - 1] = end;
            blocks[vendor] = b;
        }
    }

    /** The tables of {@code vendor}'s block(s), parsed the first time. */
    private PciIdsParser.Tables vendor(int vendor) {
        if (vendor < 0 || vendor > 0xffff || blocks[vendor] == null) {
            return EMPTY_TABLES;
        }
        return parsed.computeIfAbsent(vendor, v -> {
            PciIdsParser p = PciIdsParser.forBlocks();
            int[] b = blocks[v];
            for (int i = 0; i < b.length; i += 2) {
                p.lines(text, b[i], b[i + 1]);
            }
            return p.tables();
        });
    }

    private static final PciIdsParser.Tables EMPTY_TABLES = PciIdsParser.forBlocks().tables();

    /** The whole file parsed as {@link PciIdsParser#parse} parses it. */
    private PciIdsParser.Tables whole() {
        PciIdsParser.Tables w = whole;
        if (w == null) {
            synchronized (this) {
                if (whole == null) {
                    whole = PciIdsParser.whole(new BufferedReader(new StringReader(text)));
                }
                w = whole;
            }
        }
        return w;
    }
}
