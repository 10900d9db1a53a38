package org.vfioinspector.core.reset;

import java.util.List;

import org.vfioinspector.core.host.BlockDevice;
import org.vfioinspector.core.host.HostImpact;
import org.vfioinspector.core.host.NetInterface;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;

/**
 * What the host loses on one function — its disks, interfaces and displays — as blockers (the root
 * filesystem) and warnings, either because the function is reset or because it must leave its host
 * driver so that VFIO may use its IOMMU group. The same checks for both: the host loses the same things.
 */
final class HostUse {

    private HostUse() {
    }

    /** The function is reset. */
    static void ofReset(PciDevice d, HostImpact impact, List<Finding> blockers, List<Finding> warnings) {
        check(d, impact, null, blockers, warnings);
    }

    /** The function must leave its host driver before VFIO can use {@code group}. */
    static void ofLeavingHost(PciDevice d, int group, HostImpact impact, List<Finding> blockers, List<Finding> warnings) {
        check(d, impact, d.address() + " must leave its driver " + d.driver().orElse("?") + " before VFIO can use IOMMU group "
                + group, blockers, warnings);
    }

    /** {@code leaving} is null for a reset, else the sentence saying why the function leaves the host. */
    private static void check(PciDevice d, HostImpact impact, String leaving, List<Finding> blockers,
                              List<Finding> warnings) {
        PciAddress a = d.address();
        String and = leaving == null ? "" : ", and " + leaving;
        for (BlockDevice disk : impact.disksOf(a)) {
            String on = "/dev/" + disk.name() + " on " + a;
            if (disk.holdsRootFilesystem()) {
                blockers.add(Finding.of("ROOT_FILESYSTEM", a, on + " holds this host's root filesystem" + and
                        + (leaving == null ? ": resetting it would take the system down." : ": that would take the system down.")));
            }
            List<String> points = disk.mounts().stream().filter(m -> !m.isRoot()).map(m -> m.mountPoint()).toList();
            if (!points.isEmpty()) {
                warnings.add(Finding.of("MOUNTED", a, on + " is mounted at " + String.join(", ", points) + and
                        + ": unmount it first, or its data may be lost."));
            }
            if (!disk.swaps().isEmpty()) {
                warnings.add(Finding.of("SWAP", a, on + " holds active swap (" + String.join(", ", disk.swaps()) + ")"
                        + and + ": swapoff first."));
            }
        }
        for (NetInterface n : impact.interfacesOf(a)) {
            if (n.defaultRoute()) {
                warnings.add(Finding.of("DEFAULT_ROUTE", a, n.name() + " on " + a + " carries the default route" + and
                        + ": it is likely your own ssh session; the host loses its network"
                        + (leaving == null ? " during the reset." : ".")));
            } else if (n.isUp()) {
                warnings.add(Finding.of("NIC_UP", a, n.name() + " on " + a + " is up"
                        + (n.addresses().isEmpty() ? "" : " with " + String.join(", ", n.addresses())) + and
                        + (leaving == null ? ": its traffic stops during the reset." : ": the host loses that interface.")));
            }
        }
        List<String> cards = impact.drmCardsOf(a);
        if (d.bootVga().orElse(false)) {
            warnings.add(Finding.of("DISPLAY", a, a + " is the boot VGA device" + and + ": the host console goes dark"
                    + (leaving == null ? ", and some GPUs do not come back without a reboot." : ".")));
        } else if (!cards.isEmpty()) {
            warnings.add(Finding.of("DISPLAY", a, a + " drives " + String.join(", ", cards) + and
                    + (leaving == null ? ": displays on it go dark during the reset." : ": displays on it go dark.")));
        }
    }
}
