package org.vfioinspector.core.vfio;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/**
 * The fixed parts of the {@code <linux/vfio.h>} structs this tool passes to ioctls, with the header's
 * names. Unsigned C types map to Java types of the same width ({@code __u32} → int, {@code __u16} →
 * short, {@code __u8} → byte); readers widen them with {@code toUnsignedInt}. Flexible array members
 * ({@code devices[]}, {@code group_fds[]}) are not fields: the codecs place them after {@code size()}.
 */
final class VfioStructs {

    private VfioStructs() {
    }

    /** Base class that exposes JNA's field offsets to the oracle test and the codecs. */
    abstract static class VfioStruct extends Structure {
        VfioStruct() {
        }

        VfioStruct(Pointer p) {
            super(p);
        }

        /** {@code offsetof(struct, field)}. */
        int offsetOf(String field) {
            return fieldOffset(field);
        }
    }

    /** {@code struct vfio_group_status}. */
    @FieldOrder({"argsz", "flags"})
    public static final class vfio_group_status extends VfioStruct {
        public int argsz;
        public int flags;

        public vfio_group_status() {
            argsz = size();
        }

        public vfio_group_status(Pointer p) {
            super(p);
        }
    }

    /**
     * {@code struct vfio_device_info}. {@code pad} is in the current uapi (it makes the size a multiple
     * of 8); older headers end at {@code cap_offset}. The kernel only requires
     * {@code argsz >= offsetofend(num_irqs)}, so the larger size works with every kernel.
     */
    @FieldOrder({"argsz", "flags", "num_regions", "num_irqs", "cap_offset", "pad"})
    public static final class vfio_device_info extends VfioStruct {
        public int argsz;
        public int flags;
        public int num_regions;
        public int num_irqs;
        public int cap_offset;
        public int pad;

        public vfio_device_info() {
            argsz = size();
        }

        public vfio_device_info(Pointer p) {
            super(p);
        }
    }

    /**
     * {@code struct vfio_pci_dependent_device}. In Linux 6.6+ headers {@code group_id} shares a union
     * with {@code __u32 devid} (reported instead when the hot-reset-info flags have
     * {@code VFIO_PCI_HOT_RESET_FLAG_DEV_ID}); both live at offset 0, so one field serves both.
     */
    @FieldOrder({"group_id", "segment", "bus", "devfn"})
    public static final class vfio_pci_dependent_device extends VfioStruct {
        public int group_id;
        public short segment;
        public byte bus;
        public byte devfn;

        public vfio_pci_dependent_device() {
        }

        public vfio_pci_dependent_device(Pointer p) {
            super(p);
        }
    }

    /** The fixed header of {@code struct vfio_pci_hot_reset_info}; {@code devices[]} follows it. */
    @FieldOrder({"argsz", "flags", "count"})
    public static final class vfio_pci_hot_reset_info extends VfioStruct {
        public int argsz;
        public int flags;
        public int count;

        public vfio_pci_hot_reset_info() {
        }

        public vfio_pci_hot_reset_info(Pointer p) {
            super(p);
        }
    }

    /** The fixed header of {@code struct vfio_pci_hot_reset}; {@code __s32 group_fds[]} follows it. */
    @FieldOrder({"argsz", "flags", "count"})
    public static final class vfio_pci_hot_reset extends VfioStruct {
        public int argsz;
        public int flags;
        public int count;

        public vfio_pci_hot_reset() {
        }

        public vfio_pci_hot_reset(Pointer p) {
            super(p);
        }
    }

    /** {@code struct vfio_device_bind_iommufd} (6.12): binds an opened device cdev to an iommufd; the kernel fills {@code out_devid}. */
    @FieldOrder({"argsz", "flags", "iommufd", "out_devid"})
    public static final class vfio_device_bind_iommufd extends VfioStruct {
        public int argsz;
        public int flags;
        public int iommufd;
        public int out_devid;

        public vfio_device_bind_iommufd() {
            argsz = size();
        }

        public vfio_device_bind_iommufd(Pointer p) {
            super(p);
        }
    }

    /** {@code struct vfio_device_attach_iommufd_pt} (6.12): attaches a bound device to an IOAS or HWPT ({@code pt_id}). */
    @FieldOrder({"argsz", "flags", "pt_id"})
    public static final class vfio_device_attach_iommufd_pt extends VfioStruct {
        public int argsz;
        public int flags;
        public int pt_id;

        public vfio_device_attach_iommufd_pt() {
            argsz = size();
        }

        public vfio_device_attach_iommufd_pt(Pointer p) {
            super(p);
        }
    }

    /** {@code struct iommu_ioas_alloc} of {@code <linux/iommufd.h>}: the kernel fills {@code out_ioas_id}. */
    @FieldOrder({"size", "flags", "out_ioas_id"})
    public static final class iommu_ioas_alloc extends VfioStruct {
        public int size;
        public int flags;
        public int out_ioas_id;

        public iommu_ioas_alloc() {
            size = size();
        }

        public iommu_ioas_alloc(Pointer p) {
            super(p);
        }
    }
}
