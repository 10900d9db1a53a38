package org.vfioinspector.core.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The items a snapshot will contain, keyed by their path relative to the host root
 * ({@code sys/bus/pci/devices/0000:03:00.0}). Sorted, so a parent directory always comes before
 * what is inside it. Every item's ancestors are added as directories.
 */
final class CapturedTree {

    /** Most notes kept; the rest are counted so a broken host cannot produce a huge result. */
    private static final int MAX_NOTES = 50;

    sealed interface Item permits Dir, File, Link { }

    record Dir() implements Item { }

    record File(byte[] data) implements Item { }

    record Link(String target) implements Item { }

    private final TreeMap<String, Item> items = new TreeMap<>();
    private final List<String> notes = new ArrayList<>();
    private int droppedNotes;
    private int skipped;

    /** Adds a directory (and its ancestors). */
    void dir(String path) {
        if (parents(path)) {
            items.putIfAbsent(path, new Dir());
        }
    }

    /** Adds a regular file with the given content. */
    void file(String path, byte[] data) {
        if (parents(path)) {
            put(path, new File(data));
        }
    }

    /** Adds a symbolic link whose target is stored verbatim. */
    void link(String path, String target) {
        if (parents(path)) {
            put(path, new Link(target));
        }
    }

    /**
     * Reads at most {@code max} bytes of {@code source} and stores them at {@code path}. Sysfs
     * reports 4096 as the size of every attribute and procfs reports 0, so the size is never trusted.
     * A read error is a skip with a note, never an exception: the snapshot goes on without the item.
     */
    void readFile(Path source, String path, int max) {
        try (InputStream in = Files.newInputStream(source)) {
            byte[] data = in.readNBytes(max);
            if (data.length == max && in.read() != -1) {
                note("/" + path + " is longer than " + Limits.size(max) + "; only the start was saved");
            }
            file(path, data);
        } catch (IOException | SecurityException e) {
            skip(path, e);
        }
    }

    /** Records a whitelisted item that exists but could not be read. */
    void skip(String path, Exception why) {
        skipped++;
        String reason = why.getMessage() == null ? why.getClass().getSimpleName() : why.getMessage();
        note("could not read /" + path + " (" + reason + ")");
    }

    void note(String text) {
        if (notes.size() < MAX_NOTES) {
            notes.add(text);
        } else {
            droppedNotes++;
        }
    }

    Map<String, Item> items() {
        return Collections.unmodifiableMap(items);
    }

    List<String> notes() {
        List<String> all = new ArrayList<>(notes);
        if (droppedNotes > 0) {
            all.add("… and " + droppedNotes + " more notes");
        }
        return all;
    }

    int skipped() {
        return skipped;
    }

    boolean contains(String path) {
        return items.containsKey(path);
    }

    private void put(String path, Item item) {
        Item old = items.putIfAbsent(path, item);
        if (old != null && !old.equals(item)) {
            note("/" + path + " was found twice; the first one was kept");
        }
    }

    /** Adds every ancestor of {@code path} as a directory; false when one is already a file or link. */
    private boolean parents(String path) {
        int slash = path.indexOf('/');
        while (slash > 0) {
            String parent = path.substring(0, slash);
            Item existing = items.putIfAbsent(parent, new Dir());
            if (existing != null && !(existing instanceof Dir)) {
                note("/" + path + " was left out: /" + parent + " is not a directory");
                return false;
            }
            slash = path.indexOf('/', slash + 1);
        }
        return true;
    }
}
