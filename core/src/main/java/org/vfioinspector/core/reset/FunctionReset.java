package org.vfioinspector.core.reset;

import java.util.List;
import java.util.Optional;

import org.vfioinspector.core.model.PciAddress;

/**
 * A function reset ({@code VFIO_DEVICE_RESET}) of one function: vfio-pci offers it when the kernel has any
 * reset method that works for the function, and the kernel tries {@code reset_method}'s entries in order.
 *
 * @param possible   true when the kernel has a method that works now, false when it has none, empty when unknown
 * @param method     the method the kernel will use (the first in its order that works for this function)
 * @param methods    the kernel's methods and where they were read or inferred
 * @param affected   the function itself (a function reset touches nothing else)
 * @param groups     its IOMMU group, the only group VFIO opens for it
 * @param reason     one sentence: what the kernel will do, or why it cannot
 * @param blockers   reasons it must not run now
 * @param warnings   what the engineer must acknowledge
 * @param unknowns   what the verdict depends on but cannot be known from the host root
 */
public record FunctionReset(Optional<Boolean> possible, Optional<String> method, KernelResetMethods methods,
                            List<PciAddress> affected, List<Integer> groups, String reason,
                            List<Finding> blockers, List<Finding> warnings, List<Finding> unknowns) {

    public FunctionReset {
        affected = List.copyOf(affected);
        groups = List.copyOf(groups);
        blockers = List.copyOf(blockers);
        warnings = List.copyOf(warnings);
        unknowns = List.copyOf(unknowns);
    }

    public Verdict verdict() {
        return Verdict.of(blockers, unknowns);
    }
}
