package org.vfioinspector.core.sysfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The directory that plays the role of {@code /} for every reader: it holds {@code sys/},
 * {@code proc/} and {@code dev/}. Live use is {@code HostRoot.live()}; tests and {@code --root DIR}
 * point elsewhere; a snapshot archive is unpacked into a temporary directory that {@link #close()}
 * removes. There is never a static global path.
 *
 * <p>The read helpers are fail-soft: a missing or unreadable file is {@link Optional#empty()}.
 */
public final class HostRoot implements AutoCloseable {

    /** Longest attribute we read as text; sysfs attributes are a page at most. */
    private static final int MAX_TEXT = 64 * 1024;

    private final Path root;
    private final String description;
    private final Runnable onClose;
    private final boolean noSpecialFiles;

    private HostRoot(Path root, String description, Runnable onClose, boolean noSpecialFiles) {
        this.root = Objects.requireNonNull(root).toAbsolutePath().normalize();
        this.description = description;
        this.onClose = onClose;
        this.noSpecialFiles = noSpecialFiles;
    }

    /** The machine this process runs on. */
    public static HostRoot live() {
        return new HostRoot(Path.of("/"), "this host", () -> { }, true);
    }

    /** A directory laid out like {@code /}: anybody's files, so readers check a file's type before opening it. */
    public static HostRoot of(Path dir) {
        return new HostRoot(dir, dir.toString(), () -> { }, false);
    }

    /**
     * A directory that was created for this root (an unpacked snapshot, whose reader let no FIFO, device or
     * hard link in); {@code onClose} removes it.
     */
    public static HostRoot temporary(Path dir, String description, Runnable onClose) {
        return new HostRoot(dir, description, onClose, true);
    }

    /**
     * A generated copy of a sysfs tree that is read like the live one (benchmarks of the live host's
     * cost): see {@link #noSpecialFiles()}.
     */
    public static HostRoot sysfsLike(Path dir) {
        return new HostRoot(dir, dir.toString(), () -> { }, true);
    }

    /**
     * True when no file under {@code sys/} can be a FIFO or device (sysfs itself, an unpacked snapshot):
     * attribute readers open files without a {@code stat} first. A directory given with {@code --root} is
     * not trusted, because opening a FIFO planted there would block the scan.
     */
    public boolean noSpecialFiles() {
        return noSpecialFiles;
    }

    public Path path() {
        return root;
    }

    /** True when this is the real {@code /} of this machine. */
    public boolean isLive() {
        return root.equals(Path.of("/"));
    }

    /** Where the data came from, for titles and messages. */
    public String description() {
        return description;
    }

    /** Resolves a path like {@code sys/bus/pci/devices} (a leading slash is ignored). */
    public Path resolve(String relative) {
        String r = relative;
        while (r.startsWith("/")) {
            r = r.substring(1);
        }
        return root.resolve(r);
    }

    /** The path relative to this root, written with a leading slash as on the host. */
    public String hostPath(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        if (abs.startsWith(root)) {
            return "/" + root.relativize(abs);
        }
        return abs.toString();
    }

    /** Reads a small text file, trimmed; empty when missing or unreadable. */
    public static Optional<String> readText(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            byte[] bytes;
            try (var in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_TEXT);
            }
            return Optional.of(new String(bytes, StandardCharsets.UTF_8).strip());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** Reads up to {@code max} bytes of a file; empty when missing or unreadable. */
    public static Optional<byte[]> readBytes(Path file, int max) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            try (var in = Files.newInputStream(file)) {
                return Optional.of(in.readNBytes(max));
            }
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The target of a symbolic link as written in the link; empty when it is not a link. */
    public static Optional<Path> readLink(Path link) {
        try {
            // no isSymbolicLink() first: readlink itself fails on anything else, one system call instead of two
            return Optional.of(Files.readSymbolicLink(link));
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** The last path element a link points to ({@code driver} → {@code nvme}); empty when not a link. */
    public static Optional<String> linkName(Path link) {
        return readLink(link).map(Path::getFileName).map(Path::toString);
    }

    /** The entries of a directory, sorted by name; empty when it is missing or unreadable. */
    public static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> out = new ArrayList<>(s.toList());
            out.sort(null);
            return out;
        } catch (IOException | SecurityException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }

    /** True when the path exists, without following a final link. */
    public static boolean exists(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void close() {
        onClose.run();
    }

    @Override
    public String toString() {
        return description;
    }
}
