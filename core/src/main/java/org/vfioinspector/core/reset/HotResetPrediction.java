package org.vfioinspector.core.reset;

import java.util.List;
import java.util.Optional;

import org.vfioinspector.core.model.PciAddress;

/**
 * What a VFIO PCI hot reset of {@code device} would do, predicted from sysfs with the kernel's
 * rules (drivers/vfio/pci/vfio_pci_core.c, drivers/pci/pci.c).
 *
 * @param possible       the kernel offers a slot or bus reset (GET_PCI_HOT_RESET_INFO would not fail with ENODEV)
 * @param scope          slot or bus when possible
 * @param resetBridge    the bridge whose secondary bus (or slot) is reset
 * @param affected       every function the reset reaches, the device itself included, sorted; when
 *                       not possible, the set the kernel considered (just the device on a root bus)
 * @param groups         the IOMMU groups of the affected functions, ascending
 * @param withoutGroup   affected functions that have no IOMMU group (INFO fails with EPERM)
 * @param reason         one sentence: why this scope, or why no hot reset
 * @param reasonCode     a stable code for the reason ({@code SLOT}, {@code BUS}, {@code ROOT_BUS},
 *                       {@code NO_BUS_RESET_QUIRK}, {@code RESET_DISABLED}, {@code VIRTUAL_BUS}, {@code UNKNOWN_DEVICE})
 */
public record HotResetPrediction(PciAddress device, boolean possible, Optional<HotResetScope> scope,
                                 Optional<PciAddress> resetBridge, List<PciAddress> affected,
                                 List<Integer> groups, List<PciAddress> withoutGroup,
                                 String reason, String reasonCode) {

    public HotResetPrediction {
        affected = List.copyOf(affected);
        groups = List.copyOf(groups);
        withoutGroup = List.copyOf(withoutGroup);
    }
}
