package org.vfioinspector.core.host;

import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.sysfs.HostRoot;

/** Reads the whole {@link HostState}: VFIO holders and what the host uses below each function. */
public final class HostStateReader {

    private HostStateReader() {
    }

    /** Reads holders and host impact for the functions of {@code t}; fail-soft, problems are in their notes. */
    public static HostState read(HostRoot root, Topology t) {
        return new HostState(HolderScanner.read(root, t), HostImpactReader.read(root, t));
    }
}
