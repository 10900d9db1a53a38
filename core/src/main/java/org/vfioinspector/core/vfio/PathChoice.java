package org.vfioinspector.core.vfio;

import java.util.Objects;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.sysfs.VfioInterfaces;
import org.vfioinspector.core.sysfs.VfioInterfaces.Presence;

/**
 * Which VFIO interface a reset goes through, and why: the cdev path when asked for ({@code --cdev}) or when the group
 * path is missing ({@code /dev/vfio/vfio} absent: a kernel without {@code CONFIG_VFIO_CONTAINER} and without iommufd's
 * compat container) while the cdev path is there; the group path otherwise (it works on every kernel that has it).
 *
 * @param reason one sentence, printed with the report and recorded in its JSON as {@code pathReason}
 */
public record PathChoice(VfioPath path, String reason) {

    public PathChoice {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
    }

    public static PathChoice choose(boolean cdevAsked, VfioInterfaces vi, PciAddress target) {
        if (cdevAsked) {
            return new PathChoice(VfioPath.CDEV, "the cdev path (/dev/iommu and /dev/vfio/devices/vfioN) was asked for "
                    + "with --cdev");
        }
        boolean cdevThere = vi.iommufd() == Presence.PRESENT
                && (vi.cdevs().containsKey(target) || vi.kernelCdev() == Presence.PRESENT);
        if (vi.container() == Presence.ABSENT && cdevThere) {
            return new PathChoice(VfioPath.CDEV, "/dev/vfio/vfio is missing (this kernel has no group path: neither "
                    + "CONFIG_VFIO_CONTAINER nor IOMMUFD_VFIO_CONTAINER), while /dev/iommu and the device cdevs are there");
        }
        return new PathChoice(VfioPath.GROUP, vi.container() == Presence.ABSENT
                ? "/dev/vfio/vfio is missing, but the cdev path is not there either (/dev/iommu " + vi.iommufd().json()
                        + ", device cdevs " + vi.kernelCdev().json() + "): the group path is tried and its error explained"
                : "the group path (/dev/vfio/vfio and /dev/vfio/N) works on every kernel; --cdev chooses the cdev path");
    }
}
