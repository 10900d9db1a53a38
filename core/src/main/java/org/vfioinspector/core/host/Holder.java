package org.vfioinspector.core.host;

import java.util.List;

/**
 * A process that holds VFIO files open: a group ({@code /dev/vfio/N}), a device cdev
 * ({@code /dev/vfio/devices/vfioX}), the container ({@code /dev/vfio/vfio}) or {@code /dev/iommu}.
 * {@code kvmVfio} means it also holds KVM's {@code kvm-vfio} device: a VM whose KVM uses the group
 * as an external user.
 *
 * @param files the VFIO-related targets it holds, as the links name them
 */
public record Holder(int pid, String command, String cmdline, List<String> files, boolean kvmVfio, boolean kvm) {

    public Holder {
        files = List.copyOf(files);
    }

    /** {@code qemu-system-x86 (pid 4242, a KVM VM)}. */
    public String describe() {
        return command + " (pid " + pid + (kvmVfio ? ", a KVM virtual machine using it through kvm-vfio"
                : kvm ? ", a KVM process" : "") + ")";
    }
}
