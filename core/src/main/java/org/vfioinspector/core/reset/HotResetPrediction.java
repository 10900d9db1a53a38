package org.vfioinspector.core.reset;

import java.util.List;
import java.util.Optional;

import org.vfioinspector.core.model.PciAddress;

/**
 * What a VFIO PCI hot reset of {@code device} would do, predicted from sysfs with the kernel's
 * rules (drivers/vfio/pci/vfio_pci_core.c, drivers/pci/pci.c).
 *
 * @param possible       the kernel offers a slot or bus reset (GET_PCI_HOT_RESET_INFO would not fail with ENODEV);
 *                       false also when that cannot be known ({@link #possibleKnown()} is then false): read
 *                       {@link #possibility()} where "unknown" must not look like "impossible"
 * @param scope          slot or bus when possible
 * @param resetBridge    the bridge whose secondary bus (or slot) is reset
 * @param affected       every function the reset reaches, the device itself included, sorted; when
 *                       not possible, the set the kernel considered (just the device on a root bus); when
 *                       unknown, the least the reset would reach
 * @param groups         the IOMMU groups of the affected functions, ascending
 * @param withoutGroup   affected functions that have no IOMMU group (INFO fails with EPERM)
 * @param reason         one sentence: why this scope, or why no hot reset
 * @param reasonCode     a stable code for the reason ({@code SLOT}, {@code BUS}, {@code ROOT_BUS},
 *                       {@code NO_BUS_RESET_QUIRK}, {@code RESET_DISABLED}, {@code VIRTUAL_BUS}, {@code UNKNOWN_DEVICE},
 *                       {@code PARENT_UNKNOWN}: the upstream bridge was not captured or cannot be known)
 */
public record HotResetPrediction(PciAddress device, boolean possible, Optional<HotResetScope> scope,
                                 Optional<PciAddress> resetBridge, List<PciAddress> affected,
                                 List<Integer> groups, List<PciAddress> withoutGroup,
                                 String reason, String reasonCode) {

    /** Reason code: the function's upstream bridge cannot be known, so whether a hot reset is possible is unknown. */
    public static final String PARENT_UNKNOWN = "PARENT_UNKNOWN";

    public HotResetPrediction {
        affected = List.copyOf(affected);
        groups = List.copyOf(groups);
        withoutGroup = List.copyOf(withoutGroup);
        if (possible && PARENT_UNKNOWN.equals(reasonCode)) {
            throw new IllegalArgumentException("a hot reset whose parent is unknown cannot be called possible");
        }
    }

    /** False when the host root does not show whether the kernel offers a hot reset ({@code PARENT_UNKNOWN}). */
    public boolean possibleKnown() {
        return !PARENT_UNKNOWN.equals(reasonCode);
    }

    /** {@link #possible()} when it is known, empty when unknown: JSON's {@code hotReset.possible} (null then). */
    public Optional<Boolean> possibility() {
        return possibleKnown() ? Optional.of(possible) : Optional.empty();
    }
}
