package org.vfioinspector.core.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.vfioinspector.core.snapshot.Limits;
import org.vfioinspector.core.snapshot.SnapshotReader;
import org.vfioinspector.core.sysfs.HostRoot;

/**
 * The bundled demo server: a snapshot produced by the project's own fixture builder
 * ({@code DemoTopology} in core's tests) and shipped as a resource. Two PCI domains and a VMD
 * domain, root ports, a switch with and one without ACS, GPUs with audio functions, a dual-port
 * NIC with SR-IOV VFs, NVMe, a conventional PCI bridge with two devices, root-bus integrated
 * devices, and a VM holding a GPU group.
 */
public final class DemoHost {

    public static final String RESOURCE = "/org/vfioinspector/core/demo/demo-host.tar.gz";

    private DemoHost() {
    }

    /**
     * Unpacks the demo into a temporary directory; closing the root removes it. The directory is made in the
     * user's runtime directory ({@code $XDG_RUNTIME_DIR}: the user's own, in memory on a systemd host) when
     * that is usable, else in the system's temporary directory: the demo is a thousand small files, and on
     * an ext4 {@code /tmp} that has seen many files deleted, creating them took a second of system time
     * (BENCHMARKS.md, run 11).
     */
    public static HostRoot open() {
        return open(scratch(System.getenv("XDG_RUNTIME_DIR")));
    }

    /** As {@link #open()}, unpacked in {@code scratch}, or in the system's temporary directory when it is null or fails. */
    static HostRoot open(Path scratch) {
        try (InputStream in = DemoHost.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the demo topology is missing from this build (" + RESOURCE + ")");
            }
            byte[] archive = in.readAllBytes();
            if (scratch != null) {
                try {
                    return unpack(archive, scratch);
                } catch (IOException e) {
                    // full, or gone meanwhile: the system's temporary directory, as without one
                }
            }
            return unpack(archive, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the demo topology", e);
        }
    }

    private static HostRoot unpack(byte[] archive, Path parent) throws IOException {
        Path tmp = parent == null ? Files.createTempFile("vfio-inspector-demo-", ".tar.gz")
                : Files.createTempFile(parent, "vfio-inspector-demo-", ".tar.gz");
        try {
            Files.write(tmp, archive);
            HostRoot unpacked = SnapshotReader.open(tmp, Limits.DEFAULT, parent);
            return HostRoot.temporary(unpacked.path(), "demo topology", unpacked::close);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * {@code runtimeDir} when it names a directory the demo may be unpacked in: an absolute path to an
     * existing directory (not a link) of this user's that this process can write; else null.
     */
    static Path scratch(String runtimeDir) {
        if (runtimeDir == null || runtimeDir.isEmpty()) {
            return null;
        }
        try {
            Path p = Path.of(runtimeDir);
            if (!p.isAbsolute() || !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) || !Files.isWritable(p)) {
                return null;
            }
            return Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))
                    ? p : null;
        } catch (InvalidPathException | IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }
}
