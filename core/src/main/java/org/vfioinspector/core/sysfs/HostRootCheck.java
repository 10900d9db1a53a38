package org.vfioinspector.core.sysfs;

import java.nio.file.Files;
import java.util.Optional;

/**
 * Whether a directory given as a host root is one at all. A host root holds {@code sys/} like
 * {@code /} does (a host without PCI functions still has it); {@code /sys} itself, an empty folder or
 * an unrelated archive has none, and reading it would only say "no PCI functions found", which reads
 * like a fact about a host.
 */
public final class HostRootCheck {

    private HostRootCheck() {
    }

    /** Why {@code root} (named {@code given} by the user) is not a host root; empty when it is one. */
    public static Optional<String> problem(HostRoot root, String given) {
        if (Files.isDirectory(root.resolve("sys"))) {
            return Optional.empty();
        }
        if (Files.isDirectory(root.resolve("bus/pci")) || Files.isDirectory(root.resolve("kernel/iommu_groups"))
                || Files.isDirectory(root.resolve("devices/system"))) {
            return Optional.of(given + " looks like a sysfs mount itself: --root takes the directory that holds "
                    + "sys/ (and proc/), e.g. '/' for this host, or a snapshot made by 'vfio-inspector snapshot'.");
        }
        return Optional.of(given + " is not a host root: expected a directory laid out like / with "
                + "sys/bus/pci/devices (and proc/ for holders and mounts), or a snapshot archive made by "
                + "'vfio-inspector snapshot'; it has no sys/ folder.");
    }
}
