package org.vfioinspector.core.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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

    /** Unpacks the demo into a temporary directory; closing the root removes it. */
    public static HostRoot open() {
        try (InputStream in = DemoHost.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the demo topology is missing from this build (" + RESOURCE + ")");
            }
            Path tmp = Files.createTempFile("vfio-inspector-demo-", ".tar.gz");
            try {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                HostRoot unpacked = SnapshotReader.open(tmp);
                return HostRoot.temporary(unpacked.path(), "demo topology", unpacked::close);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the demo topology", e);
        }
    }
}
