package org.vfioinspector.core.vfio;

import com.sun.jna.Memory;
import java.util.List;
import java.nio.file.Path;
import org.vfioinspector.core.vfio.VfioStructs.vfio_device_attach_iommufd_pt;
import org.vfioinspector.core.vfio.VfioStructs.vfio_device_bind_iommufd;
import org.vfioinspector.core.vfio.VfioStructs.vfio_device_info;

/**
 * One VFIO device, obtained from {@link VfioGroup#getDeviceFd(String)} (group path) or opened as its cdev
 * {@code /dev/vfio/devices/vfioN} ({@link #openCdev}), which answers nothing but {@code VFIO_DEVICE_BIND_IOMMUFD} (EINVAL)
 * until it is bound to an iommufd.
 *
 * <p>Not thread-safe. {@link #close()} is idempotent. Note that when the last user closes a vfio-pci
 * device the kernel resets it (a bus reset when the function has no FLR), so closing is not free.
 */
public final class VfioDevice extends FdHandle {

    /** Rounds of the ENOSPC sizing exchange before giving up: the count only grows on hotplug. */
    static final int MAX_INFO_ATTEMPTS = 4;

    private static final String GET_INFO = "VFIO_DEVICE_GET_PCI_HOT_RESET_INFO";


    VfioDevice(Fd fd) {
        super(fd);
    }

    /** Opens a device cdev ({@code /dev/vfio/devices/vfioN}); EBUSY when its IOMMU group is open through the group path. */
    static VfioDevice openCdev(Path cdev, Syscalls sys) throws VfioException {
        return new VfioDevice(Fd.open(sys, cdev));
    }

    /**
     * {@code VFIO_DEVICE_BIND_IOMMUFD}: binds this cdev to {@code iommufd}; returns the devid the kernel gave it
     * (the id {@code VFIO_DEVICE_GET_PCI_HOT_RESET_INFO} reports for it). EPERM when another function of its IOMMU group
     * is on a host driver or the device is bound to another iommufd; EINVAL when already bound.
     */
    public int bindIommufd(Iommufd iommufd) throws VfioException {
        vfio_device_bind_iommufd bind = new vfio_device_bind_iommufd();
        bind.flags = 0;
        bind.iommufd = iommufd.fd();
        bind.write();
        fd.ioctl("VFIO_DEVICE_BIND_IOMMUFD", Vfio.VFIO_DEVICE_BIND_IOMMUFD, bind.getPointer());
        bind.read();
        return bind.out_devid;
    }

    /** {@code VFIO_DEVICE_ATTACH_IOMMUFD_PT}: attaches the bound device to the IOAS (or HWPT) {@code ptId}. */
    public void attachIommufdPt(int ptId) throws VfioException {
        vfio_device_attach_iommufd_pt attach = new vfio_device_attach_iommufd_pt();
        attach.flags = 0;
        attach.pt_id = ptId;
        attach.write();
        fd.ioctl("VFIO_DEVICE_ATTACH_IOMMUFD_PT", Vfio.VFIO_DEVICE_ATTACH_IOMMUFD_PT, attach.getPointer());
    }

    /**
     * {@code VFIO_DEVICE_PCI_HOT_RESET} with {@code count} 0, the cdev form: the kernel proves ownership itself, every
     * device of the set must be owned by this device's iommufd (EINVAL otherwise; a count above 0 on a cdev is EINVAL).
     */
    public void hotResetOwnedByIommufd() throws VfioException {
        fd.ioctl("VFIO_DEVICE_PCI_HOT_RESET", Vfio.VFIO_DEVICE_PCI_HOT_RESET, HotResetRequestCodec.encode(new int[0]));
    }

    /** The kernel's device name this handle was opened with. */
    public String name() {
        return fd.target();
    }

    /** {@code VFIO_DEVICE_GET_INFO}. */
    public DeviceInfo getInfo() throws VfioException {
        vfio_device_info info = new vfio_device_info();
        info.write();
        fd.ioctl("VFIO_DEVICE_GET_INFO", Vfio.VFIO_DEVICE_GET_INFO, info.getPointer());
        info.read();
        return new DeviceInfo(info.flags, info.num_regions, info.num_irqs);
    }

