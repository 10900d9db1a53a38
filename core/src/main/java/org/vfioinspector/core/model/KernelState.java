package org.vfioinspector.core.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the kernel does with a PCI function: the bound driver ({@code driver} link), the
 * {@code driver_override}, the IOMMU group ({@code iommu_group} link) and the reset methods.
 *
 * @param resetMethods {@code reset_method} as read: empty Optional when the attribute is absent
 *                     (the kernel found no reset method), an empty list when it was disabled
 */
public record KernelState(Optional<String> driver, Optional<String> driverOverride, OptionalInt iommuGroup,
                          Optional<List<String>> resetMethods) {

    public KernelState {
        resetMethods = resetMethods.map(List::copyOf);
    }
}
