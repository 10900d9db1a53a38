package org.vfioinspector.core.vfio;

import java.util.Objects;
import org.vfioinspector.core.model.PciAddress;

/**
 * One device a PCI hot reset would affect, as {@code VFIO_DEVICE_GET_PCI_HOT_RESET_INFO} reported it
 * ({@code struct vfio_pci_dependent_device}).
 *
 * @param groupId the IOMMU group number; when {@code devIdMode} it is the raw iommufd {@code devid}
 *                instead ({@code VFIO_PCI_DEVID_OWNED} = 0, {@code VFIO_PCI_DEVID_NOT_OWNED} = -1)
 * @param segment the PCI segment (domain), 0..ffff: the kernel's field is 16 bits wide, so a domain
 *                above ffff (VMD) arrives truncated
 * @param bus the bus number, 0..ff
 * @param devfn device and function packed as {@code PCI_DEVFN}, 0..ff
 * @param devIdMode the reply had {@code VFIO_PCI_HOT_RESET_FLAG_DEV_ID} (device opened as a cdev)
 * @param ownership who owns this device, as far as the reply says
 */
public record DependentDevice(int groupId, int segment, int bus, int devfn, boolean devIdMode,
                              Ownership ownership) {

    /** Ownership as the kernel reports it; only cdev opens report it per device. */
    public enum Ownership {
        /** Group mode: the caller proves ownership by passing the group's fd to the hot reset. */
        PROVEN_BY_GROUP_FD,
        /** cdev mode: a valid devid (&gt; 0) within the calling device's iommufd context. */
        OPENED,
        /** cdev mode: {@code VFIO_PCI_DEVID_OWNED}, owned through a group already opened. */
        OWNED,
        /** cdev mode: {@code VFIO_PCI_DEVID_NOT_OWNED}; blocks a hot reset through this interface. */
        NOT_OWNED;

        /** The ownership the kernel's raw {@code group_id}/{@code devid} value stands for. */
        static Ownership of(boolean devIdMode, int rawId) {
            if (!devIdMode) {
                return PROVEN_BY_GROUP_FD;
            }
            if (rawId == Vfio.VFIO_PCI_DEVID_OWNED) {
                return OWNED;
            }
            return rawId == Vfio.VFIO_PCI_DEVID_NOT_OWNED ? NOT_OWNED : OPENED;
        }
    }

    public DependentDevice {
        Objects.requireNonNull(ownership, "ownership");
        if (segment < 0 || segment > 0xffff) {
            throw new IllegalArgumentException("segment must be 0..ffff, was " + segment);
        }
        if (bus < 0 || bus > 0xff) {
            throw new IllegalArgumentException("bus must be 0..ff, was " + bus);
        }
        if (devfn < 0 || devfn > 0xff) {
            throw new IllegalArgumentException("devfn must be 0..ff, was " + devfn);
        }
        if (ownership != Ownership.of(devIdMode, groupId)) {
            throw new IllegalArgumentException("ownership " + ownership + " contradicts "
                    + (devIdMode ? "devid " : "group mode, group ") + groupId);
        }
    }

    /** A dependent reported in group mode (the only mode of the group/container API). */
    public static DependentDevice inGroup(int groupId, PciAddress address) {
        return new DependentDevice(groupId, address.domain(), address.bus(), address.devfn(), false,
                Ownership.PROVEN_BY_GROUP_FD);
    }

    /** The function's address: segment as the domain, {@code devfn} split as {@code PCI_SLOT/PCI_FUNC}. */
    public PciAddress address() {
        return new PciAddress(segment, bus, devfn >>> 3, devfn & 7);
    }

    /** The raw devid of a cdev-mode reply; the same storage as {@link #groupId()} (a C union). */
    public int devId() {
        return groupId;
    }

    @Override
    public String toString() {
        return address() + (devIdMode ? " devid " + groupId + " " + ownership : " group " + groupId);
    }
}