    /**
     * {@code VFIO_DEVICE_RESET}: the function-level reset the kernel chose for this function (FLR, PM,
     * quirk, or a bus reset when it is alone on its bus). EINVAL when it has none
     * ({@link DeviceInfo#canReset()} is false).
     */
    public void reset() throws VfioException {
        fd.ioctl("VFIO_DEVICE_RESET", Vfio.VFIO_DEVICE_RESET, 0L);
    }

    /**
     * {@code VFIO_DEVICE_GET_PCI_HOT_RESET_INFO}: every device a slot or bus reset of this device would
     * affect, in the kernel's order. Asks first with room for none ({@code argsz} 12); the kernel
     * answers ENOSPC with the {@code count} it needs, and the call is repeated with
     * {@code 12 + 8 * count}. If the count grows in between (hotplug) or the kernel reports EAGAIN
     * (topology changed during its walk), it tries again, at most {@value #MAX_INFO_ATTEMPTS} times.
     *
     * @throws VfioException ENODEV (no slot or bus reset possible, e.g. a root bus), EPERM (a dependent
     *         has no IOMMU group), ENOSPC/EAGAIN when the topology kept changing, EPROTO for an
     *         implausible count
     */
    public List<DependentDevice> getPciHotResetInfo() throws VfioException {
        return getPciHotResetInfoReply().devices();
    }

    HotResetInfo getPciHotResetInfoReply() throws VfioException {
        int capacity = 0;
        VfioException last = null;
        for (int attempt = 0; attempt < MAX_INFO_ATTEMPTS; attempt++) {
            Memory buf = HotResetInfoCodec.request(capacity);
            try {
                fd.ioctl(GET_INFO, Vfio.VFIO_DEVICE_GET_PCI_HOT_RESET_INFO, buf);
            } catch (VfioException e) {
                last = e;
                if (e.errno() == Errno.ENOSPC) {
                    int needed = plausibleCount(HotResetInfoCodec.header(buf).count);
                    if (needed <= capacity) {
                        throw e; // no room yet room enough: not an answer a retry can fix
                    }
                    capacity = needed;
                    continue;
                }
                if (e.errno() == Errno.EAGAIN) {
                    continue;
                }
                throw e;
            }
            int count = plausibleCount(HotResetInfoCodec.header(buf).count);
            if (count > capacity) {
                throw protocolError("the kernel reported " + count + " dependent devices in room for "
                        + capacity);
            }
            return HotResetInfoCodec.decode(buf);
        }
        throw last;
    }

    private int plausibleCount(int count) throws VfioException {
        if (count < 0 || count > HotResetInfoCodec.MAX_COUNT) {
            throw protocolError("implausible dependent device count " + Integer.toUnsignedString(count));
        }
        return count;
    }

    private VfioException protocolError(String why) {
        return new VfioException(GET_INFO, fd.target(), Errno.EPROTO, why);
    }

    /**
     * {@code VFIO_DEVICE_PCI_HOT_RESET}: reset the slot or bus, proving ownership of every affected
     * IOMMU group with its open group fd. The list is passed as given (an empty list too: the kernel
     * answers EINVAL for group-mode devices).
     *
     * @throws VfioException EINVAL (a dependent not on vfio-pci, a group missing, a non-group fd, more
     *         fds than groups), EBADF, EBUSY (device set locked), EAGAIN, ENOTTY (the link did not
     *         come back after the reset), ENODEV (no slot or bus reset possible)
     * @throws IllegalStateException when a group in the list is closed
     */
    public void hotReset(List<VfioGroup> groups) throws VfioException {
        int[] groupFds = groups.stream().mapToInt(VfioGroup::fd).toArray();
        Memory buf = HotResetRequestCodec.encode(groupFds);
        fd.ioctl("VFIO_DEVICE_PCI_HOT_RESET", Vfio.VFIO_DEVICE_PCI_HOT_RESET, buf);
    }
}
