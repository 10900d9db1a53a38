package org.vfioinspector.core.compare;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.vfioinspector.core.audit.HostName;
import org.vfioinspector.core.health.HostHealth;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.sysfs.HostRoot;

/**
 * One side of a comparison: a host as read (its topology and link health), what names it, its host name
 * when the capture shows one, and the serial numbers of the functions that report one.
 *
 * @param label    how the user named the side ({@code live}, a path, a host)
 * @param hostName {@code proc/sys/kernel/hostname}, when readable
 * @param serials  per function, the PCIe Device Serial Number or the VPD serial ({@link Serials})
 */
public record Side(String label, Topology topology, HostHealth health, Optional<String> hostName,
                   Map<PciAddress, String> serials) {

    public Side {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(hostName, "hostName");
        serials = Map.copyOf(serials);
    }

    /** A side read from an opened host root whose topology and health were read already. */
    public static Side of(String label, HostRoot root, Topology topology, HostHealth health) {
        return new Side(label, topology, health, HostName.of(root), Serials.read(root, topology));
    }

    /** The serial number of a function, when its side shows one. */
    public Optional<String> serial(PciAddress a) {
        return Optional.ofNullable(serials.get(a));
    }
}
