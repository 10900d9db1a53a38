package org.vfioinspector.core.host;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.sysfs.HostRoot;

/**
 * Reads what the host uses below each PCI function: disks with their partitions, mounts and swap,
 * network interfaces with state, addresses and default routes, and DRM cards. Every class device
 * is mapped to a function through its sysfs path ({@link SysfsPaths#owningFunction}).
 */
public final class HostImpactReader {

    private HostImpactReader() {
    }

    /** Reads the root's sysfs and proc tables; never throws for missing or malformed files (see notes). */
    public static HostImpact read(HostRoot root, Topology t) {
        List<String> notes = new ArrayList<>();
        var disks = BlockDeviceReader.read(root, t, notes);
        var interfaces = NetInterfaceReader.read(root, t, notes);
        return new HostImpact(disks, interfaces, drmCards(root, t), notes);
    }

    /** {@code sys/class/drm/cardN} (not connectors such as {@code card0-HDMI-A-1}, not {@code renderD128}). */
    static Map<PciAddress, List<String>> drmCards(HostRoot root, Topology t) {
        Map<PciAddress, List<String>> out = new TreeMap<>();
        for (Path entry : HostRoot.list(root.resolve("sys/class/drm"))) {
            String name = entry.getFileName().toString();
            if (!name.matches("card[0-9]{1,6}")) {
                continue;
            }
            SysfsPaths.resolveLink(root, entry).map(root::hostPath)
                    .flatMap(p -> SysfsPaths.owningFunction(p, t))
                    .ifPresent(a -> out.computeIfAbsent(a, k -> new ArrayList<>()).add(name));
        }
        return out;
    }
}
