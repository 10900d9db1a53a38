package org.vfioinspector.core.vfio;

/**
 * Constants of {@code <linux/vfio.h>} and {@code <linux/iommufd.h>}, named exactly as the headers, with ioctl numbers computed by the
 * header's own macros ({@code _IO} from {@code <asm-generic/ioctl.h>}). The oracle test compiles a C
 * program against the real header and compares every value.
 *
 * <p>The ioctl encoding is the asm-generic one used by x86_64, arm64 and riscv64. (powerpc, mips and
 * sparc encode the direction differently; this tool does not target them.)
 */
public final class Vfio {

    private Vfio() {
    }

    // <asm-generic/ioctl.h>
    static final int _IOC_NRBITS = 8;
    static final int _IOC_TYPEBITS = 8;
    static final int _IOC_SIZEBITS = 14;
    static final int _IOC_NRSHIFT = 0;
    static final int _IOC_TYPESHIFT = _IOC_NRSHIFT + _IOC_NRBITS;
    static final int _IOC_SIZESHIFT = _IOC_TYPESHIFT + _IOC_TYPEBITS;
    static final int _IOC_DIRSHIFT = _IOC_SIZESHIFT + _IOC_SIZEBITS;
    static final int _IOC_NONE = 0;

    /** {@code _IOC(dir,type,nr,size)}; unsigned long in C, so a long here. */
    static long _IOC(int dir, int type, int nr, int size) {
        return ((long) dir << _IOC_DIRSHIFT) | ((long) type << _IOC_TYPESHIFT)
                | ((long) nr << _IOC_NRSHIFT) | ((long) size << _IOC_SIZESHIFT);
    }

    /** {@code _IO(type,nr)}: no direction, no size. VFIO uses only this form and passes argsz instead. */
    static long _IO(int type, int nr) {
        return _IOC(_IOC_NONE, type, nr, 0);
    }

    public static final int VFIO_API_VERSION = 0;
    public static final int VFIO_TYPE1_IOMMU = 1;
    public static final int VFIO_TYPE1v2_IOMMU = 3;

    public static final int VFIO_TYPE = ';';
    public static final int VFIO_BASE = 100;

    public static final long VFIO_GET_API_VERSION = _IO(VFIO_TYPE, VFIO_BASE + 0);
    public static final long VFIO_CHECK_EXTENSION = _IO(VFIO_TYPE, VFIO_BASE + 1);
    public static final long VFIO_SET_IOMMU = _IO(VFIO_TYPE, VFIO_BASE + 2);
    public static final long VFIO_GROUP_GET_STATUS = _IO(VFIO_TYPE, VFIO_BASE + 3);
    public static final long VFIO_GROUP_SET_CONTAINER = _IO(VFIO_TYPE, VFIO_BASE + 4);
    public static final long VFIO_GROUP_UNSET_CONTAINER = _IO(VFIO_TYPE, VFIO_BASE + 5);
    public static final long VFIO_GROUP_GET_DEVICE_FD = _IO(VFIO_TYPE, VFIO_BASE + 6);
    public static final long VFIO_DEVICE_GET_INFO = _IO(VFIO_TYPE, VFIO_BASE + 7);
    public static final long VFIO_DEVICE_RESET = _IO(VFIO_TYPE, VFIO_BASE + 11);
    public static final long VFIO_DEVICE_GET_PCI_HOT_RESET_INFO = _IO(VFIO_TYPE, VFIO_BASE + 12);
    public static final long VFIO_DEVICE_PCI_HOT_RESET = _IO(VFIO_TYPE, VFIO_BASE + 13);

    // The vfio device cdev (/dev/vfio/devices/vfioN, Linux 6.6+ with CONFIG_VFIO_DEVICE_CDEV). Debian 12's 6.1
    // header lacks them; the oracle test checks them against the 6.12 uapi headers of linux-source-6.12.
    public static final long VFIO_DEVICE_BIND_IOMMUFD = _IO(VFIO_TYPE, VFIO_BASE + 18);
    public static final long VFIO_DEVICE_ATTACH_IOMMUFD_PT = _IO(VFIO_TYPE, VFIO_BASE + 19);
    public static final long VFIO_DEVICE_DETACH_IOMMUFD_PT = _IO(VFIO_TYPE, VFIO_BASE + 20);

    // <linux/iommufd.h> (/dev/iommu, CONFIG_IOMMUFD). IOMMUFD_CMD_* are enum values there, not macros.
    public static final int IOMMUFD_TYPE = ';';
    public static final int IOMMUFD_CMD_BASE = 0x80;
    public static final int IOMMUFD_CMD_DESTROY = IOMMUFD_CMD_BASE;
    public static final int IOMMUFD_CMD_IOAS_ALLOC = 0x81;
    public static final long IOMMU_DESTROY = _IO(IOMMUFD_TYPE, IOMMUFD_CMD_DESTROY);
    public static final long IOMMU_IOAS_ALLOC = _IO(IOMMUFD_TYPE, IOMMUFD_CMD_IOAS_ALLOC);

    // struct vfio_group_status.flags
    public static final int VFIO_GROUP_FLAGS_VIABLE = 1 << 0;
    public static final int VFIO_GROUP_FLAGS_CONTAINER_SET = 1 << 1;

    // struct vfio_device_info.flags
    public static final int VFIO_DEVICE_FLAGS_RESET = 1 << 0;
    public static final int VFIO_DEVICE_FLAGS_PCI = 1 << 1;

    // struct vfio_pci_hot_reset_info.flags and the devid values of struct vfio_pci_dependent_device.
    // Defined per the current kernel uapi (Linux 6.6+, cdev/iommufd opens). Older headers, such as
    // Debian 12's linux-libc-dev 6.1, lack them; the oracle test checks them only where the header has them.
    public static final int VFIO_PCI_HOT_RESET_FLAG_DEV_ID = 1 << 0;
    public static final int VFIO_PCI_HOT_RESET_FLAG_DEV_ID_OWNED = 1 << 1;
    public static final int VFIO_PCI_DEVID_OWNED = 0;
    public static final int VFIO_PCI_DEVID_NOT_OWNED = -1;
}
