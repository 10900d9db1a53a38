package org.vfioinspector.core.snapshot;

import java.nio.file.Files;
import java.nio.file.Path;
import org.vfioinspector.core.sysfs.HostRoot;

/** Opens what {@code --root} names: a directory laid out like {@code /}, or a snapshot archive. */
public final class HostRoots {

    private HostRoots() {
    }

    /**
     * A directory gives {@link HostRoot#of}; a regular file is unpacked with
     * {@link SnapshotReader#open(Path)} (close the result to remove the unpacked copy).
     *
     * @throws SnapshotException when {@code p} does not exist, is neither, or the archive is refused
     */
    public static HostRoot open(Path p) throws SnapshotException {
        if (Files.isDirectory(p)) {
            return HostRoot.of(p);
        }
        if (Files.isRegularFile(p)) {
            return SnapshotReader.open(p);
        }
        if (!Files.exists(p)) {
            throw new SnapshotException("no such file or directory: " + p);
        }
        throw new SnapshotException("not a directory or a snapshot archive: " + p);
    }
}
