package org.vfioinspector.core.snapshot;

import static org.vfioinspector.core.snapshot.EntryRules.printable;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes tar entries into a fresh directory without ever writing outside it.
 *
 * <ul>
 *   <li>Names are checked by {@link EntryRules}; parents are created one by one and each must be a
 *       real directory (a link as parent is refused, never followed).</li>
 *   <li>Files are created with {@code CREATE_NEW} and {@code NOFOLLOW_LINKS}: an existing link or
 *       file at the path is never written through or replaced. A name seen twice is refused, except
 *       a directory repeated or created earlier as a parent.</li>
 *   <li>Only regular files, directories and symbolic links are accepted. Hard links are refused:
 *       a snapshot never needs them, and refusing them is simpler than proving each one safe.
 *       Device files and FIFOs are refused (tar has no sockets).</li>
 *   <li>Sizes are checked against {@link Limits} from the header, before content is read, and again
 *       while copying.</li>
 * </ul>
 * Links are checked when written (by name) and again with {@link #verifyLinks()} once everything
 * is on disk (by resolving through other links).
 */
final class SafeExtractor {

    private final Path root;
    private final Limits limits;
    private final List<List<String>> links = new ArrayList<>();
    private final byte[] buffer = new byte[16 * 1024];
    private int entries;
    private long total;

    SafeExtractor(Path root, Limits limits) {
        this.root = root;
        this.limits = limits;
    }

    int entries() {
        return entries;
    }

    /** Writes one entry; {@code content} delivers exactly the entry's bytes. */
    void extract(TarArchiveEntry entry, InputStream content) throws IOException {
        String name = entry.getName();
        if (++entries > limits.maxEntries()) {
            throw new SnapshotException("archive has more than " + limits.maxEntries() + " entries; "
                    + "a snapshot never has that many");
        }
        checkSize(entry, name);
        if (entry.isGlobalPaxHeader()) {
            return; // defaults for later headers, already applied by the tar reader
        }
        List<String> path = EntryRules.components(name);
        refuseSpecial(entry, name);
        if (path.isEmpty()) {
            if (entry.isDirectory()) {
                return; // "./": the root itself
            }
            throw new SnapshotException("archive entry has an empty name: " + printable(name));
        }
        Path target = resolve(path, name);
        makeParents(path, name);
        if (entry.isSymbolicLink()) {
            String linkTarget = EntryRules.linkTarget(path, name, entry.getLinkName());
            try {
                Files.createSymbolicLink(target, Path.of(linkTarget));
            } catch (FileAlreadyExistsException e) {
                throw duplicate(name);
            }
            links.add(path);
        } else if (entry.isDirectory()) {
            directory(target, name);
        } else {
            file(target, name, content);
        }
    }

    /** Refuses the archive when a link resolves out of the root or loops, now that all links exist. */
    void verifyLinks() throws IOException {
        for (List<String> link : links) {
            LinkConfinement.Result r = LinkConfinement.resolve(root, link);
            if (r != LinkConfinement.Result.INSIDE) {
                String name = String.join("/", link);
                throw new SnapshotException("symbolic link " + printable(name)
                        + (r == LinkConfinement.Result.LOOP ? " is part of a link loop"
                        : " leads outside the snapshot through other links"));
            }
        }
    }

    private void checkSize(TarArchiveEntry entry, String name) throws SnapshotException {
        long size = entry.getSize();
        if (size < 0 || size > limits.maxFileBytes()) {
            throw new SnapshotException("archive entry " + printable(name) + " claims " + Limits.size(size)
                    + ", more than the " + Limits.size(limits.maxFileBytes()) + " a snapshot file may have");
        }
        if (total + size > limits.maxTotalBytes()) {
            throw new SnapshotException("archive holds more than " + Limits.size(limits.maxTotalBytes())
                    + " of data (at " + printable(name) + ")");
        }
    }

    private static void refuseSpecial(TarArchiveEntry entry, String name) throws SnapshotException {
        String what = null;
        if (entry.isSymbolicLink()) {
            return;
        } else if (entry.isLink()) {
            what = "a hard link (to " + printable(entry.getLinkName()) + "); snapshots use only symbolic links";
        } else if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            what = "a device file";
        } else if (entry.isFIFO()) {
            what = "a FIFO";
        } else if (entry.isSparse()) {
            what = "a sparse file";
        } else if (!entry.isDirectory() && !isRegularType(entry.getLinkFlag())) {
            what = "of unsupported type '" + printable(String.valueOf((char) entry.getLinkFlag())) + "'";
        }
        if (what != null) {
            throw new SnapshotException("archive entry " + printable(name) + " is " + what);
        }
    }

    private static boolean isRegularType(byte flag) {
        return flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM
                || flag == TarConstants.LF_CONTIG;
    }

    private Path resolve(List<String> path, String name) throws SnapshotException {
        Path p = root;
        for (String c : path) {
            p = p.resolve(c);
        }
        // the components were checked already; this guards against a path class surprise
        if (!p.normalize().startsWith(root) || p.equals(root)) {
            throw new SnapshotException("archive entry " + printable(name) + " resolves outside the snapshot");
        }
        return p;
    }

    /** Creates missing parents; an existing parent must be a real directory, never a link. */
    private void makeParents(List<String> path, String name) throws IOException {
        Path p = root;
        for (int i = 0; i < path.size() - 1; i++) {
            p = p.resolve(path.get(i));
            BasicFileAttributes a = attributes(p);
            if (a == null) {
                Files.createDirectory(p);
            } else if (a.isSymbolicLink()) {
                throw new SnapshotException("archive entry " + printable(name)
                        + " would be written through the symbolic link " + printable(root.relativize(p).toString()));
            } else if (!a.isDirectory()) {
                throw new SnapshotException("archive entry " + printable(name) + " is inside "
                        + printable(root.relativize(p).toString()) + ", which is not a directory");
            }
        }
    }

    private void directory(Path target, String name) throws IOException {
        BasicFileAttributes a = attributes(target);
        if (a == null) {
            Files.createDirectory(target);
        } else if (!a.isDirectory() || a.isSymbolicLink()) {
            throw duplicate(name);
        }
    }

    private void file(Path target, String name, InputStream content) throws IOException {
        long copied = 0;
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            int n;
            while ((n = content.read(buffer)) != -1) {
                copied += n;
                if (copied > limits.maxFileBytes() || total + copied > limits.maxTotalBytes()) {
                    throw new SnapshotException("archive entry " + printable(name) + " is larger than its header says");
                }
                out.write(buffer, 0, n);
            }
        } catch (FileAlreadyExistsException e) {
            throw duplicate(name);
        }
        total += copied;
    }

    private static SnapshotException duplicate(String name) {
        return new SnapshotException("archive contains " + printable(name) + " twice");
    }

    private static BasicFileAttributes attributes(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
