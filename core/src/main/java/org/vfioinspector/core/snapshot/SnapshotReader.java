package org.vfioinspector.core.snapshot;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.io.file.PathUtils;
import org.apache.commons.io.input.BoundedInputStream;
import org.vfioinspector.core.sysfs.HostRoot;

/**
 * Unpacks a snapshot archive (gzip-compressed tar, as written by {@link SnapshotWriter}) safely.
 *
 * <p>An archive may come from anywhere, so every entry is checked: no absolute names, no {@code ..},
 * no control characters, no links leading out of the target (a VFIO holder's fd link to
 * {@code /dev/...} is rewritten to point inside it), no hard links, devices or FIFOs, nothing written
 * through a link, and {@link Limits} on entry count and sizes. A refused or broken archive throws
 * one {@link SnapshotException} naming the problem, and what was unpacked so far is removed.
 */
public final class SnapshotReader {

    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    /** Tar overhead per entry (header, PAX header, padding) allowed on top of the content limit. */
    private static final long OVERHEAD_PER_ENTRY = 2048;
    /** Zero padding a tar writer may leave after the end-of-archive records. */
    private static final int MAX_TRAILER = 1 << 20;

    private SnapshotReader() {
    }

    /** {@link #open(Path, Limits)} with {@link Limits#DEFAULT}. */
    public static HostRoot open(Path archive) throws SnapshotException {
        return open(archive, Limits.DEFAULT);
    }

    /**
     * Unpacks {@code archive} into a new temporary directory ({@code vfio-inspector-snapshot-*}) and
     * returns it as a host root described as {@code snapshot NAME}; closing the root deletes the
     * directory (links are removed, never followed).
     */
    public static HostRoot open(Path archive, Limits limits) throws SnapshotException {
        return open(archive, limits, null);
    }

    /**
     * As {@link #open(Path, Limits)}, the temporary directory made in {@code parent} (an existing
     * directory), or in the system's temporary directory when {@code parent} is null.
     */
    public static HostRoot open(Path archive, Limits limits, Path parent) throws SnapshotException {
        Path dir;
        try {
            dir = parent == null ? Files.createTempDirectory("vfio-inspector-snapshot-")
                    : Files.createTempDirectory(parent, "vfio-inspector-snapshot-");
        } catch (IOException e) {
            throw new SnapshotException("cannot create a temporary directory for the snapshot: " + e.getMessage(), e);
        }
        try {
            unpack(archive, dir, limits);
        } catch (SnapshotException e) {
            deleteTree(dir);
            throw e;
        }
        return HostRoot.temporary(dir, "snapshot " + archive.getFileName(), () -> deleteTree(dir));
    }

    /**
     * Unpacks {@code archive} into {@code targetDir}, which must be missing (it is created; its
     * parent must exist) or an empty directory. On failure the target is removed again if this call
     * created it, and emptied otherwise.
     *
     * @throws SnapshotException with a message for the user naming the archive entry at fault
     */
    public static void unpack(Path archive, Path targetDir, Limits limits) throws SnapshotException {
        Path target = targetDir.toAbsolutePath().normalize();
        boolean created = prepare(target);
        try {
            extractAll(archive, target, limits);
        } catch (SnapshotException e) {
            cleanUp(target, created);
            throw e;
        } catch (IOException | RuntimeException e) {
            cleanUp(target, created);
            throw new SnapshotException("cannot unpack " + archive.getFileName() + ": " + reason(e), e);
        }
    }

