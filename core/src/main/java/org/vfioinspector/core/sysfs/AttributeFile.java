package org.vfioinspector.core.sysfs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads sysfs attribute files with as few system calls as the kernel allows, because a scan reads
 * some fifteen per function and on a large host the system calls are most of its cost: a stat (only
 * for a tree given with {@code --root}, so that a FIFO planted there cannot block the scan), open,
 * one read into a buffer the thread reuses, close.
 *
 * <p>One read suffices: sysfs produces a text attribute in one piece ({@code show()} fills at most
 * a page), a binary attribute such as {@code config} returns everything readable at once, and a
 * regular file (a fixture or an unpacked snapshot) returns less than asked for only at its end.
 * Not for procfs, whose files may come in several reads; {@link HostRoot#readText} reads to the end.
 */
final class AttributeFile {

    /** Longest attribute read as text, as {@link HostRoot#readText}. */
    static final int MAX_TEXT = 64 * 1024;

    /** What one read asks for: the JDK's stack buffer for native reads is 8 KiB. */
    private static final int CHUNK = 8192;

    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[MAX_TEXT]);

    private AttributeFile() {
    }

    /** Up to {@code max} bytes (at most {@link #MAX_TEXT}); empty when missing, not a regular file, or unreadable. */
    static Optional<byte[]> readBytes(Path file, int max) {
        return readBytes(file, max, false);
    }

    /**
     * As {@link #readBytes(Path, int)}; with {@code trusted} (a tree without FIFOs or devices, see
     * {@link HostRoot#noSpecialFiles()}) the file is opened without the {@code stat} that guards against them.
     */
    static Optional<byte[]> readBytes(Path file, int max, boolean trusted) {
        try {
            if (!trusted && !Files.isRegularFile(file)) {
                return Optional.empty();
            }
            // RandomAccessFile: a plain open(2) on the path's string; FileChannel.open costs ~20 % more CPU per
            // file here (an option set, a channel object, a path conversion), which a scan pays ~10 times a function
            try (RandomAccessFile f = new RandomAccessFile(file.toString(), "r")) {
                byte[] buffer = BUFFER.get();
                int limit = Math.min(max, MAX_TEXT);
                // in pieces of CHUNK bytes, which the JDK reads through a stack buffer (a larger read
                // mallocs one per call); a sysfs attribute (a page at most) still takes a single read
                int total = 0;
                while (total < limit) {
                    int n = f.read(buffer, total, Math.min(CHUNK, limit - total));
                    if (n <= 0) {
                        break;
                    }
                    total += n;
                    if (n < CHUNK) {
                        break; // sysfs gives an attribute in one piece; a regular file is shorter only at its end
                    }
                }
                return Optional.of(java.util.Arrays.copyOf(buffer, total));
            }
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The attribute as trimmed UTF-8 text; empty when missing or unreadable. */
    static Optional<String> readText(Path file) {
        return readText(file, false);
    }

    static Optional<String> readText(Path file, boolean trusted) {
        return readBytes(file, MAX_TEXT, trusted).map(b -> new String(b, StandardCharsets.UTF_8).strip());
    }
}
