package org.vfioinspector.core.vfio;

import com.sun.jna.Memory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.vfio.VfioStructs.vfio_group_status;

/**
 * A VFIO group ({@code /dev/vfio/N}): one IOMMU group. The kernel lets one process hold it at a time
 * (a second open fails with EBUSY).
 *
 * <p>Not thread-safe. {@link #close()} is idempotent; close devices before their group and the group
 * before its container.
 */
public final class VfioGroup extends FdHandle {

    private final Syscalls sys;

    private VfioGroup(Syscalls sys, Fd fd) {
        super(fd);
        this.sys = sys;
    }

    /**
     * Opens a group node.
     *
     * @param devVfioGroup e.g. {@code hostRoot.resolve("dev/vfio/12")}
     * @throws VfioException ENOENT (no such group, or its devices are not on vfio-pci), EBUSY (held
     *         by another process), EACCES/EPERM (not root)
     */
    public static VfioGroup open(Path devVfioGroup) throws VfioException {
        return open(devVfioGroup, Syscalls.LIVE);
    }

    static VfioGroup open(Path devVfioGroup, Syscalls sys) throws VfioException {
        return new VfioGroup(sys, Fd.open(sys, Objects.requireNonNull(devVfioGroup, "devVfioGroup")));
    }

    /** {@code VFIO_GROUP_GET_STATUS}. */
    public GroupStatus getStatus() throws VfioException {
        vfio_group_status status = new vfio_group_status();
        status.write();
        fd.ioctl("VFIO_GROUP_GET_STATUS", Vfio.VFIO_GROUP_GET_STATUS, status.getPointer());
        status.read();
        return GroupStatus.fromFlags(status.flags);
    }

    /**
     * {@code VFIO_GROUP_SET_CONTAINER}: attach this group to a container. EPERM when the group is not
     * viable (a member is still on a host driver); EBUSY when it is already attached elsewhere.
     */
    public void setContainer(VfioContainer container) throws VfioException {
        Memory containerFd = new Memory(Integer.BYTES);
        containerFd.setInt(0, container.fd());
        fd.ioctl("VFIO_GROUP_SET_CONTAINER", Vfio.VFIO_GROUP_SET_CONTAINER, containerFd);
    }

    /** {@code VFIO_GROUP_UNSET_CONTAINER}: detach from the container (EINVAL when not attached). */
    public void unsetContainer() throws VfioException {
        fd.ioctl("VFIO_GROUP_UNSET_CONTAINER", Vfio.VFIO_GROUP_UNSET_CONTAINER, 0L);
    }

    /**
     * {@code VFIO_GROUP_GET_DEVICE_FD}: open one device of this group. Needs the group attached to a
     * container with an IOMMU set. The name is the kernel's device name, {@code dddd:bb:dd.f} for PCI.
     *
     * @throws IllegalArgumentException for an empty name or one with a NUL or '/' (never a device name)
     */
    public VfioDevice getDeviceFd(String bdf) throws VfioException {
        Objects.requireNonNull(bdf, "bdf");
        if (bdf.isEmpty() || bdf.indexOf('\0') >= 0 || bdf.indexOf('/') >= 0) {
            throw new IllegalArgumentException("not a device name: '" + bdf.replace('\0', '?') + "'");
        }
        byte[] name = bdf.getBytes(StandardCharsets.UTF_8);
        Memory arg = new Memory(name.length + 1L);
        arg.write(0, name, 0, name.length);
        arg.setByte(name.length, (byte) 0);
        int deviceFd = fd.ioctl("VFIO_GROUP_GET_DEVICE_FD", Vfio.VFIO_GROUP_GET_DEVICE_FD, arg);
        return new VfioDevice(Fd.adopt(sys, deviceFd, bdf));
    }

    /** {@link #getDeviceFd(String)} for a PCI function. */
    public VfioDevice getDeviceFd(PciAddress address) throws VfioException {
        return getDeviceFd(address.toString());
    }
}
