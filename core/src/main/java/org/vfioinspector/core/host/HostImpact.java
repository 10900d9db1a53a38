package org.vfioinspector.core.host;

import java.util.List;
import java.util.Map;

import org.vfioinspector.core.model.PciAddress;

/**
 * What the host uses below each PCI function: disks and their mounts and swap, network
 * interfaces and routes, DRM cards (displays).
 */
public record HostImpact(Map<PciAddress, List<BlockDevice>> disks, Map<PciAddress, List<NetInterface>> interfaces,
                         Map<PciAddress, List<String>> drmCards, List<String> notes) {

    public static final HostImpact NONE = new HostImpact(Map.of(), Map.of(), Map.of(), List.of());

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
