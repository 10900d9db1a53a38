package org.vfioinspector.core.reset;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.vfioinspector.core.host.BlockDevice;
import org.vfioinspector.core.host.HostImpact;
import org.vfioinspector.core.host.HostState;
import org.vfioinspector.core.host.Mount;
import org.vfioinspector.core.host.NetInterface;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;

/**
 * What binding functions to vfio-pci would take from the host itself: taking a function from its driver
 * detaches its disks and interfaces at once, so a bind of the disk holding {@code /}, a mounted
 * filesystem, active swap, or the interface with the default route (the engineer's own ssh) is refused
 * unless the user names the risk. Where the host root cannot show mounts or routes, that is a finding
 * too: unknown is never safe.
 */
public final class BindSafety {

    public static final String ROOT_FILESYSTEM = "ROOT_FILESYSTEM";
    public static final String MOUNTED = "MOUNTED";
    public static final String SWAP = "SWAP";
    public static final String DEFAULT_ROUTE = "DEFAULT_ROUTE";
    public static final String MOUNTS_UNKNOWN = "MOUNTS_UNKNOWN";
    public static final String ROUTES_UNKNOWN = "ROUTES_UNKNOWN";

    /** PCI base classes whose functions can carry disks: mass storage, and serial buses (USB, Thunderbolt). */
    private static final int CLASS_STORAGE = 0x01;
    private static final int CLASS_SERIAL_BUS = 0x0c;
    private static final int CLASS_NETWORK = 0x02;

    private BindSafety() {
    }

    /**
     * The risks of binding {@code functions} to vfio-pci, in address order: per function at most one of
     * ROOT_FILESYSTEM or MOUNTED, then SWAP, DEFAULT_ROUTE, and MOUNTS_UNKNOWN / ROUTES_UNKNOWN where the
     * host root cannot tell for a function that has (or by its class could have) disks or interfaces.
     * Empty means a bind detaches nothing the host is seen to need.
     */
    public static List<Finding> risks(Collection<PciAddress> functions, Topology t, HostState host) {
        HostImpact impact = host.impact();
        List<Finding> out = new ArrayList<>();
        for (PciAddress a : functions.stream().sorted().distinct().toList()) {
            if (!t.contains(a)) {
                continue; // no such function: nothing of the host's below it (binding it is refused anyway)
            }
            List<BlockDevice> disks = impact.disksOf(a);
            List<NetInterface> ifaces = impact.interfacesOf(a);
            disks(a, disks, out);
            routes(a, ifaces, out);
            int baseClass = t.device(a).flatMap(BindSafety::baseClass).orElse(-1);
            if (!impact.mountsKnown() && (!disks.isEmpty() || baseClass == CLASS_STORAGE || baseClass == CLASS_SERIAL_BUS
                    || baseClass < 0)) {
                out.add(Finding.of(MOUNTS_UNKNOWN, a, "Whether " + a + "'s disks are mounted or hold swap cannot be "
                        + "seen from this host root (no sys/block, mount table or proc/swaps, e.g. in a snapshot)."));
            }
            if (!impact.routesKnown() && (!ifaces.isEmpty() || baseClass == CLASS_NETWORK || baseClass < 0)) {
                out.add(Finding.of(ROUTES_UNKNOWN, a, "Whether " + a + "'s network interfaces carry the default route "
                        + "cannot be seen from this host root (no sys/class/net or proc/net/route)."));
            }
        }
        return out;
    }

    /** True for the codes that say "cannot be known" rather than "is in use". */
    public static boolean isUnknown(Finding f) {
        return f.code().equals(MOUNTS_UNKNOWN) || f.code().equals(ROUTES_UNKNOWN);
    }

    private static void disks(PciAddress a, List<BlockDevice> disks, List<Finding> out) {
        List<BlockDevice> root = disks.stream().filter(BlockDevice::holdsRootFilesystem).toList();
        List<Mount> mounts = disks.stream().flatMap(d -> d.mounts().stream()).toList();
        if (!root.isEmpty()) {
            out.add(Finding.of(ROOT_FILESYSTEM, a, a + " holds the root filesystem (/ on " + root.get(0).name()
                    + "): binding it to vfio-pci takes the running system's own disk away."));
        } else if (!mounts.isEmpty()) {
            out.add(Finding.of(MOUNTED, a, a + " has mounted filesystems (" + describe(mounts)
                    + "): binding it to vfio-pci detaches them under whatever uses them."));
        }
        List<String> swaps = disks.stream().flatMap(d -> d.swaps().stream()).distinct().toList();
        if (!swaps.isEmpty()) {
            out.add(Finding.of(SWAP, a, a + " holds active swap (" + String.join(", ", swaps)
                    + "): binding it to vfio-pci pulls swapped-out memory away."));
        }
    }

    private static void routes(PciAddress a, List<NetInterface> ifaces, List<Finding> out) {
        List<String> route = ifaces.stream().filter(NetInterface::defaultRoute).map(NetInterface::name).toList();
        if (!route.isEmpty()) {
            out.add(Finding.of(DEFAULT_ROUTE, a, a + " carries the default route (" + String.join(", ", route)
                    + "): binding it to vfio-pci cuts the host's network, likely your own ssh session."));
        }
    }

    private static String describe(List<Mount> mounts) {
        String shown = mounts.stream().limit(3).map(m -> m.mountPoint() + " from " + m.source())
                .collect(Collectors.joining(", "));
        return mounts.size() > 3 ? shown + " and " + (mounts.size() - 3) + " more" : shown;
    }

    private static Optional<Integer> baseClass(PciDevice d) {
        return d.classCode().isPresent() ? Optional.of(d.classCode().getAsInt() >> 16) : Optional.empty();
    }
}
