package org.vfioinspector.core.host;

import java.util.List;
import java.util.Map;

import org.vfioinspector.core.model.PciAddress;

/**
 * Who holds which VFIO group or device, read from {@code proc/<pid>/fd}.
 *
 * @param byGroup     holders of {@code /dev/vfio/N}, by group number
 * @param byDevice    holders of a device cdev ({@code /dev/vfio/devices/vfioX}), by function
 * @param iommufd     holders of {@code /dev/iommu}
 * @param complete    false when some processes' fds could not be read (not root): then "no holder"
 *                    means "unknown", never "free"
 * @param notes       what could not be read
 */
public record HolderScan(Map<Integer, List<Holder>> byGroup, Map<PciAddress, List<Holder>> byDevice,
                         List<Holder> iommufd, boolean complete, List<String> notes) {

    public static final HolderScan NONE = new HolderScan(Map.of(), Map.of(), List.of(), true, List.of());

    public HolderScan {
        byGroup = Map.copyOf(byGroup);
        byDevice = Map.copyOf(byDevice);
        iommufd = List.copyOf(iommufd);
        notes = List.copyOf(notes);
    }

    public List<Holder> holdersOfGroup(int group) {
        return byGroup.getOrDefault(group, List.of());
    }

    public List<Holder> holdersOfDevice(PciAddress a) {
        return byDevice.getOrDefault(a, List.of());
    }
}
