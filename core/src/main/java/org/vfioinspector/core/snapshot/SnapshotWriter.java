package org.vfioinspector.core.snapshot;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.vfioinspector.core.sysfs.HostRoot;

/**
 * Writes a snapshot: a gzip-compressed tar of what VFIO Inspector reads from a host, so that it can
 * be inspected on another machine with {@code --root FILE.tar.gz}. Paths in the archive are relative
 * to the host root ({@code sys/...}, {@code proc/...}); symbolic links stay links with their targets
 * verbatim, so the unpacked tree looks like the real {@code /sys} and {@code /proc}.
 *
 * <p>Only a whitelist of files is read (see {@code SysCapture} and {@code ProcCapture}); nothing is
 * ever written to the source. Items that cannot be read are skipped and explained in the result's
 * notes. The archive is written to a temporary file next to {@code out} and moved into place, so a
 * failed write never leaves a half archive under the requested name.
 */
public final class SnapshotWriter {

    /** Name of the description file at the root of every snapshot. */
    public static final String INFO_FILE = org.vfioinspector.core.sysfs.SysfsNames.SNAPSHOT_INFO;

    private final String toolVersion;
    private final Clock clock;

    /** @param toolVersion recorded in {@value #INFO_FILE} */
    public SnapshotWriter(String toolVersion) {
        this(toolVersion, Clock.systemUTC());
    }

    public SnapshotWriter(String toolVersion, Clock clock) {
        this.toolVersion = Objects.requireNonNull(toolVersion, "toolVersion");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Captures {@code source} into {@code out} (replaced if it exists; its directory must exist).
     *
     * @throws IOException when the archive cannot be written ({@link SnapshotException} for a bad
     *                     {@code out}); read problems on the source are notes in the result
     */
    public SnapshotResult write(HostRoot source, Path out) throws IOException {
        Instant now = clock.instant();
        CapturedTree tree = new CapturedTree();
        new SysCapture(source.path(), tree).capture();
        new ProcCapture(source.path(), tree).capture();
        tree.file(INFO_FILE, info(source, now).getBytes(StandardCharsets.UTF_8));

        Path target = out.toAbsolutePath().normalize();
        Path dir = target.getParent();
        if (!Files.isDirectory(dir)) {
            throw new SnapshotException("cannot write " + target + ": no such directory " + dir);
        }
        if (Files.isDirectory(target)) {
            throw new SnapshotException("cannot write " + target + ": it is a directory");
        }
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
        try {
            SnapshotResult result = writeTar(tree, temp, target, now);
            // a normal file's permissions, not createTempFile's 0600, so a snapshot taken with sudo
            // can still be read by the user who asked for it
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep what createTempFile gave
            }
            move(temp, target);
            return result;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static SnapshotResult writeTar(CapturedTree tree, Path temp, Path target, Instant now)
            throws IOException {
        int files = 0;
        int links = 0;
        int dirs = 0;
        long bytes = 0;
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temp));
             GzipCompressorOutputStream gz = new GzipCompressorOutputStream(file);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz, "UTF-8")) {
            // sysfs paths are far longer than ustar's 100 bytes
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            FileTime mtime = FileTime.from(now);
            for (Map.Entry<String, CapturedTree.Item> e : tree.items().entrySet()) {
                TarArchiveEntry entry;
                byte[] data = null;
                CapturedTree.Item item = e.getValue();
                if (item instanceof CapturedTree.Link l) {
                    entry = new TarArchiveEntry(e.getKey(), TarConstants.LF_SYMLINK);
                    entry.setLinkName(l.target());
                    entry.setMode(0120777);
                    links++;
                } else if (item instanceof CapturedTree.File f) {
                    entry = new TarArchiveEntry(e.getKey());
                    entry.setMode(0100644);
                    entry.setSize(f.data().length);
                    data = f.data();
                    files++;
                    bytes += data.length;
                } else {
                    entry = new TarArchiveEntry(e.getKey() + "/");
                    entry.setMode(0040755);
                    dirs++;
                }
                entry.setLastModifiedTime(mtime);
                tar.putArchiveEntry(entry);
                if (data != null) {
                    tar.write(data);
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        return new SnapshotResult(target, files, links, dirs, bytes, tree.skipped(), tree.notes());
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private String info(HostRoot source, Instant now) {
        return "VFIO Inspector snapshot\n"
                + "format: 1\n"
                + "tool-version: " + toolVersion + "\n"
                + "created: " + now + "\n"
                + "source: " + source.description() + "\n";
    }
}
