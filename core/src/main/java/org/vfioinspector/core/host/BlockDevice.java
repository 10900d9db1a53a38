package org.vfioinspector.core.host;

import java.util.List;

import org.vfioinspector.core.model.PciAddress;

/**
 * A disk below a PCI function (an NVMe namespace, a SATA/SAS disk behind an HBA), with its
 * partitions and where they (or it) are mounted or used as swap.
 */
public record BlockDevice(String name, PciAddress function, List<String> partitions, List<Mount> mounts,
                          List<String> swaps) {

    public BlockDevice {
        partitions = List.copyOf(partitions);
        mounts = List.copyOf(mounts);
        swaps = List.copyOf(swaps);
    }

    public boolean holdsRootFilesystem() {
        return mounts.stream().anyMatch(Mount::isRoot);
    }

    public boolean inUse() {
        return !mounts.isEmpty() || !swaps.isEmpty();
    }
}