    private static void extractAll(Path archive, Path target, Limits limits) throws IOException {
        if (!Files.isRegularFile(archive)) {
            throw new SnapshotException("no such snapshot file: " + archive);
        }
        String name = String.valueOf(archive.getFileName());
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive))) {
            if (!hasGzipMagic(raw)) {
                throw notTar(name, null);
            }
            long maxExpanded = limits.maxTotalBytes() + limits.maxEntries() * OVERHEAD_PER_ENTRY + MAX_TRAILER;
            InputStream expanded = capped(openGzip(raw, name), maxExpanded, limits);
            SafeExtractor extractor = new SafeExtractor(target, limits);
            try {
                GuardedTarInputStream tar = new GuardedTarInputStream(expanded);
                TarArchiveEntry entry;
                while ((entry = nextEntry(tar, extractor.entries() == 0, name)) != null) {
                    extractor.extract(entry, tar);
                }
                drainTrailer(expanded, name);
            } catch (EOFException e) {
                throw truncated(name, e);
            } catch (SnapshotException e) {
                throw e;
            } catch (IOException e) {
                throw new SnapshotException("archive " + name + " is corrupt: " + reason(e), e);
            }
            if (extractor.entries() == 0) {
                throw notTar(name, null);
            }
            extractor.verifyLinks();
        }
    }

    private static TarArchiveEntry nextEntry(GuardedTarInputStream tar, boolean first, String name)
            throws IOException {
        try {
            return tar.getNextEntry();
        } catch (GuardedTarInputStream.MissingEnd e) {
            throw first ? notTar(name, e) : truncated(name, e);
        } catch (SnapshotException | EOFException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            // a header that does not parse: garbage inside valid gzip, or damage further in
            throw first ? notTar(name, e) : new SnapshotException("archive " + name + " is corrupt: " + reason(e), e);
        }
    }

    private static boolean hasGzipMagic(InputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == GZIP_MAGIC_1 && b2 == GZIP_MAGIC_2;
    }

    private static InputStream openGzip(InputStream raw, String name) throws IOException {
        try {
            return new GzipCompressorInputStream(raw);
        } catch (EOFException e) {
            throw truncated(name, e);
        } catch (IOException e) {
            throw notTar(name, e);
        }
    }

    /**
     * Reads what follows the tar end so that gzip checks its CRC and length trailer; a damaged
     * or cut archive shows here even when every entry looked whole.
     */
    private static void drainTrailer(InputStream in, String name) throws IOException {
        byte[] buf = new byte[8192];
        long seen = 0;
        int n;
        while ((n = in.read(buf)) != -1) {
            seen += n;
            if (seen > MAX_TRAILER) {
                throw new SnapshotException("archive " + name + " has unexpected data after the end of the tar archive");
            }
        }
    }

    private static boolean prepare(Path target) throws SnapshotException {
        try {
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(target);
                return true;
            }
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new SnapshotException("cannot unpack into " + target + ": not a directory");
            }
            try (Stream<Path> s = Files.list(target)) {
                if (s.findAny().isPresent()) {
                    throw new SnapshotException("cannot unpack into " + target + ": the directory is not empty");
                }
            }
            return false;
        } catch (SnapshotException e) {
            throw e;
        } catch (IOException e) {
            throw new SnapshotException("cannot unpack into " + target + ": " + reason(e), e);
        }
    }

    private static void cleanUp(Path target, boolean created) {
        if (created) {
            deleteTree(target);
        } else {
            deleteContents(target);
        }
    }

    /**
     * Stops decompression past {@code max} bytes, so that a small archive that expands to gigabytes of
     * headers or padding is refused while being read. commons-io calls back once the count reaches its
     * bound, so the bound is one more than {@code max}: exactly {@code max} bytes are fine.
     */
    private static InputStream capped(InputStream in, long max, Limits limits) throws IOException {
        return BoundedInputStream.builder().setInputStream(in).setMaxCount(max + 1)
                .setOnMaxCount((bound, count) -> {
                    throw new SnapshotException("archive expands to more than " + Limits.size(max)
                            + "; a snapshot holds at most " + Limits.size(limits.maxTotalBytes()) + " of data");
                })
                .get();
    }

    /**
     * Removes an unpacked tree, best effort (a temporary directory left behind is untidy, not unsafe).
     * commons-io deletes links as links and never follows them, so a link to {@code /} inside the tree
     * cannot make this delete anything outside it.
     */
    static void deleteTree(Path dir) {
        try {
            PathUtils.delete(dir);
        } catch (IOException | RuntimeException e) {
            // best effort
        }
    }

    /** Empties {@code dir} but keeps it; best effort, links deleted as links. */
    static void deleteContents(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            entries.forEach(SnapshotReader::deleteTree);
        } catch (IOException | RuntimeException e) {
            // best effort
        }
    }

    private static SnapshotException notTar(String name, Exception cause) {
        return new SnapshotException(name + " is not a gzip-compressed tar archive", cause);
    }

    private static SnapshotException truncated(String name, Exception cause) {
        return new SnapshotException("archive " + name + " is truncated (it ends in the middle of the data)", cause);
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
