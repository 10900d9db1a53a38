package org.vfioinspector.core.model;

import java.util.List;
import java.util.Optional;

/**
 * An IOMMU group as the kernel formed it ({@code sys/kernel/iommu_groups/N}). {@code type} is the
 * default domain type ({@code DMA}, {@code DMA-FQ}, {@code identity}, {@code blocked}) when readable.
 */
public record IommuGroup(int id, Optional<String> type, List<PciAddress> devices) implements Comparable<IommuGroup> {

    public IommuGroup {
        if (id < 0) {
            throw new IllegalArgumentException("IOMMU group number must not be negative: " + id);
        }
        devices = devices.stream().sorted().distinct().toList();
    }

    @Override
    public int compareTo(IommuGroup o) {
        return Integer.compare(id, o.id);
    }
}
