package org.vfioinspector.core.sysfs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;

/**
 * Finds the function directories of a host: the links in {@code sys/bus/pci/devices}, and every function
 * directory nested in the {@code sys/devices/pci*} folders that has none (a tree without the bus folder, or
 * a function the bus folder lacks). Links are never followed, so nothing outside the root is reached.
 */
final class FunctionWalk {

    /** Deepest nesting of bridges followed below the functions {@code sys/bus/pci/devices} links to. */
    private static final int MAX_DEPTH = 64;

    /** Reads a batch of function directories, each with its (new) memo, in order. */
    @FunctionalInterface
    interface BatchReader {
        List<ReadResult<PciDevice>> read(List<Map.Entry<PciAddress, Path>> batch, FunctionMemo[] memos,
                                         ScanProgress progress);
    }

    /**
     * The function directories read, what reading each gave, and (when kept) their memos, in the same order.
     */
    record Nesting(List<Map.Entry<PciAddress, Path>> dirs, FunctionMemo[] memos, List<ReadResult<PciDevice>> read) { }

    private final SysfsFiles io;

    FunctionWalk(SysfsFiles io) {
        this.io = io;
    }

    /**
     * Function directories keyed by address, from {@code sys/bus/pci/devices} (empty when it is missing); the
     * scan adds those found only in the {@code sys/devices} nesting (see {@link #walk}).
     */
    Map<PciAddress, Path> busFunctions(List<String> notes) {
        Map<PciAddress, Path> out = new TreeMap<>();
        Path bus = io.resolve(SysfsNames.BUS_DEVICES);
        if (!io.isDirectory(bus)) {
            return out;
        }
        // the links are read on all cores (one readlink each: most of this step's cost on a large host), the
        // notes and the map made afterwards in name order, as one thread would
        List<String> names = io.sortedNames(bus);
        List<Object> found = Parallel.map(names.size(), i -> busLink(bus, names.get(i)));
        for (Object f : found) {
            if (f instanceof String note) {
                notes.add(note);
            } else {
                @SuppressWarnings("unchecked")
                Map.Entry<PciAddress, Path> e = (Map.Entry<PciAddress, Path>) f;
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** The function directory one entry of the bus folder links to, or the note that says why it is ignored. */
    private Object busLink(Path bus, String name) {
        PciAddress a = PciAddress.tryParse(name);
        if (a == null || !a.toString().equals(name)) {
            return SysfsNames.BUS_DEVICES + "/" + SysfsValues.quote(name) + " is not a PCI address; ignored";
        }
        Path entry = bus.resolve(name);
        Optional<Path> target = io.readLink(entry);
        Path dir = target.map(t -> bus.resolve(t).normalize()).orElse(entry);
        if (!dir.startsWith(io.root().path())) {
            return a + ": link points outside the host root; ignored";
        }
        return Map.entry(a, dir);
    }

    /**
     * Reads {@code start} and every function directory nested in the ones read that is not among them, until
     * no new one turns up: the union of {@code sys/bus/pci/devices} and the {@code sys/devices} nesting. A
     * function's directory listing is made once anyway (its memo keeps it), so finding the functions nested
     * in it costs no extra system call except for a function that has no bus link (one lstat before it is
     * read). With {@code keepMemos} the memos are returned for a second read of the same functions.
     */
    Nesting walk(Map<PciAddress, Path> start, boolean keepMemos, ScanProgress progress, List<String> notes,
                 BatchReader reader) {
        boolean fromBus = !start.isEmpty();
        Map<PciAddress, Path> known = new HashMap<>(start);
        List<Map.Entry<PciAddress, Path>> dirs = new ArrayList<>();
        List<FunctionMemo> memos = new ArrayList<>();
        List<ReadResult<PciDevice>> read = new ArrayList<>();
        List<Map.Entry<PciAddress, Path>> batch = new ArrayList<>(start.entrySet());
        List<Map.Entry<PciAddress, Path>> top = topLevelFunctions(known);
        noteWalked(top, fromBus, notes);
        batch.addAll(top);
        batch.sort(Map.Entry.comparingByKey());
        if (batch.isEmpty()) {
            progress.functionsRead(0, 0);
        }
        for (int depth = 0; !batch.isEmpty(); depth++) {
            FunctionMemo[] m = new FunctionMemo[batch.size()];
            for (int i = 0; i < m.length; i++) {
                m[i] = new FunctionMemo();
            }
            int before = dirs.size();
            read.addAll(reader.read(batch, m, (done, total) -> progress.functionsRead(before + done, before + total)));
            dirs.addAll(batch);
            if (keepMemos) {
                memos.addAll(List.of(m)); // the second step of a staged scan takes its values from them
            }
            List<Map.Entry<PciAddress, Path>> next = new ArrayList<>();
            if (depth < MAX_DEPTH) {
                for (int i = 0; i < m.length; i++) {
                    nestedIn(batch.get(i).getValue(), m[i].listedNames(), known, next);
                }
            }
            next.sort(Map.Entry.comparingByKey());
            noteWalked(next, fromBus, notes);
            batch = next;
        }
        if (!fromBus && !dirs.isEmpty()) {
            notes.add(SysfsNames.BUS_DEVICES + " is missing; functions were found by walking " + SysfsNames.DEVICES);
        }
        return new Nesting(List.copyOf(dirs), memos.toArray(new FunctionMemo[0]), read);
    }

    /** One note per function that only the walk found, when the others have bus links. */
    private void noteWalked(List<Map.Entry<PciAddress, Path>> found, boolean fromBus, List<String> notes) {
        if (fromBus) {
            for (Map.Entry<PciAddress, Path> e : found) {
                notes.add(e.getKey() + ": found in " + io.root().path().relativize(e.getValue())
                        + " without a link in " + SysfsNames.BUS_DEVICES + "; read from its directory");
            }
        }
    }

    /** Functions directly in each {@code sys/devices/pci*} host bridge folder that {@code known} lacks. */
    private List<Map.Entry<PciAddress, Path>> topLevelFunctions(Map<PciAddress, Path> known) {
        List<Map.Entry<PciAddress, Path>> out = new ArrayList<>();
        for (Path top : io.list(io.resolve(SysfsNames.DEVICES))) {
            if (isHostBridgeName(top.getFileName().toString()) && io.isRealDirectory(top)) {
                nestedIn(top, io.names(top), known, out);
            }
        }
        out.sort(Map.Entry.comparingByKey());
        return out;
    }

    /**
     * Adds to {@code out} the function directories named in {@code names} (the listing of {@code dir}) that are
     * not in {@code known}; a host bridge folder nested in a function (a VMD domain) is listed for them too.
     */
    private void nestedIn(Path dir, Set<String> names, Map<PciAddress, Path> known,
                          List<Map.Entry<PciAddress, Path>> out) {
        if (names == null) {
            return;
        }
        for (String n : names) {
            if (looksLikeAddress(n)) {
                PciAddress a = PciAddress.tryParse(n);
                if (a == null || !a.toString().equals(n) || known.containsKey(a)) {
                    continue;
                }
                Path child = dir.resolve(n);
                if (io.isRealDirectory(child)) {
                    known.put(a, child);
                    out.add(Map.entry(a, child));
                }
            } else if (isHostBridgeName(n) && dir.getFileName() != null && looksLikeAddress(dir.getFileName().toString())) {
                Path nested = dir.resolve(n);
                if (io.isRealDirectory(nested)) {
                    nestedIn(nested, io.names(nested), known, out);
                }
            }
        }
    }

    /** A cheap test before parsing: a full BDF has two colons and a dot in place ({@code 0000:01:00.0}). */
    private static boolean looksLikeAddress(String s) {
        int n = s.length();
        return n >= 12 && n <= 16 && s.charAt(n - 2) == '.' && s.charAt(n - 5) == ':' && s.charAt(n - 8) == ':';
    }

    /** {@code pci0000:00}, {@code pci10000:e0}: the folder of a root bus (the kernel names it pci%04x:%02x). */
    static boolean isHostBridgeName(String s) {
        int n = s.length();
        if (n < 10 || n > 14 || !s.startsWith("pci") || s.charAt(n - 3) != ':') {
            return false;
        }
        for (int i = 3; i < n; i++) {
            char c = s.charAt(i);
            if (i != n - 3 && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
