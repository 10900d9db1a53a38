package org.vfioinspector.core.vfio;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsNames;

/**
 * Which drivers leave an IOMMU group viable for VFIO. Since Linux 5.19 a group is viable when every
 * bound driver declares {@code driver_managed_dma}: vfio-pci and its variant drivers, pci-stub, and
 * pcieport (which is why a switch port sharing an endpoint's group does not spoil it, as seen in the lab).
 * Any other driver is a host driver that makes the group not viable.
 */
public final class ViableDrivers {

    private static final Set<String> ALLOWED = Set.of("vfio-pci", "pci-stub", "pcieport");

    private ViableDrivers() {
    }

    /** True when a function bound to {@code driver} keeps its group viable. */
    public static boolean allowed(String driver) {
        return ALLOWED.contains(driver) || driver.endsWith("-vfio-pci") || driver.endsWith("_vfio_pci");
    }

    /**
     * The members of IOMMU group {@code group} bound to a host driver, as {@code "0000:07:00.1 (e1000e)"},
     * read fresh from {@code sys/kernel/iommu_groups/N/devices} and each function's {@code driver} link.
     */
    public static List<String> hostDriversInGroup(HostRoot root, int group) {
        List<String> out = new ArrayList<>();
        for (var entry : HostRoot.list(root.resolve(SysfsNames.IOMMU_GROUPS + "/" + group + "/" + SysfsNames.GROUP_DEVICES))) {
            PciAddress a = PciAddress.tryParse(entry.getFileName().toString());
            if (a == null) {
                continue;
            }
            Optional<String> driver = HostRoot.linkName(root.resolve(SysfsNames.functionFile(a, SysfsNames.DRIVER)));
            driver.filter(d -> !allowed(d)).ifPresent(d -> out.add(a + " (" + d + ")"));
        }
        return out;
    }
}
