package org.vfioinspector.core.host;

import java.nio.file.Files;
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
        var disks = BlockDeviceReader.readTraced(root, t, notes);
        var interfaces = NetInterfaceReader.read(root, t, notes);
        boolean mountsKnown = disks.traced() && mountsReadable(root);
        boolean routesKnown = routesReadable(root);
        // no note here: the readers already note what they missed where it mattered; the flags say the rest
        return new HostImpact(disks.byFunction(), interfaces, drmCards(root, t), notes, mountsKnown, routesKnown);
    }

    /**
     * True when the root shows every place a disk can be in use: the block devices, a mount table
     * ({@code proc/self/mountinfo} or {@code proc/mounts}, as {@link BlockDeviceReader} reads them) and
     * {@code proc/swaps}. A snapshot without {@code proc} shows none of them.
     */
    static boolean mountsReadable(HostRoot root) {
        return Files.isDirectory(root.resolve("sys/block"))
                && (HostRoot.readText(root.resolve("proc/self/mountinfo")).isPresent()
                        || HostRoot.readText(root.resolve("proc/mounts")).isPresent())
                && HostRoot.readText(root.resolve("proc/swaps")).isPresent();
    }

    /** True when the root shows the interfaces and the IPv4 routing table (IPv6's is absent when IPv6 is off). */
    static boolean routesReadable(HostRoot root) {
        return Files.isDirectory(root.resolve("sys/class/net"))
                && HostRoot.readText(root.resolve("proc/net/route")).isPresent();
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
