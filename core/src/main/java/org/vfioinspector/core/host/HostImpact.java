package org.vfioinspector.core.host;

import java.util.List;
import java.util.Map;

import org.vfioinspector.core.model.PciAddress;

/**
 * What the host uses below each PCI function: disks and their mounts and swap, network
 * interfaces and routes, DRM cards (displays).
 *
 * @param mountsKnown false when the host root could not show which disks are mounted or hold swap
 *                    (no {@code sys/block}, no mount table, no {@code proc/swaps}, or stacked devices that
 *                    could not be traced to their disks): then "no mount" means unknown, never "free"
 * @param routesKnown false when it could not show which interface carries the default route (no
 *                    {@code sys/class/net} or no {@code proc/net/route})
 */
public record HostImpact(Map<PciAddress, List<BlockDevice>> disks, Map<PciAddress, List<NetInterface>> interfaces,
                         Map<PciAddress, List<String>> drmCards, List<String> notes, boolean mountsKnown,
                         boolean routesKnown) {

    /** Nothing read and nothing claimed: for callers that leave the host out on purpose (tests, demos). */
    public static final HostImpact NONE = new HostImpact(Map.of(), Map.of(), Map.of(), List.of());

    /** An impact whose mounts and routes were fully read (what hand-built fixtures describe). */
    public HostImpact(Map<PciAddress, List<BlockDevice>> disks, Map<PciAddress, List<NetInterface>> interfaces,
                      Map<PciAddress, List<String>> drmCards, List<String> notes) {
        this(disks, interfaces, drmCards, notes, true, true);
    }

    public HostImpact {
        disks = Map.copyOf(disks);
        interfaces = Map.copyOf(interfaces);
        drmCards = Map.copyOf(drmCards);
        notes = List.copyOf(notes);
    }

    public List<BlockDevice> disksOf(PciAddress a) {
        return disks.getOrDefault(a, List.of());
    }

    public List<NetInterface> interfacesOf(PciAddress a) {
        return interfaces.getOrDefault(a, List.of());
    }

    public List<String> drmCardsOf(PciAddress a) {
        return drmCards.getOrDefault(a, List.of());
    }
}
